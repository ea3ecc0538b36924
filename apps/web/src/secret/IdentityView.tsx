"use client";
// The identity page: the member's Semaphore identity for secret ballots. Create one at random or
// derive it from a wallet signature (recoverable from the wallet), back it up encrypted with a
// passphrase, restore a backup, and register it in the community's group (or replace the one
// registered). Everything cryptographic is the SDK's.
import {
  createIdentity,
  decryptIdentity,
  encryptIdentity,
  getIdentityCommitment,
  registerIdentity,
  replaceIdentity,
  waitForReceipt,
} from "@plenum/sdk";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useClient, useConnection, useConnectorClient } from "wagmi";
import { txErrorMessage } from "../ballot/txMessages.ts";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { setSecretIdentity, useSecretIdentity } from "./identityStore.ts";
import { ThreatNote } from "./ThreatNote.tsx";
import { useDeriveIdentity } from "./useDeriveIdentity.ts";
import "./secret.css";

type Step =
  | { phase: "idle" }
  | { phase: "busy"; text: string }
  | { phase: "done"; text: string }
  | { phase: "failed"; text: string };

/**
 * The identity page's content.
 * @example
 * <IdentityView />
 */
export function IdentityView() {
  const { community, chainId } = useAppConfig();
  const connection = useConnection();
  const publicClient = useClient();
  const { data: walletClient } = useConnectorClient();
  const loaded = useSecretIdentity();
  const derive = useDeriveIdentity();
  const ids = useId();
  const [backup, setBackup] = useState<string | undefined>();
  const [passphrase, setPassphrase] = useState("");
  const [restoreText, setRestoreText] = useState("");
  const [restorePassphrase, setRestorePassphrase] = useState("");
  const [step, setStep] = useState<Step>({ phase: "idle" });
  const address = connection.address;

  const registered = useQuery({
    queryKey: ["identity-commitment", community, address],
    enabled: Boolean(address && publicClient),
    // biome-ignore lint/style/noNonNullAssertion: enabled only with both.
    queryFn: () => getIdentityCommitment(publicClient!, { community, member: address! }),
  });
  const act = async (busyText: string, run: () => Promise<string>) => {
    setStep({ phase: "busy", text: busyText });
    try {
      setStep({ phase: "done", text: await run() });
    } catch (error) {
      setStep({ phase: "failed", text: txErrorMessage(error) });
    }
  };
  const busy = step.phase === "busy" || derive.busy;
  const commitment = loaded?.identity.commitment;
  const isRegistered = registered.data != null && registered.data === commitment;
  const wrongChain = connection.status === "connected" && connection.chainId !== chainId;

  return (
    <div className="page-stack">
      <h1>Secret-ballot identity</h1>
      <p>
        Secret ballots (anonymous proposals) are cast with a Semaphore identity: a secret key that
        stays in this browser. Only its public commitment goes on chain, next to your address. This
        page keeps the identity in memory only: closing the tab forgets it, so derive it from your
        wallet again or keep an encrypted backup.
      </p>
      <ThreatNote open />

      <section aria-labelledby={`${ids}-current`} className="card">
        <h2 id={`${ids}-current`}>Your identity</h2>
        {loaded ? (
          <p data-testid="identity-commitment">
            Loaded ({loaded.source}). Commitment{" "}
            <span className="hash">{String(loaded.identity.commitment)}</span>
          </p>
        ) : (
          <p>No identity loaded in this tab.</p>
        )}
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={busy || connection.status !== "connected"}
            onClick={() => derive.derive()}
          >
            Derive from my wallet (recoverable)
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => {
              setSecretIdentity({ identity: createIdentity(), source: "created" });
              setBackup(undefined);
            }}
          >
            Create a random identity
          </button>
          {loaded && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setSecretIdentity(undefined);
                setBackup(undefined);
              }}
            >
              Forget it in this tab
            </button>
          )}
        </div>
        {connection.status !== "connected" && (
          <p className="muted">Connect a wallet to derive an identity or register one.</p>
        )}
        {derive.error && (
          <p role="alert" className="error-text">
            {derive.error}
          </p>
        )}
        {loaded?.source === "created" && (
          <p>
            A random identity exists only here: back it up before you register it, or you lose your
            vote when this tab closes.
          </p>
        )}
      </section>

      {loaded && (
        <section aria-labelledby={`${ids}-register`} className="card">
          <h2 id={`${ids}-register`}>Registration</h2>
          {!address ? (
            <p>Connect the wallet of your membership to register this identity.</p>
          ) : registered.isPending ? (
            <p className="skeleton" aria-busy="true">
              Reading your registration…
            </p>
          ) : isRegistered ? (
            <p data-testid="identity-registered">
              This identity is registered for {address}. Anonymous proposals made from now on accept
              its ballots.
            </p>
          ) : (
            <>
              <p>
                {registered.data == null
                  ? `${address} has no identity registered.`
                  : `${address} has another identity registered (${String(registered.data).slice(0, 8)}…). Replacing it is a key change: proposals made before keep the old one, later ones know only this one.`}
              </p>
              <button
                type="button"
                className="button button-primary"
                disabled={busy || wrongChain || !walletClient}
                onClick={() =>
                  act("Registering: confirm in your wallet, then wait for the block…", async () => {
                    if (!walletClient || !publicClient) throw new Error("Connect a wallet first.");
                    const identity = loaded.identity;
                    const hash =
                      registered.data == null
                        ? await registerIdentity(walletClient, { community, identity })
                        : await replaceIdentity(walletClient, { community, identity });
                    const receipt = await waitForReceipt(publicClient, { hash });
                    if (receipt.status !== "success") throw new Error("the transaction reverted");
                    await registered.refetch();
                    return `Registered in block ${receipt.blockNumber} (transaction ${hash}).`;
                  })
                }
              >
                {registered.data == null
                  ? "Register this identity"
                  : "Replace my registered identity"}
              </button>
            </>
          )}
        </section>
      )}

      {loaded && (
        <section aria-labelledby={`${ids}-backup`} className="card">
          <h2 id={`${ids}-backup`}>Encrypted backup</h2>
          <form
            className="stack-form"
            onSubmit={(event) => {
              event.preventDefault();
              act("Encrypting (this takes a second on purpose)…", async () => {
                const envelope = await encryptIdentity(loaded.identity, passphrase);
                setBackup(JSON.stringify(envelope, null, 2));
                setPassphrase("");
                return "Backup made: save the file, and remember the passphrase.";
              });
            }}
          >
            <label htmlFor={`${ids}-pass`}>Passphrase (at least 8 characters)</label>
            <input
              id={`${ids}-pass`}
              type="password"
              autoComplete="new-password"
              value={passphrase}
              minLength={8}
              required
              onChange={(event) => setPassphrase(event.target.value)}
            />
            <button type="submit" className="button" disabled={busy}>
              Make an encrypted backup
            </button>
          </form>
          {backup && (
            <>
              <label htmlFor={`${ids}-backup-text`}>Your backup (encrypted; safe to store)</label>
              <textarea
                id={`${ids}-backup-text`}
                readOnly
                rows={6}
                value={backup}
                data-testid="identity-backup"
              />
              <a
                className="button"
                download="plenum-identity.json"
                href={`data:application/json;charset=utf-8,${encodeURIComponent(backup)}`}
              >
                Download the backup
              </a>
            </>
          )}
        </section>
      )}

      <section aria-labelledby={`${ids}-restore`} className="card">
        <h2 id={`${ids}-restore`}>Restore a backup</h2>
        <form
          className="stack-form"
          onSubmit={(event) => {
            event.preventDefault();
            act("Decrypting…", async () => {
              const identity = await decryptIdentity(restoreText, restorePassphrase);
              setSecretIdentity({ identity, source: "restored" });
              setRestorePassphrase("");
              return "Identity restored.";
            });
          }}
        >
          <label htmlFor={`${ids}-file`}>Backup file</label>
          <input
            id={`${ids}-file`}
            type="file"
            accept="application/json,.json"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (file) setRestoreText(await file.text());
            }}
          />
          <label htmlFor={`${ids}-restore-text`}>or paste it</label>
          <textarea
            id={`${ids}-restore-text`}
            rows={4}
            value={restoreText}
            onChange={(event) => setRestoreText(event.target.value)}
          />
          <label htmlFor={`${ids}-restore-pass`}>Its passphrase</label>
          <input
            id={`${ids}-restore-pass`}
            type="password"
            autoComplete="current-password"
            value={restorePassphrase}
            required
            onChange={(event) => setRestorePassphrase(event.target.value)}
          />
          <button type="submit" className="button" disabled={busy || !restoreText}>
            Restore
          </button>
        </form>
      </section>

      {step.phase !== "idle" && (
        <div
          className={`receipt${step.phase === "failed" ? " failed" : ""}`}
          role={step.phase === "failed" ? "alert" : "status"}
          data-testid="identity-status"
        >
          <p className={step.phase === "failed" ? "error-text" : undefined}>{step.text}</p>
        </div>
      )}
      <p>
        <Link href="/">Back to the agenda</Link> to find anonymous proposals.
      </p>
    </div>
  );
}
