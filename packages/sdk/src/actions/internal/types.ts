import type { Account, Address, BlockTag, Chain, GetEventArgs, Hex } from "viem";
import type { liquidGovernorAbi } from "../../generated/abis.ts";

/** Who sends a transaction: required when the client has no account. */
export type AccountParameter<account extends Account | undefined> = [undefined] extends [account]
  ? {
      /** The sender (an account or, for a JSON-RPC wallet, its address). */
      account: Account | Address;
    }
  : {
      /** The sender; defaults to the client's account. */
      account?: Account | Address | undefined;
    };

/** Transaction options: chain check, gas, nonce and fees. */
export interface TransactionOptions<chain extends Chain | undefined = Chain | undefined> {
  /** Chain to check the wallet against; defaults to the client's. */
  chain?: chain | Chain | null | undefined;
  gas?: bigint | undefined;
  /** The transaction's nonce; the wallet's next one by default. */
  nonce?: number | undefined;
  maxFeePerGas?: bigint | undefined;
  maxPriorityFeePerGas?: bigint | undefined;
}

/** Transaction options every write accepts, besides its own arguments. */
export type WriteParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = AccountParameter<account> & TransactionOptions<chain>;

/**
 * Transaction options of a relay: like {@link WriteParameters} without `nonce`, because a signed
 * ballot's own `nonce` (the voter's EIP-712 nonce) travels in the same object.
 */
export type RelayWriteParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = AccountParameter<account> & Omit<TransactionOptions<chain>, "nonce">;

/** Options of a `…Sync` write: how to wait for the receipt. */
export interface SyncParameters {
  /** How often to poll for the receipt, in ms; defaults to the client's polling interval. */
  pollingInterval?: number | undefined;
  /** Give up waiting after this many ms. */
  timeout?: number | undefined;
}

/** Which block a read looks at; the latest by default. */
export interface ReadParameters {
  blockNumber?: bigint | undefined;
  blockTag?: BlockTag | undefined;
}

/** A call ready to batch (`sendCalls`, a multisig, a raw `sendTransaction`). */
export interface Call {
  to: Address;
  data: Hex;
  value?: bigint | undefined;
}

/** The decoded fields of a community event, all present. */
export type GovernorEventArgs<eventName extends string> = GetEventArgs<
  typeof liquidGovernorAbi,
  eventName,
  { IndexedOnly: false; Required: true }
>;

/** A decoded vote event: which one (`eventName`) and its fields. */
export type VoteEvent =
  | ({ eventName: "VoteCast" } & GovernorEventArgs<"VoteCast">)
  | ({ eventName: "QuadraticVoteCast" } & GovernorEventArgs<"QuadraticVoteCast">)
  | ({ eventName: "VoteRetracted" } & GovernorEventArgs<"VoteRetracted">);
