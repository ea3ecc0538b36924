"use client";
// The registrar's desk: add members from a CSV, change weights, create topics. The contract decides
// who may (the registrar for members and weights, the admin for topics); the SDK's decoded error says
// so in words if the connected account may not.
import { createTopic } from "@plenum/sdk";
import { useId, useState } from "react";
import { useConnection } from "wagmi";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { DeskTxView } from "./DeskTxView.tsx";
import { MembersCsvForm } from "./MembersCsvForm.tsx";
import { useDeskTx } from "./useDeskTx.ts";
import "../secret/secret.css";

/**
 * The registrar page's content.
 * @example
 * <RegistrarView />
 */
export function RegistrarView() {
  const { community } = useAppConfig();
  const connection = useConnection();
  const ids = useId();
  const [topic, setTopic] = useState("");
  const tx = useDeskTx();
  return (
    <div className="page-stack">
      <h1>Registrar's desk</h1>
      <p>
        For the community's registrar (members and weights) and admin (topics). Each action is one
        transaction from the connected wallet; a file with bad lines is refused before anything is
        signed, with every bad line named.
      </p>
      {connection.status !== "connected" && (
        <p className="muted">Connect the registrar's wallet to use this desk.</p>
      )}
      <section aria-labelledby={`${ids}-add`} className="card">
        <h2 id={`${ids}-add`}>Add members</h2>
        <MembersCsvForm action="add" />
      </section>
      <section aria-labelledby={`${ids}-weights`} className="card">
        <h2 id={`${ids}-weights`}>Change weights</h2>
        <MembersCsvForm action="weights" />
      </section>
      <section aria-labelledby={`${ids}-topic`} className="card">
        <h2 id={`${ids}-topic`}>Create a topic</h2>
        <form
          className="stack-form"
          onSubmit={async (event) => {
            event.preventDefault();
            const name = topic.trim();
            if (
              await tx.run(
                (client) => createTopic(client, { community, name }),
                `Topic "${name}" created`,
              )
            ) {
              setTopic("");
            }
          }}
        >
          <label htmlFor={`${ids}-topic-name`}>Topic name</label>
          <input
            id={`${ids}-topic-name`}
            value={topic}
            required
            maxLength={64}
            onChange={(event) => setTopic(event.target.value)}
          />
          <button
            type="submit"
            className="button button-primary"
            disabled={tx.busy || !topic.trim()}
          >
            Create topic
          </button>
          <DeskTxView state={tx.state} testId="topic-tx" />
        </form>
      </section>
    </div>
  );
}
