import { castQuadraticVoteSync } from "../../actions/castQuadraticVote.ts";
import { castVoteSync } from "../../actions/castVote.ts";
import { delegateSync } from "../../actions/delegate.ts";
import { getProposal } from "../../actions/getProposal.ts";
import { retractVoteSync } from "../../actions/retractVote.ts";
import type { CliContext } from "../context.ts";
import { toJson } from "../output/format.ts";
import { CliInputError } from "../parse/inputError.ts";
import { parseAddress, parseBallot, parseTopics } from "../parse/values.ts";

export function parseProposalId(text: string | undefined): bigint {
  if (!text || !/^\d+$/.test(text))
    throw new CliInputError(`proposal id "${text ?? ""}" must be a number`);
  return BigInt(text);
}

/** `plenum vote <proposal> <ballot>`: the ballot's form must fit the proposal's mode. */
export async function vote(
  context: CliContext,
  id: string | undefined,
  ballotText: string | undefined,
) {
  const proposalId = parseProposalId(id);
  if (!ballotText)
    throw new CliInputError("usage: plenum vote <proposal> <option|abstain|v1,v2,…>");
  const ballot = parseBallot(ballotText);
  const community = context.community();
  const wallet = context.wallet();
  const proposal = await getProposal(context.publicClient, { community, proposalId });
  let block: bigint;
  if (proposal.mode === "quadratic") {
    if (ballot.type === "option") {
      throw new CliInputError(
        `proposal ${proposalId} is quadratic: give one vote count per option, e.g. ${Array(proposal.optionCount).fill(0).join(",")}`,
      );
    }
    const votes = ballot.type === "abstain" ? Array(proposal.optionCount).fill(0n) : ballot.votes;
    ({
      receipt: { blockNumber: block },
    } = await castQuadraticVoteSync(wallet, { community, proposalId, votes }));
  } else {
    if (ballot.type === "quadratic") {
      throw new CliInputError(
        `proposal ${proposalId} is single-choice: give one option number or "abstain"`,
      );
    }
    const option = ballot.type === "abstain" ? "abstain" : ballot.option;
    ({
      receipt: { blockNumber: block },
    } = await castVoteSync(wallet, { community, proposalId, option }));
  }
  if (context.json)
    return void console.log(toJson({ proposalId, voter: wallet.account.address, ballot, block }));
  console.log(`voted on proposal ${proposalId} as ${wallet.account.address} (block ${block})`);
}

/** `plenum retract <proposal>`. */
export async function retract(context: CliContext, id: string | undefined) {
  const proposalId = parseProposalId(id);
  const wallet = context.wallet();
  const { receipt } = await retractVoteSync(wallet, { community: context.community(), proposalId });
  if (context.json) return void console.log(toJson({ proposalId, block: receipt.blockNumber }));
  console.log(`retracted your ballot on proposal ${proposalId} (block ${receipt.blockNumber})`);
}

/** `plenum delegate --topics 0,2 --to <address|none>`. */
export async function delegateCommand(
  context: CliContext,
  options: Record<string, string | boolean | undefined>,
) {
  if (typeof options.to !== "string")
    throw new CliInputError("usage: plenum delegate --topics 0,1 --to <address|none>");
  const topics = parseTopics(typeof options.topics === "string" ? options.topics : "0");
  const to = parseAddress(options.to, "--to", true);
  const { changes, receipt } = await delegateSync(context.wallet(), {
    community: context.community(),
    topics,
    to,
  });
  if (context.json) return void console.log(toJson({ changes, block: receipt.blockNumber }));
  if (changes.length === 0)
    return void console.log("nothing changed: that is already your delegate");
  for (const change of changes) {
    console.log(`topic ${change.topic}: ${change.fromDelegate} → ${change.toDelegate}`);
  }
}
