import { getProposal } from "../../actions/getProposal.ts";
import { type GetTallyReturnType, getTally } from "../../actions/getTally.ts";
import { watchTally } from "../../actions/watchTally.ts";
import { verifyProposal } from "../../recount/verifyProposal.ts";
import type { CliContext } from "../context.ts";
import { renderTally, toJson } from "../output/format.ts";
import { createProgress } from "../output/progress.ts";
import { parseProposalId } from "./vote.ts";

/** `plenum tally <proposal> [--watch]`: the live tally, redrawn as votes arrive with --watch. */
export async function tally(
  context: CliContext,
  id: string | undefined,
  watch: boolean,
): Promise<void> {
  const proposalId = parseProposalId(id);
  const community = context.community();
  const proposal = await getProposal(context.publicClient, { community, proposalId });
  const labels = proposal.executable ? ["Against", "For"] : [];
  const show = (current: GetTallyReturnType) => {
    if (context.json) return console.log(toJson({ proposalId, state: proposal.state, ...current }));
    const header = `proposal ${proposalId} · ${proposal.mode} · ${proposal.state} · closes ${new Date(
      Number(proposal.deadline) * 1000,
    ).toISOString()}`;
    const body = renderTally(
      current,
      proposal.mode === "quadratic" ? "quadratic" : "single",
      labels,
    );
    const verdict = `quorum ${current.quorumReached ? "reached" : "not reached"} · ${
      current.passing ? `passing (option ${current.leading})` : "not passing"
    }${proposal.mode === "anonymous" ? ` · one vote per identity (${current.totalMass} in the group)` : ""}`;
    const text = `${header}\n${body}\n${verdict}`;
    if (watch && process.stdout.isTTY) process.stdout.write(`\x1b[2J\x1b[H${text}\n`);
    else console.log(text);
  };
  if (!watch) return show(await getTally(context.publicClient, { community, proposalId }));
  await new Promise<void>((resolve) => {
    const unwatch = watchTally(context.publicClient, {
      community,
      proposalId,
      onTally: show,
      onError: (error) => console.error(`warning: ${error.message}`),
    });
    process.once("SIGINT", () => {
      unwatch();
      resolve();
    });
  });
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
