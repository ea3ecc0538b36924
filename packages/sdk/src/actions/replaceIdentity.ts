import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import {
  type IdentityGroupSnapshot,
  identitySiblings,
  rebuildIdentityGroup,
} from "../anonymous/group.ts";
import { commitmentOf, type IdentityLike } from "../anonymous/identity.ts";
import type { BaseError } from "../errors/base.ts";
import { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import { readGovernor } from "./internal/read.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, senderOf } from "./internal/write.ts";

/** What {@link replaceIdentity.call} needs: the new identity and the Merkle proof of the sender's current leaf. */
export interface ReplaceIdentityArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The new identity, or its commitment. */
  identity: IdentityLike;
  /** LeanIMT sibling nodes of the sender's current leaf in the current tree, bottom up. */
  siblings: readonly bigint[];
}

/** The arguments with `siblings` optional: computed from the group rebuilt from events when omitted. */
export type ReplaceIdentityInput = Omit<ReplaceIdentityArgs, "siblings"> & {
  /** The Merkle proof of the current leaf; computed from `group` (or the rebuilt group) when omitted. */
  siblings?: readonly bigint[] | undefined;
  /** The community's current group, if you have it (`rebuildIdentityGroup` without `proposalId`). */
  group?: IdentityGroupSnapshot | undefined;
  /** Where the community's events start (its creation block); 0 by default. */
  fromBlock?: bigint | undefined;
};

/** Parameters of {@link replaceIdentity}. */
export type ReplaceIdentityParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & ReplaceIdentityInput;

/** The transaction hash. */
export type ReplaceIdentityReturnType = Hash;

/** A decoded revert ("0x7099… has no identity registered"), a group that does not match the chain, or another SDK error. */
export type ReplaceIdentityErrorType = ContractRevertError | BaseError;

function contractCall({ community, identity, siblings }: ReplaceIdentityArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "replaceIdentity",
    args: [commitmentOf(identity), siblings],
  };
}

const write = defineWrite({
  name: "replaceIdentity",
  contractCall,
  resolve: async (client, parameters: ReplaceIdentityInput) => {
    if (parameters.siblings) return contractCall({ ...parameters, siblings: parameters.siblings });
    const { community } = parameters;
    const member = senderOf(client, parameters);
    const current = await readGovernor(client, community, "identityCommitmentOf", [member]);
    if (current === 0n) {
      throw new ContractRevertError({
        errorName: "IdentityNotRegistered",
        args: [member],
        functionName: "replaceIdentity",
        contractAddress: community,
      });
    }
    const group =
      parameters.group ??
      (await rebuildIdentityGroup(client, { community, fromBlock: parameters.fromBlock }));
    return contractCall({ ...parameters, siblings: identitySiblings(group, current) });
  },
  eventName: "IdentityReplaced",
});

/**
 * Replaces the sender's identity commitment with a new one (a key change, e.g. after rotating
 * `deriveIdentity`'s `keyIndex`). Proposals created before keep the old identity; later ones know only the
 * new one. Without `siblings`, rebuilds the group from events to prove the current leaf.
 * @example
 * import { deriveIdentity, replaceIdentity } from "@plenum/sdk";
 * const { identity } = await deriveIdentity(memberClient, { community, keyIndex: 1 });
 * const hash = await replaceIdentity(memberClient, { community, identity, fromBlock: 4n });
 */
export const replaceIdentity = Object.assign(write.send, {
  /**
   * Simulates {@link replaceIdentity} without sending it; throws the decoded revert if it would fail.
   * @example
   * await replaceIdentity.simulate(memberClient, { community, identity });
   */
  simulate: write.simulate,
  /**
   * The `replaceIdentity` call as `{ to, data }`, for batching; needs the `siblings` of the sender's leaf.
   * @example
   * const call = replaceIdentity.call({ community, identity, siblings: identitySiblings(group, oldIdentity) });
   */
  call: write.call,
  /**
   * Decodes the `IdentityReplaced` event from a receipt's logs.
   * @example
   * const { args } = replaceIdentity.extractEvent(receipt.logs); // { member, oldCommitment, newCommitment, index, groupRoot }
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link replaceIdentitySync}. */
export type ReplaceIdentitySyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = ReplaceIdentityParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `IdentityReplaced` event. */
export type ReplaceIdentitySyncReturnType = GovernorEventArgs<"IdentityReplaced"> & {
  receipt: TransactionReceipt;
};

/** Errors of {@link replaceIdentitySync}. */
export type ReplaceIdentitySyncErrorType = ReplaceIdentityErrorType;

/**
 * Replaces the sender's identity and waits for it; returns the receipt and the `IdentityReplaced` event.
 * @example
 * const { index, groupRoot } = await replaceIdentitySync(memberClient, { community, identity: newIdentity });
 */
export const replaceIdentitySync = write.sync;
