import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import { encodeProposal, type ProposalInput } from "./internal/proposal.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, governorEvents } from "./internal/write.ts";

/** What {@link proposeAgenda} needs besides transaction options. */
export interface ProposeAgendaArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The polls, in agenda order; they get consecutive ids. */
  proposals: readonly ProposalInput[];
}

/** Parameters of {@link proposeAgenda}. */
export type ProposeAgendaParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & ProposeAgendaArgs;

/** The transaction hash. */
export type ProposeAgendaReturnType = Hash;

/** A decoded revert ("the agenda has no proposals") or another SDK error. */
export type ProposeAgendaErrorType = ContractRevertError | BaseError;

function contractCall({ community, proposals }: ProposeAgendaArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "proposeBatch",
    args: [proposals.map(encodeProposal)],
  };
}

const write = defineWrite({
  name: "proposeAgenda",
  contractCall,
  eventName: "ProposalCreated",
  decode: (receipt, { community }): ProposeAgendaSyncReturnType => {
    const proposals = governorEvents(receipt.logs, "ProposalCreated", community).map(
      (event) => event.args,
    );
    return { proposalIds: proposals.map((p) => p.proposalId), proposals, receipt };
  },
  simulated: (simulation) => simulation as { result: bigint; request: unknown },
});

/**
 * Creates a whole agenda of polls in one transaction (`proposeBatch`); ids are consecutive.
 * @example
 * import { proposeAgenda } from "@plenum/sdk";
 * const hash = await proposeAgenda(walletClient, {
 *   community,
 *   proposals: [
 *     { topic: 0, metadataURI: "Bill 1: transit levy" },
 *     { topic: 1, metadataURI: "Bill 2: library hours", optionCount: 3 },
 *   ],
 * });
 */
export const proposeAgenda = Object.assign(write.send, {
  /**
   * Simulates {@link proposeAgenda} without sending it; throws the decoded revert if it would fail.
   * @example
   * const { result: firstProposalId } = await proposeAgenda.simulate(walletClient, { community, proposals });
   */
  simulate: write.simulate,
  /**
   * The `proposeBatch` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = proposeAgenda.call({ community, proposals });
   */
  call: write.call,
  /**
   * Decodes the `ProposalCreated` events from a receipt's logs.
   * @example
   * const events = proposeAgenda.extractEvents(receipt.logs);
   */
  extractEvents: write.extractEvents,
  /**
   * Decodes the first of the `ProposalCreated` events from a receipt's logs (see `extractEvents` for all).
   * @example
   * const { args } = proposeAgenda.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link proposeAgendaSync}. */
export type ProposeAgendaSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = ProposeAgendaParameters<chain, account> & SyncParameters;

/** The receipt, the new ids in agenda order, and each decoded `ProposalCreated` event. */
export type ProposeAgendaSyncReturnType = {
  proposalIds: bigint[];
  proposals: GovernorEventArgs<"ProposalCreated">[];
  receipt: TransactionReceipt;
};

/** Errors of {@link proposeAgendaSync}. */
export type ProposeAgendaSyncErrorType = ProposeAgendaErrorType;

/**
 * Creates an agenda and waits for it; returns the receipt, the ids and every `ProposalCreated` event.
 * @example
 * const { proposalIds } = await proposeAgendaSync(walletClient, { community, proposals });
 */
export const proposeAgendaSync = write.sync;
