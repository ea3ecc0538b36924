"use client";
// Members from a CSV (`address,weight` per line): checked line by line with the SDK's parser before
// anything is signed, then added (or, for weight changes, set) in one transaction.
import { addMembers, setWeights } from "@plenum/sdk";
import { useId, useState } from "react";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { DeskTxView } from "./DeskTxView.tsx";
import { checkMembersCsv } from "./parseMembers.ts";
import { useDeskTx } from "./useDeskTx.ts";

/**
 * The form to add members, or (with `action="weights"`) to change weights, from a CSV.
 * @example
 * <MembersCsvForm action="add" />
 */
export function MembersCsvForm({ action }: { action: "add" | "weights" }) {
  const { community } = useAppConfig();
  const ids = useId();
  const [text, setText] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const tx = useDeskTx();
  const noun = action === "add" ? "members" : "weights";
  return (
    <form
      className="stack-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const check = checkMembersCsv(text);
        if (!check.ok) {
          setProblems(check.problems);
          return;
        }
        setProblems([]);
        const members = check.rows.map(({ account, weight }) => ({ account, weight }));
        const ok = await tx.run(
          (client) =>
            action === "add"
              ? addMembers(client, { community, members })
              : setWeights(client, { community, members }),
          action === "add"
            ? `Added ${members.length} ${members.length === 1 ? "member" : "members"}`
            : `Set ${members.length} ${members.length === 1 ? "weight" : "weights"}`,
        );
        if (ok) setText("");
      }}
    >
      <label htmlFor={`${ids}-file`}>CSV file (address,weight per line)</label>
      <input
        id={`${ids}-file`}
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (file) setText(await file.text());
        }}
      />
      <label htmlFor={`${ids}-text`}>or paste it</label>
      <textarea
        id={`${ids}-text`}
        rows={5}
        value={text}
        placeholder="address,weight"
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={tx.busy || !text.trim()}>
        {action === "add" ? "Check and add members" : "Check and set weights"}
      </button>
      {problems.length > 0 && (
        <div role="alert" className="receipt failed" data-testid={`${action}-problems`}>
          <p className="error-text">
            Nothing was sent:{" "}
            {problems.length === 1 ? "one line needs" : `${problems.length} lines need`} fixing.
          </p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      <DeskTxView state={tx.state} testId={`${action}-${noun}-tx`} />
    </form>
  );
}
