import { cancelProposalSync } from "../../actions/cancelProposal.ts";
import { executeProposalSync } from "../../actions/executeProposal.ts";
import { voteModeName } from "../../actions/internal/format.ts";
import { proposeSync } from "../../actions/propose.ts";
import { proposeExecutableSync } from "../../actions/proposeExecutable.ts";
import { queueProposalSync } from "../../actions/queueProposal.ts";
import { BaseError } from "../../errors/base.ts";
import { ContractRevertError } from "../../errors/contractRevert.ts";
import { CliInputError } from "../../input/inputError.ts";
import { inlineMetadata, type ProposalMetadata, uriMetadata } from "../../input/metadata.ts";
import type { CliContext } from "../context.ts";
import { formatDuration, toJson } from "../output/format.ts";
import { type CliAction, parseAction, parseCall } from "../parse/actions.ts";
import { parseDuration, parseEtherAmount, parseTopics } from "../parse/values.ts";
import { parseProposalId } from "./vote.ts";

type Options = Record<string, string | string[] | boolean | undefined>;

const MODES = ["single", "quadratic", "anonymous"] as const;
type PollMode = (typeof MODES)[number];

/** `--mode`: single (default), quadratic or anonymous. */
export function parseMode(given: unknown): PollMode {
  const mode = given === undefined ? "single" : String(given);
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new CliInputError(`--mode "${mode}" must be single, quadratic or anonymous`);
  }
  return mode as PollMode;
}

/** `--topic`: one topic id, 0 by default. */
export function parseTopic(given: unknown): number {
  if (given === undefined) return 0;
  const topics = parseTopics(String(given));
  if (topics.length !== 1) throw new CliInputError(`--topic "${given}" must be one topic id`);
  return topics[0] as number;
}

/**
 * Runs a proposing transaction; a community without registered identities cannot hold an
 * anonymous poll (the contract's `ProposalNoIdentities`, found by the simulation before anything
 * is sent), which is bad input for this community: exit 2 with what to do instead.
 */
export async function refusingAnonymousWithoutIdentities<result>(
  context: CliContext,
  send: () => Promise<result>,
): Promise<result> {
  try {
    return await send();
  } catch (error) {
    const revert =
      error instanceof BaseError
        ? error.walk((cause) => cause instanceof ContractRevertError)
        : undefined;
    if (revert instanceof ContractRevertError && revert.errorName === "ProposalNoIdentities") {
      throw new CliInputError(
        `community ${context.community()} has no registered identities yet, so it cannot hold an anonymous poll: members register theirs first (plenum identity create, then plenum identity register)`,
      );
    }
    throw error;
  }
}

function text(options: Options, name: string): string | undefined {
  const value = options[name];
  if (value === undefined || typeof value === "boolean") return undefined;
  if (Array.isArray(value)) {
    throw new CliInputError(`--${name} may be given once`);
  }
  return value;
}

function list(options: Options, name: string): string[] {
  const value = options[name];
  if (value === undefined || typeof value === "boolean") return [];
  return Array.isArray(value) ? value : [value];
}

/** The metadata from `--title`/`--description` (inline) or `--uri` (kept elsewhere). */
function metadataOf(
  options: Options,
  labels?: readonly string[],
): ProposalMetadata & { title?: string } {
  const title = text(options, "title");
  const description = text(options, "description");
  const uri = text(options, "uri");
  if (uri !== undefined) {
    if (title !== undefined || description !== undefined || labels) {
      throw new CliInputError(
        "give the text inline (--title, --description, --options labels) or where it lives (--uri), not both",
      );
    }
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(uri.trim())) {
      throw new CliInputError(`--uri "${uri}" must be a URI like ipfs://… or https://…`);
    }
    return uriMetadata(uri);
  }
  if (title === undefined || title.trim() === "") {
    throw new CliInputError('a proposal needs --title "…" (or --uri <where its text lives>)');
  }
  return {
    title: title.trim(),
    ...inlineMetadata({ title, description, options: labels }),
  };
}

/** `--options`: a number of options (2–32), or their labels, comma-separated. */
function optionsOf(given: string | undefined): { optionCount: number; labels?: string[] } {
  if (given === undefined) return { optionCount: 2 };
  if (/^\s*\d+\s*$/.test(given)) {
    const optionCount = Number(given);
    if (optionCount < 2 || optionCount > 32) {
      throw new CliInputError(`--options "${given}" must be a whole number from 2 to 32`);
    }
    return { optionCount };
  }
  const labels = given.split(",").map((label) => label.trim());
  if (labels.some((label) => label === "")) {
    throw new CliInputError(`--options "${given}" has an empty label`);
  }
  if (labels.length < 2 || labels.length > 32) {
    throw new CliInputError(`--options "${given}" must name 2 to 32 options`);
  }
  return { optionCount: labels.length, labels };
}

/**
 * `plenum propose --title … [--description …]`: one poll (`--mode single|quadratic|anonymous`,
 * `--options 3` or `--options "Yes,No,Later"`, `--topic`, `--period`), or with `--action` /
 * `--call` an executable proposal whose actions the timelock runs if it succeeds.
 */
