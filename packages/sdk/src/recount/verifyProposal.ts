import {
  type Chain,
  type Client,
  ContractFunctionRevertedError,
  type Transport,
  BaseError as ViemBaseError,
} from "viem";
import { readContract } from "viem/actions";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { LogFetchError } from "./errors.ts";
import {
  type RecountProposalErrorType,
  type RecountProposalParameters,
  type RecountProposalReturnType,
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
  /** What the contract reports at `blockNumber` (`proposalTally`). */
  onChain: TallyTotals;
  /** What the logs and the engine give at `blockNumber`. */
  recount: TallyTotals & Omit<RecountProposalReturnType, "result">;
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
 * Recounts a proposal from event logs alone and compares the result with the contract's own tally
 * (`proposalTally`, read at the same block: the one contract call, as the thing being checked).
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
  const [tallies, abstain, participation, totalMass] = await withRetry(
    () =>
      readContract(client, {
        address: community,
        abi: liquidGovernorAbi,
        functionName: "proposalTally",
        args: [proposal.id],
        blockNumber,
      }),
    parameters.retry,
    {
      // A revert is an answer, not a hiccup: asking again would give the same one.
      retryable: (error) =>
        !(
          error instanceof ViemBaseError &&
          error.walk((e) => e instanceof ContractFunctionRevertedError)
        ),
      onGiveUp: (cause, attempts) =>
        new LogFetchError({ fromBlock: blockNumber, toBlock: blockNumber, attempts, cause }),
    },
  );
  const onChain: TallyTotals = { tallies, abstain, participation, totalMass };
  const { result, ...rest } = recount;
  const mine: TallyTotals = {
    tallies: result.tallies,
    abstain: result.abstain,
    participation: result.participation,
    totalMass: result.totalMass,
  };
  const differences = compareTotals(onChain, mine);
  return {
    verdict: differences.length === 0 ? "match" : "mismatch",
    blockNumber,
    onChain,
    recount: { ...mine, ...rest },
    differences,
  };
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
