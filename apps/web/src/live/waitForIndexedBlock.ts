// After a transaction: wait until the indexer has indexed its block, so a re-read shows its effect.
import { graphql } from "../graphql/graphql.ts";
import { requestIndexer } from "../graphql/request.ts";

const MetaQuery = graphql(`
  query Meta {
    _meta { block { number } }
  }
`);

/**
 * Resolves true once the indexer's head reaches `block`, false after `timeoutMs`.
 * @example
 * await waitForIndexedBlock("/api/indexer", receipt.blockNumber);
 */
export async function waitForIndexedBlock(
  indexerUrl: string,
  block: bigint,
  timeoutMs = 15_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const data = await requestIndexer(indexerUrl, MetaQuery);
      if (data._meta?.block && BigInt(data._meta.block.number) >= block) return true;
    } catch {
      // The indexer may be restarting: keep trying until the deadline.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
