"use client";
// The governance desk: table one proposal or a whole agenda (Markdown or CSV, the CLI's parser), and
// queue and execute executable proposals that passed. Every write goes through the SDK from the
// connected wallet; the contract decides who may.
import {
  executeProposal,
  propose,
  proposeAgenda,
  queueProposal,
  type VoteModeName,
} from "@plenum/sdk";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useChainNow } from "../clock/useChainNow.ts";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { formatMoment } from "../format/time.ts";
import { type ResultOf, readFragment } from "../graphql/graphql.ts";
import { requestIndexer } from "../graphql/request.ts";
import { ProposalSummary, RevisionFields } from "../proposals/fragments.ts";
import { communityGraphId } from "../proposals/ids.ts";
import { proposalStatus, toProposalView } from "../proposals/proposalView.ts";
import { DeskTxView } from "../registrar/DeskTxView.tsx";
import { useDeskTx } from "../registrar/useDeskTx.ts";
import { DeskQuery } from "./queries.ts";
import { type TablingCheck, tableAgenda, tableProposal } from "./tabling.ts";
import "../secret/secret.css";

const MODES: { value: VoteModeName; label: string }[] = [
  { value: "single", label: "Single choice" },
  { value: "quadratic", label: "Quadratic" },
  { value: "anonymous", label: "Secret ballot" },
];

/**
 * The governance desk's content.
 * @example
 * <DeskView />
 */
export function DeskView() {
  const { indexerUrl, chainId, community } = useAppConfig();
  const ids = useId();
  const desk = useQuery({
    queryKey: ["desk", indexerUrl, community],
    queryFn: () =>
      requestIndexer(indexerUrl, DeskQuery, { community: communityGraphId(chainId, community) }),
    refetchInterval: 5_000,
  });
  const topics = desk.data?.topics ?? [{ topic: 0, name: "General" }];
  return (
    <div className="page-stack">
      <h1>Governance desk</h1>
      <p>
        Table proposals and agendas, and queue and execute the executable proposals that passed.
      </p>
      <section aria-labelledby={`${ids}-one`} className="card">
        <h2 id={`${ids}-one`}>Table a proposal</h2>
        <ProposalForm topics={topics} />
      </section>
      <section aria-labelledby={`${ids}-agenda`} className="card">
        <h2 id={`${ids}-agenda`}>Table an agenda</h2>
        <AgendaForm topics={topics} />
      </section>
      <section aria-labelledby={`${ids}-exec`} className="card">
        <h2 id={`${ids}-exec`}>Queue and execute</h2>
        <ExecutableList data={desk.data} refetch={() => void desk.refetch()} />
      </section>
    </div>
  );
}

type Topics = readonly { topic: number; name: string }[];

