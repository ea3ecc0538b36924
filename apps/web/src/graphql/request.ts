// Typed GraphQL reads and subscriptions against the indexer, through the SDK's client.
import { print } from "@0no-co/graphql.web";
import { graphqlEvents, openSubscription, queryIndexer } from "@plenum/sdk";
import type { TadaDocumentNode } from "gql.tada";

/**
 * An indexer base URL made absolute against the page's origin (the SDK needs absolute URLs).
 * @example
 * absoluteUrl("/api/indexer") // "http://127.0.0.1:3000/api/indexer" in a page served from there
 */
export function absoluteUrl(url: string): string {
  return new URL(url, globalThis.location?.origin ?? "http://127.0.0.1").toString();
}

/**
 * Runs a typed query against the indexer (`indexerUrl`) and returns its data.
 * @throws IndexerError (from the SDK) when the indexer is unreachable or refuses the query.
 * @example
 * const data = await requestIndexer(indexerUrl, graphql(`query { _meta { block { number } } }`));
 */
export function requestIndexer<result, variables extends Record<string, unknown>>(
  indexerUrl: string,
  document: TadaDocumentNode<result, variables>,
  variables?: variables,
  signal?: AbortSignal,
): Promise<result> {
  return queryIndexer<result>(
    { indexerUrl: absoluteUrl(indexerUrl), signal },
    print(document),
    variables,
  );
}

/**
 * Opens a typed subscription (server-sent events): resolves once the server has answered, with the
 * stream of its results, which ends when `signal` aborts or the server completes it.
 * @example
 * const results = await openTyped(indexerUrl, BallotsSubscription, { proposal: id }, signal);
 * for await (const data of results) console.log(data.ballots);
 */
export async function openTyped<result, variables extends Record<string, unknown>>(
  indexerUrl: string,
  document: TadaDocumentNode<result, variables>,
  variables: variables | undefined,
  signal: AbortSignal,
): Promise<AsyncGenerator<result>> {
  const response = await openSubscription(
    { indexerUrl: absoluteUrl(indexerUrl), signal },
    print(document),
    variables,
  );
  return graphqlEvents<result>(response);
}
