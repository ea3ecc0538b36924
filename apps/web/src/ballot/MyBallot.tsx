"use client";
// "My ballot": the connected member's ballot on a proposal — vote, change, retract — with a receipt
// after each transaction. Checks and sends go through the SDK (its pre-flight refuses what the
// contract would, in plain words); the form only gathers the choice.
import { castQuadraticVote, castVote, getBallot, getMember, retractVote } from "@plenum/sdk";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import { useClient, useConnection } from "wagmi";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { useExplanation } from "../explain/useExplanation.ts";
import { caipAddress, shortAddress } from "../format/address.ts";
import { formatMass } from "../format/mass.ts";
import { ballotChoice } from "../proposal/BallotList.tsx";
import type { BallotData } from "../proposal/useProposal.ts";
import type { ProposalStatus, ProposalView } from "../proposals/proposalView.ts";
import { BallotReceiptView } from "./BallotReceiptView.tsx";
import { QuadraticForm } from "./QuadraticForm.tsx";
import { type SingleChoice, SingleChoiceForm } from "./SingleChoiceForm.tsx";
import { useBallotTx } from "./useBallotTx.ts";

// The secret ballot (Semaphore identities, Poseidon, the prover's plumbing) is loaded only on the
// anonymous proposals that show it, not in every proposal page's first load.
const SecretBallot = dynamic(
  () => import("../secret/SecretBallot.tsx").then((module) => module.SecretBallot),
  { loading: () => <MyBallotLoading /> },
);

/**
 * The "My ballot" panel of a proposal.
 * @example
 * <MyBallot proposal={proposal} status="open" ballots={ballots} block="72" onChanged={refresh} />
 */
