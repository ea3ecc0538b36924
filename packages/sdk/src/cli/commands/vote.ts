import { castQuadraticVoteSync } from "../../actions/castQuadraticVote.ts";
import { castVoteSync } from "../../actions/castVote.ts";
import { delegateSync } from "../../actions/delegate.ts";
import { getProposal } from "../../actions/getProposal.ts";
import { retractVoteSync } from "../../actions/retractVote.ts";
import { voteAnonymously } from "../../actions/voteAnonymously.ts";
import { type AnonymousOption, terminateProver } from "../../anonymous/proof.ts";
import { CliInputError } from "../../input/inputError.ts";
import type { CliContext } from "../context.ts";
import { CliFailedError } from "../errors.ts";
import { identityPath, openIdentity } from "../identityFile.ts";
import { toJson } from "../output/format.ts";
import { type CliBallot, parseAddress, parseBallot, parseTopics } from "../parse/values.ts";

export function parseProposalId(text: string | undefined): bigint {
  if (!text || !/^\d+$/.test(text))
    throw new CliInputError(`proposal id "${text ?? ""}" must be a number`);
  return BigInt(text);
}

type Options = Record<string, string | boolean | undefined>;

/**
 * `plenum vote <proposal> <ballot> [--anonymous [--relayer <url>]]`: the ballot's form must fit the
 * proposal's mode, and an anonymous proposal takes only anonymous ballots.
 */
export async function vote(
  context: CliContext,
  id: string | undefined,
  ballotText: string | undefined,
  options: Options = {},
) {
  const proposalId = parseProposalId(id);
  if (!ballotText)
    throw new CliInputError("usage: plenum vote <proposal> <option|abstain|v1,v2,…>");
  const ballot = parseBallot(ballotText, String(proposalId));
  const community = context.community();
  checkRelayerFlag(options);
  const proposal = await getProposal(context.publicClient, { community, proposalId });
  if (proposal.mode === "anonymous" || options.anonymous) {
    checkAnonymous(proposalId, proposal.mode, options);
    if (ballot.type === "quadratic") {
      throw new CliInputError(
        `proposal ${proposalId} is anonymous: give one option number or "abstain"`,
      );
    }
    const option = ballot.type === "abstain" ? "abstain" : ballot.option;
    return anonymousBallot(context, proposalId, option, ballot, options);
  }
  const wallet = context.wallet();
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

/** `plenum retract <proposal> [--anonymous [--relayer <url>]]`. */
export async function retract(context: CliContext, id: string | undefined, options: Options = {}) {
  const proposalId = parseProposalId(id);
  checkRelayerFlag(options);
  if (options.anonymous) {
    const community = context.community();
    const { mode } = await getProposal(context.publicClient, { community, proposalId });
    checkAnonymous(proposalId, mode, options);
    return anonymousBallot(context, proposalId, "retract", { type: "retract" }, options);
  }
  const wallet = context.wallet();
  const { mode } = await getProposal(context.publicClient, {
    community: context.community(),
    proposalId,
  });
  if (mode === "anonymous") checkAnonymous(proposalId, mode, options);
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

function checkRelayerFlag(options: Options) {
  if (options.relayer !== undefined && !options.anonymous) {
    throw new CliInputError("--relayer goes with --anonymous");
  }
}

function checkAnonymous(proposalId: bigint, mode: string, options: Options) {
  if (mode !== "anonymous") {
    throw new CliInputError(
      `proposal ${proposalId} is ${mode === "single" ? "single-choice" : mode}: --anonymous is for anonymous proposals`,
    );
  }
  if (!options.anonymous) {
    throw new CliInputError(
      `proposal ${proposalId} is anonymous: vote with --anonymous (and --relayer <url>, so that no address of yours sends the ballot)`,
    );
  }
}

/** Parses `--relayer`: an http(s) URL. */
function relayerUrlOf(options: Options): string | undefined {
  const given = options.relayer;
  if (given === undefined) return undefined;
  if (typeof given !== "string" || !/^https?:\/\/[^\s]+$/i.test(given) || !URL.canParse(given)) {
    throw new CliInputError(`--relayer "${String(given)}" must be an http(s) URL`);
  }
  return given;
}

/**
 * Proves and sends an anonymous ballot (or retraction) with the identity file: through the relayer,
 * or else from the signing key's account, which then appears on chain next to the ballot.
 */
async function anonymousBallot(
  context: CliContext,
  proposalId: bigint,
  option: AnonymousOption,
  ballot: CliBallot | { type: "retract" },
  options: Options,
) {
  const relayerUrl = relayerUrlOf(options);
  const identity = await openIdentity(
    identityPath(typeof options.identity === "string" ? options.identity : undefined),
  );
  const community = context.community();
  const fromBlock = context.fromBlock();
  const parameters = { identity, community, proposalId, option, fromBlock };
  let result: Awaited<ReturnType<typeof voteAnonymously>>;
  try {
    if (relayerUrl) {
      result = await voteAnonymously(context.publicClient, { ...parameters, relayerUrl });
    } else {
      const wallet = context.wallet();
      process.stderr.write(
        `warning: no --relayer: ${wallet.account.address} sends this ballot, so anyone can link that account to it\n`,
      );
      result = await voteAnonymously(wallet, parameters);
    }
  } finally {
    // snarkjs keeps its worker threads alive after proving.
    await terminateProver();
  }
  // voteAnonymously proved it with the identity's next sequence (its last ballot's + 1).
  const { transactionHash, nullifier, sequence, relayed } = result;
  const receipt = await context.publicClient.waitForTransactionReceipt({ hash: transactionHash });
  if (receipt.status !== "success") {
    throw new CliFailedError(`the ballot's transaction ${transactionHash} reverted`);
  }
  const block = receipt.blockNumber;
  if (context.json) {
    return void console.log(
      toJson({ proposalId, ballot, nullifier, sequence, relayed, transactionHash, block }),
    );
  }
  const what =
    option === "retract"
      ? `retracted your anonymous ballot on proposal ${proposalId}`
      : `voted anonymously on proposal ${proposalId}`;
  console.log(
    `${what} (nullifier 0x${nullifier.toString(16)}, ${relayed ? "relayed" : "sent by you"}, block ${block})`,
  );
}
