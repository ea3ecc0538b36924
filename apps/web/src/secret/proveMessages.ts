// The messages between the page and the prover worker (prove.worker.ts).
import type { AnonymousOption, AnonymousProof } from "@plenum/sdk/anonymous";
import type { Address } from "viem";

/** Page → worker: everything one proof needs. */
export interface ProveRequest {
  /** The identity, serialised (`serializeIdentity`); it never leaves this browser. */
  identity: string;
  /** The proposal's group (`Group.export()`). */
  group: string;
  depth: number;
  chainId: number;
  community: Address;
  proposalId: bigint;
  option: AnonymousOption;
  sequence: bigint;
  wasm: Uint8Array;
  zkey: Uint8Array;
}

/** Worker → page. */
export type ProveResponse =
  | { type: "progress"; stage: "proving" }
  | { type: "proof"; proof: AnonymousProof }
  | { type: "error"; message: string };
