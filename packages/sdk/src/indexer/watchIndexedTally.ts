import type { Address } from "viem";
import { getIndexedTally } from "./getIndexedTally.ts";
import type { IndexerRequestOptions } from "./request.ts";
import { graphqlEvents, openSubscription } from "./sse.ts";
import {
  type IndexedTallyRevision,
  indexedProposalId,
  type RevisionJson,
  revisionFields,
  toIndexedRevision,
} from "./tally.ts";

/** One update: a new revision, or after a reorg (`replacing`) the tally as it now stands. */
export interface IndexedTallyUpdate {
  /**
   * True after a reorg or a reconnect: this revision replaces every one received above its block
   * (redraw rather than append).
   */
  replacing: boolean;
  /** Null if a reorg dropped the proposal itself. */
  revision: IndexedTallyRevision | null;
}

/** Parameters of {@link watchIndexedTally}. */
export interface WatchIndexedTallyParameters extends Omit<IndexerRequestOptions, "signal"> {
  chainId: number;
  community: Address;
  proposalId: bigint;
  onUpdate: (update: IndexedTallyUpdate) => void;
  /** A lost connection or a refused query; the watch reconnects after `retryDelay` ms. */
  onError?: ((error: Error) => void) | undefined;
  /** Wait between reconnections (default 1,000 ms). */
  retryDelay?: number | undefined;
}

/**
 * Follows a proposal's tally revisions through the indexer's `tallyRevisions` subscription (server-
 * sent events). It first reports the latest revision (`replacing: true`), then each new one; after a
 * reorg the corrected tally arrives with `replacing: true`. A dropped connection is reopened and the
 * latest revision read again (`replacing: true`), so nothing is missed. Returns `unwatch`.
 * @example
 * import { watchIndexedTally } from "@plenum/sdk";
 * const unwatch = watchIndexedTally({
 *   indexerUrl: "http://127.0.0.1:8548",
 *   chainId: 31337,
 *   community: "0x8EFa1819Ff5B279077368d44B593a4543280e402",
 *   proposalId: 2n,
 *   onUpdate: ({ replacing, revision }) => console.log(replacing, revision?.tally.tallies),
 * });
 * // later
 * unwatch();
 */
export function watchIndexedTally(parameters: WatchIndexedTallyParameters): () => void {
  const { onUpdate, onError, retryDelay = 1_000 } = parameters;
  const controller = new AbortController();
  const options = { ...parameters, signal: controller.signal };
  const id = indexedProposalId(parameters.chainId, parameters.community, parameters.proposalId);
  const query = `subscription ($id: ID!) { tallyRevisions(proposal: $id) { replacing revision { ${revisionFields} } } }`;

  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        // Subscribe first, then read the latest revision: a revision committed in between arrives
        // through the subscription, so none is lost (at worst one is reported twice).
        const response = await openSubscription(options, query, { id });
        const { revision } = await getIndexedTally(options);
        if (!controller.signal.aborted) onUpdate({ replacing: true, revision });
        for await (const data of graphqlEvents<{
          tallyRevisions: { replacing: boolean; revision: RevisionJson | null };
        }>(response)) {
          if (controller.signal.aborted) break;
          const event = data.tallyRevisions;
          onUpdate({
            replacing: event.replacing,
            revision: event.revision ? toIndexedRevision(event.revision) : null,
          });
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        onError?.(error as Error);
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelay));
    }
  };
  void run();
  return () => controller.abort();
}
