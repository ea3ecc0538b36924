import {
  type Address,
  type BlockNumber,
  type BlockTag,
  type Chain,
  type Client,
  type Hex,
  type Transport,
  zeroHash,
} from "viem";
import { BaseError } from "../../errors/base.ts";
import { getProposalActions } from "../getProposalActions.ts";
import { type VoteModeName, voteModeValue } from "./format.ts";

/** One proposal (a poll) as a proposer describes it. */
export interface ProposalInput {
  /** Topic whose delegation graph carries the vote. */
  topic: number;
  /** `"single"` (default), `"quadratic"` or `"anonymous"` (Semaphore ballots, one per identity in
   *  the group as it is at creation; the community needs at least one registered identity). */
  mode?: VoteModeName | undefined;
  /** Number of options, 2…32; 2 by default. */
  optionCount?: number | undefined;
  /** Seconds the vote stays open; the community's default when omitted. */
  votingPeriod?: number | undefined;
  /** Where the text lives (ipfs://, https://, or the text itself for short polls). */
  metadataURI: string;
  /** Hash of the text behind `metadataURI`; zero when omitted. */
  metadataHash?: Hex | undefined;
}

/** An action an executable proposal runs through the timelock if it succeeds. */
export interface ProposalAction {
  /** Contract to call. */
  target: Address;
  /** Wei to send with the call; 0 by default. */
  value?: bigint | undefined;
  /** Calldata. */
  data: Hex;
}

/** `ProposalParams` as the contract takes it. */
export function encodeProposal(input: ProposalInput) {
  return {
    topic: input.topic,
    mode: voteModeValue(input.mode ?? "single"),
    optionCount: input.optionCount ?? 2,
    votingPeriod: input.votingPeriod ?? 0,
    metadataHash: input.metadataHash ?? zeroHash,
    metadataURI: input.metadataURI,
  };
}

/** The three arrays `proposeExecutable`, `queue` and `execute` take. */
export function encodeActions(
  actions: readonly ProposalAction[],
): readonly [Address[], bigint[], Hex[]] {
  if (actions.length === 0) throw new BaseError("an executable proposal needs at least one action");
  return [
    actions.map((action) => action.target),
    actions.map((action) => action.value ?? 0n),
    actions.map((action) => action.data),
  ];
}

/** The arguments of `queue` or `execute` with `actions` optional: read from the chain's logs when omitted. */
export type ActionsFromLogs<args extends { actions: readonly ProposalAction[] }> = Omit<
  args,
  "actions"
> & {
  /** Its actions; read from its `ProposalActions` event when omitted. */
  actions?: readonly ProposalAction[] | undefined;
  /** Where to start looking for that event; `"earliest"` by default. */
  fromBlock?: BlockNumber | BlockTag | undefined;
};

/** The arguments with the proposal's actions: those given, else those of its `ProposalActions` event. */
export async function withActions<
  args extends { community: Address; proposalId: bigint; actions: readonly ProposalAction[] },
>(
  client: Client<Transport, Chain | undefined>,
  parameters: ActionsFromLogs<args> & { community: Address; proposalId: bigint },
): Promise<args> {
  const actions =
    parameters.actions ??
    (await getProposalActions(client, {
      community: parameters.community,
      proposalId: parameters.proposalId,
      fromBlock: parameters.fromBlock,
    }));
  return { ...parameters, actions } as unknown as args;
}
