"use client";
// "My ballot" on an anonymous proposal: load the member's identity (derive it from the wallet, or
// restore a backup on the identity page), choose, prove in a Web Worker with a progress indicator,
// send through the relayer, re-cast or retract; the receipt names the block whose tally counts it.
import { getAnonymousBallot } from "@plenum/sdk";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useClient, useConnection } from "wagmi";
import { type SingleChoice, SingleChoiceForm } from "../ballot/SingleChoiceForm.tsx";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import type { ProposalStatus, ProposalView } from "../proposals/proposalView.ts";
import { useSecretIdentity } from "./identityStore.ts";
import { SecretBallotProgress } from "./SecretBallotProgress.tsx";
import { ThreatNote } from "./ThreatNote.tsx";
import { useDeriveIdentity } from "./useDeriveIdentity.ts";
import { useSecretBallot } from "./useSecretBallot.ts";
import "./secret.css";

/**
 * The secret-ballot panel of an anonymous proposal.
 * @example
 * <SecretBallot proposal={proposal} status="open" onChanged={refresh} />
 */
export function SecretBallot({
  proposal,
  status,
  onChanged,
}: {
  proposal: ProposalView;
  status: ProposalStatus | undefined;
  onChanged: () => void;
}) {
  const { community } = useAppConfig();
  const publicClient = useClient();
  const connection = useConnection();
  const loaded = useSecretIdentity();
  const derive = useDeriveIdentity();
  const proposalId = proposal.proposalId;
  const { state, cast } = useSecretBallot(proposalId);
  const commitment = loaded?.identity.commitment;

  const ballot = useQuery({
    queryKey: ["anonymous-ballot", community, String(proposalId), String(commitment)],
    enabled: Boolean(loaded && publicClient),
    queryFn: () =>
      // biome-ignore lint/style/noNonNullAssertion: enabled only with both.
      getAnonymousBallot(publicClient!, { community, proposalId, identity: loaded!.identity }),
  });
  const busy = ["checking", "downloading", "proving", "relaying", "indexing"].includes(state.phase);
  const send = async (option: SingleChoice | "retract") => {
    if (!loaded) return;
    if (await cast(loaded, option)) {
      await ballot.refetch();
      onChanged();
    }
  };

  const intro = (
    <p>
      A secret ballot: your browser proves that you hold one of the identities registered when this
      proposal was made, without saying which, and the relayer sends it, so no address is linked to
      your choice.
    </p>
  );
  let body: React.ReactNode;
  if (status !== undefined && status !== "open") {
    body = <p>Voting has ended; secret ballots can no longer change.</p>;
  } else if (!loaded) {
    body = (
      <>
        <p>
          To vote, load your secret-ballot identity. If you derived it from your wallet, sign the
          same message again; otherwise restore your backup on the{" "}
          <Link href="/identity">identity page</Link>, where you can also create and register one.
        </p>
        {connection.status === "connected" ? (
          <button
            type="button"
            className="button"
            disabled={derive.busy}
            onClick={() => derive.derive()}
          >
            {derive.busy ? "Waiting for your signature…" : "Use the identity from my wallet"}
          </button>
        ) : (
          <p className="muted">Connect a wallet to derive it from a signature.</p>
        )}
        {derive.error && (
          <p role="alert" className="error-text">
            {derive.error}
          </p>
        )}
      </>
    );
  } else if (ballot.isPending) {
    body = (
      <p className="skeleton" aria-busy="true">
        Reading your secret ballot…
      </p>
    );
  } else if (ballot.error) {
    body = (
      <p role="alert" className="error-text">
        Could not read your secret ballot: {ballot.error.message.split("\n")[0]}
      </p>
    );
  } else {
    const current = ballot.data?.hasVoted ? ballot.data.option : undefined;
    body = (
      <>
        <p className="muted">
          Identity <span className="hash">{shortCommitment(loaded.identity.commitment)}</span> (
          {loaded.source}).{" "}
          {current === undefined
            ? "It has no ballot on this proposal yet."
            : "It has a ballot here; a new one replaces it, and only your last one counts."}
        </p>
        <SingleChoiceForm
          key={String(current)}
          proposal={proposal}
          current={current as SingleChoice | undefined}
          busy={busy}
          onSubmit={(option) => send(option)}
        />
        {current !== undefined && (
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => send("retract")}
          >
            Retract my secret ballot
          </button>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby="my-ballot" className="card">
      <h2 id="my-ballot">My secret ballot</h2>
      {intro}
      {body}
      <SecretBallotProgress state={state} proposal={proposal} />
      <ThreatNote />
    </section>
  );
}

function shortCommitment(commitment: bigint): string {
  const text = commitment.toString();
  return text.length > 14 ? `${text.slice(0, 6)}…${text.slice(-6)}` : text;
}
