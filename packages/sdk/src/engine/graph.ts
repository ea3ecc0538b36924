import { cycleError, EngineInputError } from "./validate.ts";

/** Marks a member whose chain is being walked right now; meeting it again means a cycle. */
const ON_PATH = -1;

interface ChainDepths<M> {
  /** Edges of the longest chain. */
  longest: number;
  /** A member at the start of a longest chain, if there is any edge. */
  deepest: M | undefined;
}

/** Edges from each member to the end of its chain, memoised so every member is walked once. */
function chainDepths<M extends string>(delegations: ReadonlyMap<M, M>): ChainDepths<M> {
  const depth = new Map<M, number>();
  const path: M[] = [];
  let longest = 0;
  let deepest: M | undefined;
  for (const start of delegations.keys()) {
    if (depth.has(start)) continue;
    path.length = 0;
    let node = start;
    let edges: number;
    for (;;) {
      const known = depth.get(node);
      if (known === ON_PATH) throw cycleError(path.slice(path.indexOf(node)));
      if (known !== undefined) {
        edges = known;
        break;
      }
      const next = delegations.get(node);
      if (next === undefined) {
        edges = 0;
        depth.set(node, 0);
        break;
      }
      depth.set(node, ON_PATH);
      path.push(node);
      node = next;
    }
    for (let k = path.length - 1; k >= 0; k--) {
      edges += 1;
      depth.set(path[k] as M, edges);
    }
    if (edges > longest) {
      longest = edges;
      deepest = start;
    }
  }
  return { longest, deepest };
}

/**
 * Length in edges of the longest delegation chain; throws a `cycle` {@link EngineInputError} if the
 * map is not a forest. Runs in time linear in the number of delegations.
 *
 * @example
 * ```ts
 * import { maxChainLength } from "@plenum/sdk/engine";
 * maxChainLength(new Map([["a", "b"], ["b", "c"], ["d", "c"]])); // => 2
 * maxChainLength(new Map()); // => 0
 * ```
 */
export function maxChainLength<M extends string>(delegations: ReadonlyMap<M, M>): number {
  return chainDepths(delegations).longest;
}

/**
 * Throws a `too-deep` {@link EngineInputError} naming the chain if any delegation chain is longer
 * than `maxDepth` edges (and a `cycle` one if the map is not a forest).
 *
 * @example
 * ```ts
 * import { assertMaxDepth } from "@plenum/sdk/engine";
 * assertMaxDepth(new Map([["a", "b"], ["b", "c"]]), 2); // => undefined
 * ```
 */
export function assertMaxDepth<M extends string>(
  delegations: ReadonlyMap<M, M>,
  maxDepth: number,
): void {
  const { longest, deepest } = chainDepths(delegations);
  if (longest <= maxDepth || deepest === undefined) return;
  const chain: M[] = [deepest];
  for (let node = delegations.get(deepest); node !== undefined; node = delegations.get(node)) {
    chain.push(node);
  }
  throw new EngineInputError(
    "too-deep",
    `delegation chain ${chain.join(" -> ")} is ${longest} edges long; the limit is ${maxDepth}`,
    chain,
  );
}
