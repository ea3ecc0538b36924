// The words for a refused delegation that would close a cycle: the SDK (simulating the contract)
// says that it would; the page names the path from the chain the SDK reads.
import { shortAddress } from "../format/address.ts";

/**
 * The cycle a delegation from `me` to `target` would close, given the chain above `target` (as
 * `getDelegationChain` reads it): me → target → … up to me again. Undefined when the chain does not
 * lead back to `me` (then the SDK's own sentence stands alone).
 * @example
 * cyclePath(a, b, [c, a]) // [a, b, c, a]
 */
export function cyclePath(
  me: string,
  target: string,
  chainAboveTarget: readonly string[],
): string[] | undefined {
  const at = chainAboveTarget.findIndex((a) => a.toLowerCase() === me.toLowerCase());
  if (at === -1) return undefined;
  return [me, target, ...chainAboveTarget.slice(0, at + 1)];
}

/**
 * The cycle in words, naming every step.
 * @example
 * cycleText([a, b, a], "General")
 * // "Delegating General to 0xB0b0…B0b0 would close a cycle: you (0xA11c…A11c) → 0xB0b0…B0b0 → you. A chain must end at someone who votes."
 */
export function cycleText(path: readonly string[], topicName: string): string {
  const me = path[0] ?? "";
  const target = path[1] ?? "";
  const step = (a: string, i: number) =>
    a.toLowerCase() === me.toLowerCase()
      ? i === 0
        ? `you (${shortAddress(a)})`
        : "you"
      : shortAddress(a);
  return `Delegating ${topicName} to ${shortAddress(target)} would close a cycle: ${path.map(step).join(" → ")}. A chain must end at someone who votes.`;
}
