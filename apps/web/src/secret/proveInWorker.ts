// Runs one proof in a fresh module worker (prove.worker.ts) and ends the worker afterwards, so that
// snarkjs's helper threads go with it.
import type { AnonymousProof } from "@plenum/sdk/anonymous";
import type { ProveRequest, ProveResponse } from "./proveMessages.ts";

/** A proof that takes longer than this is given up (a healthy one takes a few seconds). */
const PROOF_TIMEOUT_MS = 120_000;

/**
 * Proves in a Web Worker; rejects with the worker's error message, or after two minutes.
 * @example
 * const proof = await proveInWorker({ identity, group, depth: 4, chainId, community, proposalId, option: 1, sequence: 1n, wasm, zkey });
 */
export function proveInWorker(request: ProveRequest): Promise<AnonymousProof> {
  const worker = new Worker(new URL("./prove.worker.ts", import.meta.url), {
    type: "module",
    name: "plenum-prover",
  });
  return new Promise<AnonymousProof>((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error("the proof did not finish within two minutes"));
    }, PROOF_TIMEOUT_MS);
    const finish = () => {
      clearTimeout(timer);
      worker.terminate();
    };
    worker.addEventListener("message", (event: MessageEvent<ProveResponse>) => {
      const message = event.data;
      if (message.type === "proof") {
        finish();
        resolve(message.proof);
      } else if (message.type === "error") {
        finish();
        reject(new Error(message.message));
      }
    });
    worker.addEventListener("error", (event) => {
      finish();
      reject(new Error(event.message || "the prover could not start"));
    });
    // The circuit files are copied, not transferred: the page keeps them for the next proof.
    worker.postMessage(request);
  });
}
