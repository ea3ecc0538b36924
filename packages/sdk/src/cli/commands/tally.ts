import { getProposal } from "../../actions/getProposal.ts";
import { getProposalState } from "../../actions/getProposalState.ts";
import { type GetTallyReturnType, getTally } from "../../actions/getTally.ts";
import type { ProposalStateName } from "../../actions/internal/format.ts";
import { watchTally } from "../../actions/watchTally.ts";
import type { BaseError } from "../../errors/base.ts";
import { liquidGovernorAbi } from "../../generated/abis.ts";
import { getIndexedTally } from "../../indexer/getIndexedTally.ts";
import type { IndexedTallyRevision } from "../../indexer/tally.ts";
import { watchIndexedTally } from "../../indexer/watchIndexedTally.ts";
import { verifyProposal } from "../../recount/verifyProposal.ts";
import type { CliContext } from "../context.ts";
import { toJson, toJsonLine } from "../output/format.ts";
import { createProgress } from "../output/progress.ts";
import { type ProposalStatus, renderStatus, statusJson } from "../output/status.ts";
import { parseProposalId } from "./vote.ts";

/**
 * `plenum tally <proposal> [--watch] [--indexer <url>]`: where the proposal stands. With `--watch`
 * it follows the proposal's life until nothing more can happen to it: it redraws as votes arrive and
 * as blocks move the chain's clock, shows the result once the deadline has passed (chain time),
 * follows an executable proposal through queued and executed, and resolves once the state is final.
 * With `indexerUrl` the tally (and the option labels of the proposal's metadata) come from the
 * indexer: its latest tally revision, and watching, its `tallyRevisions` subscription instead of
 * polling the node's logs; the state and the chain's clock are still read from the node.
 */
export async function tally(
  context: CliContext,
  id: string | undefined,
  watch: boolean,
  indexerUrl?: string,
): Promise<void> {
  const proposalId = parseProposalId(id);
  const community = context.community();
  const client = context.publicClient;
  const proposal = await getProposal(client, { community, proposalId });
  const indexer = indexerUrl
    ? { indexerUrl, chainId: context.chainId, community, proposalId }
    : undefined;
  // With the indexer: the revision shown, and the option labels of the proposal's metadata.
  let revision: IndexedTallyRevision | undefined;
  let labels: readonly string[] | undefined;
  if (indexer) {
    const indexed = await getIndexedTally(indexer);
    labels = indexed.proposal.labels;
    revision = indexed.revision ?? undefined;
  }
  // The ETA is read once. Watching, its ProposalQueued event lies after the last block seen before
  // the proposal was queued: a short log range instead of one from the community's first block.
  let eta: Promise<bigint | undefined> | undefined;
  let queuedSince: bigint | undefined;
  const statusAt = async (
    block: { number: bigint; timestamp: bigint },
    state: ProposalStateName,
    tally: GetTallyReturnType,
  ): Promise<ProposalStatus> => {
    if (state === "queued" && !eta) {
      eta = queuedEta(context, proposalId, queuedSince ?? context.fromBlock());
    }
    return {
      proposalId,
      mode: proposal.mode,
      executable: proposal.executable,
      deadline: proposal.deadline,
      state,
      tally,
      block,
      eta: state === "queued" ? await eta : undefined,
      labels,
      indexed: revision && { block: revision.blockNumber, final: revision.finalized },
    };
  };

  if (!watch) {
    const latest = await client.getBlock({ blockTag: "latest" });
    const at = { community, proposalId, blockNumber: latest.number };
    const [state, current] = await Promise.all([
      getProposalState(client, at),
      revision ? revision.tally : getTally(client, at),
    ]);
    const status = await statusAt(latest, state, current);
    return void console.log(context.json ? toJson(statusJson(status)) : renderStatus(status));
  }

  const tty = !context.json && process.stdout.isTTY;
  await new Promise<void>((resolve) => {
    let current: GetTallyReturnType | undefined;
    let state: ProposalStateName | undefined;
    let block: { number: bigint; timestamp: bigint } | undefined;
    let shown = "";
    let stopped = false;
    let checking = false;
    const warn = (error: Error) => {
      if (!stopped)
        process.stderr.write(`warning: ${(error as BaseError).shortMessage ?? error.message}\n`);
    };

    const stop = () => {
      stopped = true;
      unwatch();
      clearInterval(timer);
      process.off("SIGINT", stop);
      resolve();
    };
    const show = async () => {
      if (stopped || !current || !state || !block) return;
      const status = await statusAt(block, state, current);
      // A new line only when something changed; a terminal also redraws for the clock.
      const json = statusJson(status);
      const { block: _block, timestamp: _timestamp, secondsLeft: _left, ...change } = json;
      const key = toJsonLine(tty ? json : change);
      if (stopped || key === shown) return;
      shown = key;
      if (context.json) console.log(toJsonLine(json));
      else if (tty) process.stdout.write(`\x1b[2J\x1b[H${renderStatus(status)}\n`);
      else console.log(`${renderStatus(status)}\n`);
      if (json.final) stop();
    };

    // Votes: the indexer's tally revisions (a reorg's correction replaces what was shown), or
    // watchTally, which re-reads the tally after every block with a ballot on this proposal.
    const unwatch = indexer
      ? watchIndexedTally({
          ...indexer,
          onUpdate: (update) => {
            if (!update.revision) {
              warn(new Error(`a reorg removed proposal ${proposalId} from the indexer`));
              return;
            }
            revision = update.revision;
            current = update.revision.tally;
            show().catch(warn);
          },
          onError: (error) =>
            warn(new Error(`${(error as BaseError).shortMessage ?? error.message}; reconnecting`)),
        })
      : watchTally(client, {
          community,
          proposalId,
          onTally: (tally) => {
            current = tally;
            show().catch(warn);
          },
          onError: warn,
        });
    // The clock: the state changes only when a block moves the chain's time past the deadline (or a
    // queue, execute or cancel lands), so read the latest block and the state at it on every new
    // block, and on a timer, since over HTTP new blocks are found by polling anyway.
    const check = async () => {
      if (checking || stopped) return;
      checking = true;
      try {
        const latest = await client.getBlock({ blockTag: "latest" });
        if (block && latest.number === block.number && state !== "active") return;
        const at = { community, proposalId, blockNumber: latest.number };
        const now = await getProposalState(client, at);
        // Voting just closed: take the tally at the same block, whatever the vote watcher last saw
        // (from the indexer: its latest revision, as no ballot lands after the deadline).
        if (now !== "active" && (state === "active" || !current)) {
          if (indexer) {
            revision = (await getIndexedTally(indexer)).revision ?? revision;
            current = revision?.tally ?? (await getTally(client, at));
          } else {
            current = await getTally(client, at);
          }
        }
        if (now !== "queued") queuedSince = latest.number;
        block = { number: latest.number, timestamp: latest.timestamp };
        state = now;
        await show();
      } catch (error) {
        warn(error as Error);
      } finally {
        checking = false;
      }
    };
    const timer = setInterval(() => void check(), client.pollingInterval);
    process.once("SIGINT", stop);
    void check();
  });
}

