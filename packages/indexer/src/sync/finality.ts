/**
 * When the follower treats a block as final. With `tag`, the node's `finalized` block (consensus
 * finality on proof-of-stake Ethereum, L1 finality on rollups) when the node answers it; otherwise,
 * or without `tag`, the head minus `depth` blocks. Nothing at or below the finalized block is ever
 * rolled back: a reorg reaching below it stops the follower with `ReorgTooDeepError`.
 *
 * @example
 * ```ts
 * const finality: Finality = { tag: false, depth: 12 };
 * ```
 */
export interface Finality {
  /** Ask the node for its `finalized` block. */
  tag: boolean;
  /** Blocks below the head that are final when the node has no `finalized` tag (or `tag` is false). */
  depth: number;
}

// Why these numbers:
// - Ethereum and its testnets: the `finalized` tag (two epochs, ~64–95 blocks); 64 without it.
// - OP Stack and Arbitrum chains: `finalized` is the L2 block whose batch is final on L1 (~15–20 min);
//   their unsafe head rarely reorgs, but only L1 finality is a promise.
// - Polygon PoS: `finalized` follows milestones; without it 256, as reorgs of 100+ blocks happened
//   before milestones existed.
// - Anvil / Hardhat (31337): anvil's `finalized` is a fixed 64 blocks behind the head, not consensus.
//   12 blocks let reorg tests go to depth 10 and make a dev chain's results final after a dozen
//   transactions (anvil mines a block per transaction).
// - Any other chain: the tag when the node answers it, else 64 blocks.
const byChain: Record<number, Finality> = {
  1: { tag: true, depth: 64 },
  11155111: { tag: true, depth: 64 },
  17000: { tag: true, depth: 64 },
  560048: { tag: true, depth: 64 },
  10: { tag: true, depth: 64 },
  8453: { tag: true, depth: 64 },
  84532: { tag: true, depth: 64 },
  11155420: { tag: true, depth: 64 },
  42161: { tag: true, depth: 64 },
  421614: { tag: true, depth: 64 },
  137: { tag: true, depth: 256 },
  100: { tag: true, depth: 64 },
  31337: { tag: false, depth: 12 },
};

/**
 * The default finality of a chain (see `Finality`), with `overrides` applied.
 *
 * @example
 * ```ts
 * finalityFor(31337); // => { tag: false, depth: 12 }
 * finalityFor(1, { depth: 96 }); // => { tag: true, depth: 96 }
 * ```
 */
export function finalityFor(chainId: number, overrides: Partial<Finality> = {}): Finality {
  const base = byChain[chainId] ?? { tag: true, depth: 64 };
  return {
    tag: overrides.tag ?? base.tag,
    depth: overrides.depth ?? base.depth,
  };
}
