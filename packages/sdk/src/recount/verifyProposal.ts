import {
  type Chain,
  type Client,
  ContractFunctionRevertedError,
  type Transport,
  BaseError as ViemBaseError,
} from "viem";
import { readContract } from "viem/actions";
import { type ProposalStateName, proposalStateName } from "../actions/internal/format.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { LogFetchError } from "./errors.ts";
import type { AnonymousRecount, PublicRecount } from "./recountProposal.ts";
import {
  type RecountProposalErrorType,
  type RecountProposalParameters,
  recountProposal,
} from "./recountProposal.ts";
import { withRetry } from "./retry.ts";

/**
 * A tally as `proposalTally` returns it: per-option totals, abstentions, participation, total mass.
 *
 * @example
 * ```ts
 * const totals: TallyTotals = { tallies: [3n, 5n], abstain: 1n, participation: 9n, totalMass: 20n };
 * ```
 */
export interface TallyTotals {
  tallies: readonly bigint[];
  abstain: bigint;
  participation: bigint;
  totalMass: bigint;
}

/**
 * An anonymous proposal's group: its Merkle root and how many identities it holds.
 *
 * @example
 * ```ts
 * const group: GroupTotals = { root: 0x1234n, identities: 12n };
 * ```
 */
export interface GroupTotals {
  root: bigint;
  identities: bigint;
}

/**
 * Parameters of `verifyProposal` (the same as `recountProposal`'s).
 *
 * @example
 * ```ts
 * const parameters: VerifyProposalParameters = { community, fromBlock: 0n, proposalId: 1n };
 * ```
 */
export type VerifyProposalParameters = RecountProposalParameters;

/**
 * Result of `verifyProposal`: the verdict, both tallies, and one line per difference.
 *
 * @example
 * ```ts
 * const check: VerifyProposalReturnType = await verifyProposal(client, { community, fromBlock: 0n, proposalId: 1n });
 * if (check.verdict === "mismatch") console.error(check.differences.join("\n"));
 * ```
 */
export interface VerifyProposalReturnType {
  verdict: "match" | "mismatch";
  blockNumber: bigint;
  /**
   * What the contract reports at `blockNumber`: `proposalTally`, `quorum` and `state`, and for an
   * anonymous proposal the group it recorded (`proposalGroup`).
   */
  onChain: TallyTotals & { quorum: bigint; state: ProposalStateName; group?: GroupTotals };
  /**
   * What the logs and the engine give at `blockNumber`; for an anonymous proposal also `group`:
   * recorded by `ProposalGroupRecorded`, replayed from the `Identity*` events, and its rebuilt root.
   */
  recount: TallyTotals & (Omit<PublicRecount, "result"> | Omit<AnonymousRecount, "result">);
  /** Empty on a match; otherwise e.g. "tallies[1]: on-chain 120, recount 118". */
  differences: string[];
}

/**
 * Errors `verifyProposal` throws (a mismatch is a verdict, not an error).
 *
 * @example
 * ```ts
 * try { await verifyProposal(client, { community, fromBlock: 0n, proposalId: 1n }); }
 * catch (error) { console.error((error as VerifyProposalErrorType).message); }
 * ```
 */
export type VerifyProposalErrorType = RecountProposalErrorType;

/**
 * Recounts a proposal from event logs alone and compares the result with the contract's own tally,
 * quorum and state (`proposalTally`, `quorum`, `state`, read at the same block: the thing being
 * checked). For an anonymous proposal it
 * also checks the group: the root rebuilt from the `Identity*` events must equal the root the proposal
 * recorded, in its logs and in the contract (`proposalGroup`), and so must the number of identities.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from "viem";
 * import { verifyProposal } from "@plenum/sdk";
 *
 * const client = createPublicClient({ transport: http("https://rpc.example.org") });
 * const { verdict, differences } = await verifyProposal(client, {
 *   community: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
 *   fromBlock: 1_234_567n,
 *   proposalId: 4n,
 * });
 * console.log(verdict, differences);
 * ```
 */
