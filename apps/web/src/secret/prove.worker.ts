// The prover, in a module Web Worker so that the page stays responsive while snarkjs works (it starts
// helper threads of its own from blob: URLs, which the CSP's `worker-src 'self' blob:` allows). It
// receives the identity, the proposal's group and the circuit files' bytes, proves with the SDK's
// `createAnonymousBallot` and posts the proof back (bigints survive structured cloning).
import { createAnonymousBallot, Group, restoreIdentity } from "@plenum/sdk/anonymous";
import type { ProveRequest, ProveResponse } from "./proveMessages.ts";

const post = (message: ProveResponse) => (self as unknown as Worker).postMessage(message);

self.addEventListener("message", async (event: MessageEvent<ProveRequest>) => {
  const request = event.data;
  try {
    post({ type: "progress", stage: "proving" });
    const proof = await createAnonymousBallot({
      identity: restoreIdentity(request.identity),
      group: Group.import(request.group),
      chainId: request.chainId,
      community: request.community,
      proposalId: request.proposalId,
      option: request.option,
      sequence: request.sequence,
      merkleTreeDepth: request.depth,
      artifacts: { wasm: request.wasm, zkey: request.zkey },
    });
    post({ type: "proof", proof });
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
});