export async function propose(context: CliContext, options: Options): Promise<void> {
  const community = () => context.community();
  const actions: CliAction[] = [
    ...list(options, "action").map((action) => parseAction(action, community)),
    ...list(options, "call").map((call) => parseCall(call, community)),
  ];
  const topic = parseTopic(text(options, "topic"));
  if (actions.length > 0) {
    for (const name of ["mode", "options", "period"]) {
      if (options[name] !== undefined) {
        throw new CliInputError(
          `--${name} is for polls: an executable proposal is a single-choice [Against, For] vote over the community's voting period`,
        );
      }
    }
    const metadata = metadataOf(options);
    const created = await proposeExecutableSync(context.wallet(), {
      community: community(),
      topic,
      actions,
      metadataURI: metadata.metadataURI,
      metadataHash: metadata.metadataHash,
    });
    return report(context, metadata, created, created.actions);
  }
  const mode = parseMode(text(options, "mode"));
  const { optionCount, labels } = optionsOf(text(options, "options"));
  const period = text(options, "period");
  const metadata = metadataOf(options, labels);
  const created = await refusingAnonymousWithoutIdentities(context, () =>
    proposeSync(context.wallet(), {
      community: community(),
      topic,
      mode,
      optionCount,
      votingPeriod: period === undefined ? undefined : parseDuration(period, "--period"),
      metadataURI: metadata.metadataURI,
      metadataHash: metadata.metadataHash,
    }),
  );
  return report(context, metadata, created);
}

function report(
  context: CliContext,
  metadata: ProposalMetadata & { title?: string },
  created: Awaited<ReturnType<typeof proposeSync>>,
  actions?: CliAction[],
) {
  const mode = voteModeName(created.mode);
  const summary = {
    proposalId: created.proposalId,
    ...(metadata.title === undefined ? {} : { title: metadata.title }),
    mode,
    executable: actions !== undefined,
    topic: created.topic,
    optionCount: created.optionCount,
    snapshot: created.snapshot,
    voteEnd: created.voteEnd,
    metadataURI: created.metadataURI,
    metadataHash: created.metadataHash,
    ...(actions ? { actions } : {}),
    block: created.receipt.blockNumber,
  };
  if (context.json) return void console.log(toJson(summary));
  const kind = actions
    ? `executable, ${actions.length} action${actions.length === 1 ? "" : "s"}`
    : `${mode}, ${created.optionCount} options`;
  console.log(
    `#${created.proposalId}  ${metadata.title ?? metadata.metadataURI} (${kind}, topic ${created.topic})`,
  );
  console.log(
    `voting closes ${new Date(Number(created.voteEnd) * 1000).toISOString()} (chain time); block ${created.receipt.blockNumber}`,
  );
}

/** `plenum queue <proposal>`: schedules a succeeded executable proposal in the timelock. */
export async function queue(context: CliContext, id: string | undefined): Promise<void> {
  const proposalId = parseProposalId(id);
  const { etaSeconds, receipt } = await queueProposalSync(context.wallet(), {
    community: context.community(),
    proposalId,
    fromBlock: context.fromBlock(),
  });
  if (context.json) {
    return void console.log(toJson({ proposalId, etaSeconds, block: receipt.blockNumber }));
  }
  const { timestamp } = await context.publicClient.getBlock({ blockNumber: receipt.blockNumber });
  console.log(
    `queued proposal ${proposalId} in the timelock: it can be executed from ${new Date(
      Number(etaSeconds) * 1000,
    ).toISOString()} (chain time, in ${formatDuration(etaSeconds - timestamp)}); block ${receipt.blockNumber}`,
  );
}

/**
 * `plenum execute <proposal> [--value <ether>]`: runs a queued proposal's actions once the
 * timelock's delay is over; `--value` sends ether with the call, for actions that pay ether.
 */
export async function execute(
  context: CliContext,
  id: string | undefined,
  options: { value?: string | undefined } = {},
): Promise<void> {
  const proposalId = parseProposalId(id);
  const value =
    options.value === undefined ? undefined : parseEtherAmount(options.value, "--value");
  const { receipt } = await executeProposalSync(context.wallet(), {
    community: context.community(),
    proposalId,
    fromBlock: context.fromBlock(),
    value,
  });
  if (context.json) return void console.log(toJson({ proposalId, block: receipt.blockNumber }));
  console.log(`executed proposal ${proposalId} (block ${receipt.blockNumber})`);
}

/** `plenum cancel <proposal>`: the proposer withdraws a proposal nobody has voted on yet. */
export async function cancel(context: CliContext, id: string | undefined): Promise<void> {
  const proposalId = parseProposalId(id);
  const { receipt } = await cancelProposalSync(context.wallet(), {
    community: context.community(),
    proposalId,
  });
  if (context.json) return void console.log(toJson({ proposalId, block: receipt.blockNumber }));
  console.log(`canceled proposal ${proposalId} (block ${receipt.blockNumber})`);
}