/**
 * When a queued proposal may be executed (chain time), from its `ProposalQueued` event; `undefined`
 * (with a warning) when the node will not return the logs, so the state is still shown.
 */
async function queuedEta(
  context: CliContext,
  proposalId: bigint,
  fromBlock: bigint,
): Promise<bigint | undefined> {
  try {
    const logs = await context.publicClient.getContractEvents({
      address: context.community(),
      abi: liquidGovernorAbi,
      eventName: "ProposalQueued",
      args: { proposalId },
      fromBlock,
      strict: true,
    });
    return logs.at(-1)?.args.etaSeconds;
  } catch (error) {
    process.stderr.write(
      `warning: cannot read when proposal ${proposalId} becomes executable: ${(error as Error).message.split("\n")[0]}\n`,
    );
    return undefined;
  }
}

/**
 * `plenum verify <proposal>`: recounts from logs alone and compares with the contract. Resolves to
 * whether they agree; the CLI exits 0 on a match and 1 on a mismatch.
 */
export async function verify(context: CliContext, id: string | undefined): Promise<boolean> {
  const proposalId = parseProposalId(id);
  // Checked up front: the recount retries failed requests, which a wrong address would only delay.
  await context.checkCommunity();
  const progress = createProgress("reading logs", { enabled: !context.json });
  const result = await verifyProposal(context.publicClient, {
    community: context.community(),
    fromBlock: context.fromBlock(),
    proposalId,
    onProgress: (step) =>
      progress.update(
        step.done,
        step.total,
        step.phase === "timestamps" ? "block times" : `${step.logs} logs`,
      ),
  });
  progress.finish();
  const { recount } = result;
  const group =
    recount.mode === "anonymous"
      ? {
          recorded: recount.group.recorded,
          rebuilt: recount.group.rebuilt,
        }
      : undefined;
  if (context.json) {
    console.log(
      toJson({
        proposalId,
        mode: recount.mode,
        verdict: result.verdict,
        blockNumber: result.blockNumber,
        onChain: result.onChain,
        recount: {
          tallies: recount.tallies,
          abstain: recount.abstain,
          participation: recount.participation,
          totalMass: recount.totalMass,
          quorum: recount.outcome?.quorum,
          state: recount.outcome?.state,
          ...(group ? { group } : {}),
        },
        differences: result.differences,
      }),
    );
  } else {
    console.log(
      `proposal ${proposalId} at block ${result.blockNumber}: ${result.verdict.toUpperCase()}`,
    );
    console.log(
      `  on-chain tallies ${result.onChain.tallies.join(" / ")} · abstain ${result.onChain.abstain} · participation ${result.onChain.participation} of ${result.onChain.totalMass}`,
    );
    console.log(
      `  recount  tallies ${recount.tallies.join(" / ")} · abstain ${recount.abstain} · participation ${recount.participation} of ${recount.totalMass}`,
    );
    console.log(
      `  on-chain quorum ${result.onChain.quorum} · ${result.onChain.state}; recount quorum ${
        recount.outcome?.quorum ?? "unknown"
      } · ${recount.outcome?.state ?? "unknown"}`,
    );
    if (group) {
      const hex = (value: bigint) => `0x${value.toString(16)}`;
      console.log(
        `  group    recorded root ${hex(group.recorded.root)} (${group.recorded.identities} identities) · rebuilt ${
          group.rebuilt
            ? `${hex(group.rebuilt.root)} (${group.rebuilt.identities} identities)`
            : "differs"
        }`,
      );
    }
    for (const difference of result.differences) console.log(`  ✗ ${difference}`);
  }
  return result.verdict === "match";
}
