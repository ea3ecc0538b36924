"use client";
// The "My ballot" panel as the proposal page first shows it. Reading and sending ballots (the SDK's
// reads and writes with the governor's ABI, the forms, the receipt) is code only a connected member
// on an open proposal needs, so MyBallot.tsx loads on demand; everyone else gets the panel's plain
// words at once, and a connected member sees the panel's frame for the moment the code takes.
import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import { useConnection } from "wagmi";
import type { ProposalStatus } from "../proposals/proposalView.ts";
import type { MyBallot as MyBallotType } from "./MyBallot.tsx";

const MyBallot = dynamic(() => import("./MyBallot.tsx").then((module) => module.MyBallot), {
  loading: () => (
    <BallotCard busy>
      <p className="skeleton">Reading your membership…</p>
    </BallotCard>
  ),
});

/**
 * The "My ballot" panel of a proposal (MyBallot's parameters).
 * @example
 * <MyBallotPanel proposal={proposal} status="open" ballots={ballots} block="72" onChanged={refresh} />
 */
export function MyBallotPanel(props: Parameters<typeof MyBallotType>[0]) {
  const connection = useConnection();
  const { proposal, status } = props;
  if (proposal.mode !== "anonymous" && isClosed(status)) {
    return (
      <BallotCard>
        <p>Voting has ended; ballots can no longer change.</p>
      </BallotCard>
    );
  }
  if (proposal.mode !== "anonymous" && connection.status === "disconnected") {
    return (
      <BallotCard>
        <p>Connect a wallet to vote on this proposal.</p>
      </BallotCard>
    );
  }
  return <MyBallot {...props} />;
}

function isClosed(status: ProposalStatus | undefined): boolean {
  return status !== undefined && status !== "open";
}

/** The panel's frame, as MyBallot draws it. */
function BallotCard({ busy, children }: { busy?: boolean; children: ReactNode }) {
  return (
    <section aria-labelledby="my-ballot" className="card" aria-busy={busy || undefined}>
      <h2 id="my-ballot">My ballot</h2>
      {children}
    </section>
  );
}
