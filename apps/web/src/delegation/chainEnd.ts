// Why a delegation chain upward stops where it does, in words.
import { shortAddress } from "../format/address.ts";

/**
 * Why a chain upward stops where it does, in words.
 * @example
 * chainEnd([], undefined, "General") // "You delegate to nobody in General: your own ballot carries your mass and everyone's below you."
 */
export function chainEnd(
  chain: readonly string[],
  lastIsMember: boolean | undefined,
  topicName: string,
): string {
  const last = chain.at(-1);
  if (!last) {
    return `You delegate to nobody in ${topicName}: your own ballot carries your mass and everyone's below you.`;
  }
  if (lastIsMember === false) {
    return `The chain stops at ${shortAddress(last)}, who is not a member: mass that reaches them is not counted.`;
  }
  return `The chain ends at ${shortAddress(last)}, who delegates to nobody in ${topicName}: on each proposal, the first on this chain who votes carries you.`;
}