export function MyBallot({
  proposal,
  status,
  ballots,
  block,
  onChanged,
}: {
  proposal: ProposalView;
  status: ProposalStatus | undefined;
  /** The current ballots (to name what a delegate chose). */
  ballots: readonly BallotData[];
  /** The latest tally revision's block. */
  block: string | undefined;
  onChanged: () => void;
}) {
  const config = useAppConfig();
  const { community } = config;
  const connection = useConnection();
  const publicClient = useClient();
  const address = connection.address;
  const proposalId = proposal.proposalId;
  const { state, run } = useBallotTx(proposalId);

  const member = useQuery({
    queryKey: ["member-at", community, address, String(proposal.snapshot)],
    enabled: Boolean(address && publicClient),
    queryFn: () =>
      // biome-ignore lint/style/noNonNullAssertion: enabled only with both.
      getMember(publicClient!, { community, account: address!, at: proposal.snapshot }),
  });
  const ballot = useQuery({
    queryKey: ["ballot", community, String(proposalId), address],
    enabled: Boolean(address && publicClient),
    // biome-ignore lint/style/noNonNullAssertion: enabled only with both.
    queryFn: () => getBallot(publicClient!, { community, proposalId, voter: address! }),
  });

  const explanation = useExplanation(
    proposalId,
    proposal.mode === "anonymous" ? undefined : address,
    block,
  );
  const busy = ["signing", "mining", "indexing"].includes(state.phase);
  const after = async (receipt: unknown) => {
    if (receipt) {
      await ballot.refetch();
      onChanged();
    }
  };

  if (proposal.mode === "anonymous") {
    return <SecretBallot proposal={proposal} status={status} onChanged={onChanged} />;
  }
  let body: ReactNode;
  if (status !== undefined && status !== "open") {
    body = <p>Voting has ended; ballots can no longer change.</p>;
  } else if (connection.status !== "connected" || !address) {
    body = <p>Connect a wallet to vote on this proposal.</p>;
  } else if (connection.chainId !== config.chainId) {
    body = <p>Switch your wallet to {config.chainName} to vote.</p>;
  } else if (member.isPending || ballot.isPending) {
    body = (
      <p className="skeleton" aria-busy="true">
        Reading your membership…
      </p>
    );
  } else if (member.error || ballot.error) {
    body = (
      <p role="alert" className="error-text">
        Could not read your ballot: {(member.error ?? ballot.error)?.message.split("\n")[0]}
      </p>
    );
  } else if (!member.data?.isMember || member.data.weight === 0n) {
    body = <p>{address} was not a member at this proposal's snapshot, so it cannot vote here.</p>;
  } else {
    const current = ballot.data?.hasVoted ? ballot.data : undefined;
    const weight = member.data.weight;
    body = (
      <>
        <p className="muted">
          Your weight at the snapshot: <strong className="num">{String(weight)}</strong>{" "}
          {proposal.mode === "quadratic" ? "credits" : weight === 1n ? "vote" : "votes"}.
          {current ? " You have a ballot; you may change or retract it until voting ends." : ""}
        </p>
        {!current && explanation.data && (
          <DelegateNote explain={explanation.data.explain} proposal={proposal} ballots={ballots} />
        )}
        {proposal.mode === "quadratic" ? (
          <QuadraticForm
            key={current?.votes?.join(",") ?? "none"}
            proposal={proposal}
            credits={weight}
            voter={address}
            current={current?.votes}
            busy={busy}
            onSubmit={async (votes) =>
              after(
                await run("vote", (client, account) =>
                  castQuadraticVote(client, { account, community, proposalId, votes }),
                ),
              )
            }
          />
        ) : (
          <SingleChoiceForm
            key={String(current?.option)}
            proposal={proposal}
            current={current?.option as SingleChoice | undefined}
            busy={busy}
            onSubmit={async (option) =>
              after(
                await run("vote", (client, account) =>
                  castVote(client, { account, community, proposalId, option }),
                ),
              )
            }
          />
        )}
        {current && (
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={async () =>
              after(
                await run("retract", (client, account) =>
                  retractVote(client, { account, community, proposalId }),
                ),
              )
            }
          >
            Retract my ballot
          </button>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby="my-ballot" className="card">
      <h2 id="my-ballot">My ballot</h2>
      {body}
      <BallotReceiptView state={state} proposal={proposal} />
    </section>
  );
}

/** The panel's frame while its code loads: same heading and height as the loaded panel's first line. */
function MyBallotLoading() {
  return (
    <section aria-labelledby="my-ballot" className="card" aria-busy="true">
      <h2 id="my-ballot">My ballot</h2>
      <p className="skeleton">Loading the secret ballot…</p>
    </section>
  );
}

/** "Your delegate X voted For and carries you: vote yourself to override", or why nobody does. */
function DelegateNote({
  explain,
  proposal,
  ballots,
}: {
  explain: NonNullable<ReturnType<typeof useExplanation>["data"]>["explain"];
  proposal: ProposalView;
  ballots: readonly BallotData[];
}) {
  const mass = explain.mass === null ? "" : ` (${formatMass(explain.mass, proposal.mode)})`;
  if (explain.kind === "carried" && explain.carrier) {
    const carrier = explain.carrier.toLowerCase();
    const ballot = ballots.find((b) => b.voter.toLowerCase() === carrier);
    return (
      <p data-testid="delegate-note">
        Your delegate <span className="hash">{shortAddress(caipAddress(explain.carrier))}</span>{" "}
        voted <strong>{ballot ? ballotChoice(ballot, proposal.labels) : "on this proposal"}</strong>{" "}
        and carries your mass{mass}. Vote yourself to override them.
      </p>
    );
  }
  if (explain.kind === "uncounted") {
    return (
      <p data-testid="delegate-note">
        Your mass{mass} is not counted yet:{" "}
        {explain.reason === "chain-ends-at-non-member"
          ? "your delegation chain ends at someone who is not a member."
          : "nobody on your delegation chain has voted."}{" "}
        Vote to count it.
      </p>
    );
  }
  return null;
}
