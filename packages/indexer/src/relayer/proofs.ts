import { verifyProof } from "@semaphore-protocol/proof";
import type { AnonymousProofInput } from "./validate.ts";

/**
 * Checks a Semaphore v4 proof off-chain with the verification keys bundled in
 * `@semaphore-protocol/proof` (no network, no circuit artifacts; ~20 ms). A malformed proof (a point
 * off the curve, …) is reported as invalid rather than thrown.
 * @example
 * if (!(await verifyAnonymousProof(proof))) throw new Error("invalid proof");
 */
export async function verifyAnonymousProof(proof: AnonymousProofInput): Promise<boolean> {
  try {
    return await verifyProof({
      merkleTreeDepth: Number(proof.merkleTreeDepth),
      merkleTreeRoot: proof.merkleTreeRoot.toString(),
      nullifier: proof.nullifier.toString(),
      message: proof.message.toString(),
      scope: proof.scope.toString(),
      points: proof.points.map((point) => point.toString()) as never,
    });
  } catch {
    return false;
  }
}