export async function verifyProposal(
  client: Client<Transport, Chain | undefined>,
  parameters: VerifyProposalParameters,
): Promise<VerifyProposalReturnType> {
  const recount = await recountProposal(client, parameters);
  const { blockNumber, community, proposal } = recount;
  const read = <T>(request: () => Promise<T>) =>
    withRetry(request, parameters.retry, {
      // A revert is an answer, not a hiccup: asking again would give the same one.
      retryable: (error) =>
        !(
          error instanceof ViemBaseError &&
          error.walk((e) => e instanceof ContractFunctionRevertedError)
        ),
      onGiveUp: (cause, attempts) =>
        new LogFetchError({ fromBlock: blockNumber, toBlock: blockNumber, attempts, cause }),
    });
  const at = {
    address: community,
    abi: liquidGovernorAbi,
    args: [proposal.id],
    blockNumber,
  } as const;
  const [[tallies, abstain, participation, totalMass], quorum, state] = await Promise.all([
    read(() => readContract(client, { ...at, functionName: "proposalTally" })),
    read(() => readContract(client, { ...at, functionName: "quorum" })),
    read(() => readContract(client, { ...at, functionName: "state" })),
  ]);
  const onChain: VerifyProposalReturnType["onChain"] = {
    tallies,
    abstain,
    participation,
    totalMass,
    quorum,
    state: proposalStateName(state),
  };
  const { result, ...rest } = recount;
  const mine: TallyTotals = {
    tallies: result.tallies,
    abstain: result.abstain,
    participation: result.participation,
    totalMass: result.totalMass,
  };
  const differences = compareTotals(onChain, mine);
  const { outcome } = recount;
  if (!outcome) {
    differences.push(`quorum: on-chain ${quorum}, recount unknown (no QuorumSet in the logs)`);
  } else {
    if (outcome.quorum !== quorum) {
      differences.push(`quorum: on-chain ${quorum}, recount ${outcome.quorum}`);
    }
    if (outcome.state !== onChain.state) {
      differences.push(`state: on-chain ${onChain.state}, recount ${outcome.state}`);
    }
  }
  if (recount.mode === "anonymous") {
    const [root, identities] = await read(() =>
      readContract(client, { ...at, functionName: "proposalGroup" }),
    );
    onChain.group = { root, identities };
    differences.push(...compareGroups(onChain.group, recount.group));
  }
  return {
    verdict: differences.length === 0 ? "match" : "mismatch",
    blockNumber,
    onChain,
    recount: { ...mine, ...rest },
    differences,
  };
}

/** The group checks: the contract's record, the logged record and the rebuilt group must agree. */
function compareGroups(onChain: GroupTotals, group: AnonymousRecount["group"]): string[] {
  const differences: string[] = [];
  const hex = (value: bigint) => `0x${value.toString(16)}`;
  const { recorded, mismatch } = group;
  if (onChain.root !== recorded.root) {
    differences.push(`group root: on-chain ${hex(onChain.root)}, logged ${hex(recorded.root)}`);
  }
  // The recorded size is the recount's totalMass, compared with the contract's already.
  if (mismatch) {
    differences.push(
      `group root: ${mismatch.shortMessage} (root ${hex(mismatch.expected)}, rebuilt ${hex(mismatch.rebuilt)})`,
    );
  }
  return differences;
}

function compareTotals(onChain: TallyTotals, recount: TallyTotals): string[] {
  const differences: string[] = [];
  const differ = (what: string, a: bigint | undefined, b: bigint | undefined) => {
    if (a !== b) differences.push(`${what}: on-chain ${a ?? "none"}, recount ${b ?? "none"}`);
  };
  if (onChain.tallies.length !== recount.tallies.length) {
    differences.push(
      `options: on-chain ${onChain.tallies.length}, recount ${recount.tallies.length}`,
    );
  }
  const options = Math.max(onChain.tallies.length, recount.tallies.length);
  for (let i = 0; i < options; i++) differ(`tallies[${i}]`, onChain.tallies[i], recount.tallies[i]);
  differ("abstain", onChain.abstain, recount.abstain);
  differ("participation", onChain.participation, recount.participation);
  differ("totalMass", onChain.totalMass, recount.totalMass);
  return differences;
}
