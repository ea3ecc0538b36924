import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import {
  type IdentityGroupSnapshot,
  rebuildIdentityGroup,
  removalSiblings,
} from "../anonymous/group.ts";
import { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import { readGovernor } from "./internal/read.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, governorEvents } from "./internal/write.ts";

/** What {@link removeMembersWithIdentities.call} needs: the members and each one's Merkle proof. */
export interface RemoveMembersWithIdentitiesArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The members to remove (with their identities, if any). */
  accounts: readonly Address[];
  /**
   * For each member, the sibling nodes of their leaf in the tree as it is when their turn comes (each
   * removal changes the tree for the next); `[]` for a member without an identity. See `removalSiblings`.
   */
  siblings: readonly (readonly bigint[])[];
}

/** The arguments with `siblings` optional: computed from the group rebuilt from events when omitted. */
export type RemoveMembersWithIdentitiesInput = Omit<RemoveMembersWithIdentitiesArgs, "siblings"> & {
  /** Each member's Merkle proof; computed from `group` (or the rebuilt group) when omitted. */
  siblings?: readonly (readonly bigint[])[] | undefined;
  /** The community's current group, if you have it (`rebuildIdentityGroup` without `proposalId`). */
  group?: IdentityGroupSnapshot | undefined;
  /** Where the community's events start (its creation block); 0 by default. */
  fromBlock?: bigint | undefined;
};

/** Parameters of {@link removeMembersWithIdentities}. */
export type RemoveMembersWithIdentitiesParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & RemoveMembersWithIdentitiesInput;

/** The transaction hash. */
export type RemoveMembersWithIdentitiesReturnType = Hash;

/** A decoded revert ("0x7099… is not a member"), a group that does not match the chain, or another SDK error. */
export type RemoveMembersWithIdentitiesErrorType = ContractRevertError | BaseError;

function contractCall({
  community,
  accounts,
  siblings,
}: RemoveMembersWithIdentitiesArgs): ContractCall {
  if (accounts.length === 0) throw new BaseError("no members to remove");
  if (siblings.length !== accounts.length) {
    throw new BaseError(
      `${accounts.length} members but ${siblings.length} Merkle proofs: give one per member ([] without an identity)`,
    );
  }
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "removeMembersWithIdentities",
    args: [accounts, siblings],
  };
}

const write = defineWrite({
  name: "removeMembersWithIdentities",
  contractCall,
  resolve: async (client, parameters: RemoveMembersWithIdentitiesInput) => {
    if (parameters.siblings) return contractCall({ ...parameters, siblings: parameters.siblings });
    const { community, accounts } = parameters;
    const [commitments, group] = await Promise.all([
      Promise.all(
        accounts.map((account) =>
          readGovernor(client, community, "identityCommitmentOf", [account]),
        ),
      ),
      parameters.group ??
        rebuildIdentityGroup(client, { community, fromBlock: parameters.fromBlock }),
    ]);
    const siblings = removalSiblings(
      group,
      commitments.map((commitment) => (commitment === 0n ? null : commitment)),
    );
    return contractCall({ ...parameters, siblings });
  },
  eventName: "IdentityRemoved",
  decode: (receipt, { community }): RemoveMembersWithIdentitiesSyncReturnType => ({
    members: governorEvents(receipt.logs, "MemberRemoved", community).map((event) => event.args),
    identities: governorEvents(receipt.logs, "IdentityRemoved", community).map(
      (event) => event.args,
    ),
    receipt,
  }),
});

/**
 * Removes members together with their identity commitments (registrar only); members without an
 * identity are removed too. Without `siblings`, rebuilds the group from events and computes each
 * member's Merkle proof against the tree as it will be at their turn.
 * @example
 * import { removeMembersWithIdentities } from "@plenum/sdk";
 * const hash = await removeMembersWithIdentities(registrarClient, { community, accounts: [alice, bob], fromBlock: 4n });
 */
export const removeMembersWithIdentities = Object.assign(write.send, {
  /**
   * Simulates {@link removeMembersWithIdentities} without sending it; throws the decoded revert if it would fail.
   * @example
   * await removeMembersWithIdentities.simulate(registrarClient, { community, accounts: [alice] });
   */
  simulate: write.simulate,
  /**
   * The `removeMembersWithIdentities` call as `{ to, data }`, for batching; needs every member's `siblings`.
   * @example
   * const call = removeMembersWithIdentities.call({ community, accounts, siblings: removalSiblings(group, commitments) });
   */
  call: write.call,
  /**
   * Decodes the `IdentityRemoved` events from a receipt's logs.
   * @example
   * const events = removeMembersWithIdentities.extractEvents(receipt.logs);
   */
  extractEvents: write.extractEvents,
  /**
   * Decodes the first of the `IdentityRemoved` events from a receipt's logs (see `extractEvents` for all).
   * @example
   * const { args } = removeMembersWithIdentities.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link removeMembersWithIdentitiesSync}. */
export type RemoveMembersWithIdentitiesSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = RemoveMembersWithIdentitiesParameters<chain, account> & SyncParameters;

/** The receipt, one `MemberRemoved` event per member and one `IdentityRemoved` per removed identity. */
export type RemoveMembersWithIdentitiesSyncReturnType = {
  members: GovernorEventArgs<"MemberRemoved">[];
  identities: GovernorEventArgs<"IdentityRemoved">[];
  receipt: TransactionReceipt;
};

/** Errors of {@link removeMembersWithIdentitiesSync}. */
export type RemoveMembersWithIdentitiesSyncErrorType = RemoveMembersWithIdentitiesErrorType;

/**
 * Removes members with their identities and waits for it; returns the receipt and the events.
 * @example
 * const { members, identities } = await removeMembersWithIdentitiesSync(registrarClient, { community, accounts: [alice] });
 */
export const removeMembersWithIdentitiesSync = write.sync;