function TopicModeFields({
  topics,
  topic,
  setTopic,
  mode,
  setMode,
}: {
  topics: Topics;
  topic: number;
  setTopic: (t: number) => void;
  mode: VoteModeName;
  setMode: (m: VoteModeName) => void;
}) {
  const ids = useId();
  return (
    <>
      <label htmlFor={`${ids}-topic`}>Topic</label>
      <select id={`${ids}-topic`} value={topic} onChange={(e) => setTopic(Number(e.target.value))}>
        {topics.map((t) => (
          <option key={t.topic} value={t.topic}>
            {t.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-mode`}>Voting mode</label>
      <select
        id={`${ids}-mode`}
        value={mode}
        onChange={(e) => setMode(e.target.value as VoteModeName)}
      >
        {MODES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
    </>
  );
}

function Problems({ check, testId }: { check: TablingCheck | undefined; testId: string }) {
  if (!check || check.ok) return null;
  return (
    <div role="alert" className="receipt failed" data-testid={testId}>
      <p className="error-text">Nothing was sent:</p>
      <ul>
        {check.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

function ProposalForm({ topics }: { topics: Topics }) {
  const { community } = useAppConfig();
  const ids = useId();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [options, setOptions] = useState("Against\nFor");
  const [topic, setTopic] = useState(0);
  const [mode, setMode] = useState<VoteModeName>("single");
  const [check, setCheck] = useState<TablingCheck>();
  const tx = useDeskTx();
  return (
    <form
      className="stack-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = tableProposal({ title, description, options, topic, mode });
        setCheck(result);
        if (!result.ok) return;
        const [proposal] = result.proposals;
        if (!proposal) return;
        if (
          await tx.run(
            (client) => propose(client, { community, ...proposal }),
            `Tabled "${title.trim()}"`,
          )
        ) {
          setTitle("");
          setDescription("");
        }
      }}
    >
      <label htmlFor={`${ids}-title`}>Title</label>
      <input
        id={`${ids}-title`}
        value={title}
        required
        onChange={(e) => setTitle(e.target.value)}
      />
      <label htmlFor={`${ids}-desc`}>Description (optional)</label>
      <textarea
        id={`${ids}-desc`}
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <label htmlFor={`${ids}-options`}>Options, one per line</label>
      <textarea
        id={`${ids}-options`}
        rows={3}
        value={options}
        onChange={(e) => setOptions(e.target.value)}
      />
      <TopicModeFields
        topics={topics}
        topic={topic}
        setTopic={setTopic}
        mode={mode}
        setMode={setMode}
      />
      <button type="submit" className="button button-primary" disabled={tx.busy || !title.trim()}>
        Table the proposal
      </button>
      <Problems check={check} testId="proposal-problems" />
      <DeskTxView state={tx.state} testId="proposal-tx" />
    </form>
  );
}

function AgendaForm({ topics }: { topics: Topics }) {
  const { community } = useAppConfig();
  const ids = useId();
  const [text, setText] = useState("");
  const [format, setFormat] = useState<"markdown" | "csv">("markdown");
  const [topic, setTopic] = useState(0);
  const [mode, setMode] = useState<VoteModeName>("single");
  const [check, setCheck] = useState<TablingCheck>();
  const tx = useDeskTx();
  return (
    <form
      className="stack-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = tableAgenda({ text, format, topic, mode, optionCount: 2 });
        setCheck(result);
        if (!result.ok) return;
        const n = result.proposals.length;
        if (
          await tx.run(
            (client) => proposeAgenda(client, { community, proposals: result.proposals }),
            `Tabled ${n} ${n === 1 ? "bill" : "bills"}: ${result.titles.join("; ")}`,
          )
        ) {
          setText("");
        }
      }}
    >
      <label htmlFor={`${ids}-file`}>Agenda file (.md or .csv)</label>
      <input
        id={`${ids}-file`}
        type="file"
        accept=".md,.markdown,.csv,text/markdown,text/csv,text/plain"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          setFormat(/\.(md|markdown)$/i.test(file.name) ? "markdown" : "csv");
          setText(await file.text());
        }}
      />
      <label htmlFor={`${ids}-text`}>or paste it</label>
      <textarea
        id={`${ids}-text`}
        rows={5}
        value={text}
        placeholder={"- Library hours\n- Bus levy <ipfs://…>"}
        onChange={(e) => setText(e.target.value)}
      />
      <label htmlFor={`${ids}-format`}>Format</label>
      <select
        id={`${ids}-format`}
        value={format}
        onChange={(e) => setFormat(e.target.value as "markdown" | "csv")}
      >
        <option value="markdown">Markdown (one bill per list item)</option>
        <option value="csv">CSV (title[,uri[,options]])</option>
      </select>
      <TopicModeFields
        topics={topics}
        topic={topic}
        setTopic={setTopic}
        mode={mode}
        setMode={setMode}
      />
      <button type="submit" className="button button-primary" disabled={tx.busy || !text.trim()}>
        Table the agenda
      </button>
      <Problems check={check} testId="agenda-problems" />
      <DeskTxView state={tx.state} testId="agenda-tx" />
    </form>
  );
}

function ExecutableList({
  data,
  refetch,
}: {
  data: ResultOf<typeof DeskQuery> | undefined;
  refetch: () => void;
}) {
  const { community } = useAppConfig();
  const now = useChainNow(1_000);
  const tx = useDeskTx();
  if (!data)
    return (
      <p className="skeleton" aria-busy="true">
        Reading executable proposals…
      </p>
    );
  const rows = data.proposals.map((raw) => {
    const summary = readFragment(ProposalSummary, raw);
    const tally = summary.tally ? readFragment(RevisionFields, summary.tally) : undefined;
    return {
      view: toProposalView(summary),
      eta: raw.eta ? BigInt(raw.eta) : undefined,
      passing: tally?.passing ?? false,
    };
  });
  if (rows.length === 0) return <p>No executable proposal yet.</p>;
  return (
    <>
      <ul className="plain-list" aria-label="Executable proposals">
        {rows.map(({ view, eta, passing }) => {
          const status = now === undefined ? undefined : proposalStatus(view, now);
          let action: React.ReactNode = null;
          let text: string;
          if (status === "open") text = "Voting is still open.";
          else if (status === "closed" && passing) {
            text = "Passed: queue it in the timelock.";
            action = (
              <button
                type="button"
                className="button button-primary"
                disabled={tx.busy}
                onClick={async () => {
                  if (
                    await tx.run(
                      (client) => queueProposal(client, { community, proposalId: view.proposalId }),
                      `Queued #${view.proposalId}`,
                    )
                  )
                    refetch();
                }}
              >
                Queue #{String(view.proposalId)}
              </button>
            );
          } else if (status === "closed") text = "Did not pass.";
          else if (status === "queued" && eta !== undefined && now !== undefined && now < eta)
            text = `Queued: executable from ${formatMoment(eta)}.`;
          else if (status === "queued") {
            text = "Queued and due: execute it.";
            action = (
              <button
                type="button"
                className="button button-primary"
                disabled={tx.busy}
                onClick={async () => {
                  if (
                    await tx.run(
                      (client) =>
                        executeProposal(client, { community, proposalId: view.proposalId }),
                      `Executed #${view.proposalId}`,
                    )
                  )
                    refetch();
                }}
              >
                Execute #{String(view.proposalId)}
              </button>
            );
          } else
            text = status === "executed" ? "Executed." : status === "canceled" ? "Canceled." : "…";
          return (
            <li key={view.id} data-testid={`executable-${view.proposalId}`}>
              <Link href={`/proposals/${view.proposalId}`}>
                #{String(view.proposalId)} {view.title}
              </Link>{" "}
              <span className="muted">{text}</span> {action}
            </li>
          );
        })}
      </ul>
      <DeskTxView state={tx.state} testId="executable-tx" />
    </>
  );
}
