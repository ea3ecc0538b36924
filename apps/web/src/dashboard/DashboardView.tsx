"use client";
// The member dashboard: my weight and credits, my delegates per topic (and who delegates to me), the
// open proposals that need my vote with what my delegates did on them, and my voting history. All
// from the indexer; the chain is only asked for the clock.
import { useQueries, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type Address, getAddress } from "viem";
import { useConnection } from "wagmi";
import { useChainNow } from "../clock/useChainNow.ts";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { caipAddress, shortAddress } from "../format/address.ts";
import { formatMoment, timeLeft } from "../format/time.ts";
import { readFragment } from "../graphql/graphql.ts";
import { requestIndexer } from "../graphql/request.ts";
import { ProposalSummary } from "../proposals/fragments.ts";
import { communityGraphId, memberGraphId } from "../proposals/ids.ts";
import { type ProposalView, toProposalView } from "../proposals/proposalView.ts";
import { ScrollRegion } from "../ui/ScrollRegion.tsx";
import { modeText } from "../ui/StatusBadge.tsx";
import { type BallotChoice, type Carrier, carrierOf, choiceText } from "./carrier.ts";
import { ChainQuery, DashboardQuery, DelegateBallotsQuery } from "./queries.ts";
import "./dashboard.css";

/** A CAIP-10 id shortened for display, with its checksum: `0x7099…79C8`. */
const account = (id: string) => shortAddress(getAddress(caipAddress(id)));

/**
 * The dashboard page's content.
 * @example
 * <DashboardView />
 */
export function DashboardView() {
  const connection = useConnection();
  const address = connection.address;
  return (
    <div className="page-stack">
      <h1>My dashboard</h1>
      {connection.status !== "connected" || !address ? (
        <p>
          Connect a wallet to see your weight, your delegates, what needs your vote and your
          history.
        </p>
      ) : (
        <MemberDashboard address={address} />
      )}
    </div>
  );
}

function MemberDashboard({ address }: { address: Address }) {
  const { indexerUrl, chainId, community } = useAppConfig();
  const member = memberGraphId(chainId, community, address);
  const voter = `eip155:${chainId}:${address.toLowerCase()}`;
  const now = useChainNow(1_000);
  const data = useQuery({
    queryKey: ["dashboard", indexerUrl, member],
    queryFn: ({ signal }) =>
      requestIndexer(
        indexerUrl,
        DashboardQuery,
        { member, voter, community: communityGraphId(chainId, community) },
        signal,
      ),
    refetchInterval: 5_000,
  });
  const topics = data.data?.topics ?? [];
  const chains = useQueries({
    queries: topics.map(({ topic }) => ({
      queryKey: ["chain", indexerUrl, member, topic],
      queryFn: () => requestIndexer(indexerUrl, ChainQuery, { member, topic }),
      refetchInterval: 5_000,
    })),
  });
  const chainOf = new Map<number, readonly string[]>(
    topics.map(({ topic }, i) => [topic, chains[i]?.data?.member?.chain ?? []]),
  );
  const needs = (data.data?.needsVote ?? []).map((p) =>
    toProposalView(readFragment(ProposalSummary, p)),
  );
  const delegateIds = [...new Set([...chainOf.values()].flatMap((chain) => chain.slice(1)))];
  const ballots = useQuery({
    queryKey: ["delegate-ballots", indexerUrl, needs.map((p) => p.id).join(), delegateIds.join()],
    enabled: needs.length > 0 && delegateIds.length > 0,
    queryFn: () =>
      requestIndexer(indexerUrl, DelegateBallotsQuery, {
        proposals: needs.map((p) => p.id),
        voters: delegateIds,
      }),
    refetchInterval: 5_000,
  });

  if (data.error) {
    return (
      <p role="alert" className="error-text">
        Could not read your record from the indexer: {data.error.message}
      </p>
    );
  }
  if (!data.data) {
    return (
      <div aria-busy="true">
        <p role="status" className="visually-hidden">
          Loading your dashboard…
        </p>
        <div className="skeleton" />
      </div>
    );
  }
  const record = data.data.member;
  if (!record) {
    return <p>{address} is not a member of this community.</p>;
  }
  const weight = BigInt(record.weight);
  const topicName = (topic: number) =>
    topics.find((t) => t.topic === topic)?.name ?? `Topic ${topic}`;
  const ballotsOn = (proposal: string) =>
    new Map<string, BallotChoice>(
      (ballots.data?.ballots ?? [])
        .filter((b) => b.proposal.id === proposal)
        .map((b) => [b.voter, { option: b.option, abstain: b.abstain, votes: b.votes }]),
    );

  return (
    <>
      <section aria-labelledby="weight-heading" className="card">
        <h2 id="weight-heading">My weight</h2>
        <p data-testid="my-weight">
          <strong className="num">{String(weight)}</strong> {weight === 1n ? "vote" : "votes"} in
          single-choice proposals; <strong className="num">{String(weight)}</strong> voice credits
          in quadratic ones (putting v votes on an option costs v² credits).
        </p>
      </section>

      <section aria-labelledby="delegates-heading" className="card">
        <h2 id="delegates-heading">My delegates</h2>
        <ScrollRegion label="My delegates (scrolls sideways)">
          <table className="data-table" data-testid="my-delegates">
            <caption className="visually-hidden">My delegates per topic</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">My delegate</th>
                <th scope="col">Chain</th>
                <th scope="col">Delegate to me</th>
              </tr>
            </thead>
            <tbody>
              {topics.map(({ topic, name }) => {
                const chain = chainOf.get(topic) ?? [];
                const mine = record.delegations.find((d) => d.topic === topic);
                const tome = record.delegators.filter((d) => d.topic === topic).length;
                return (
                  <tr key={topic}>
                    <th scope="row">{name}</th>
                    <td>{mine ? account(mine.delegate) : "nobody (you vote yourself)"}</td>
                    <td>
                      {chain.length > 1
                        ? chain
                            .slice(1)
                            .map((id) => account(id))
                            .join(" → ")
                        : "—"}
                    </td>
                    <td className="num">{tome}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="needs-heading" className="card">
        <h2 id="needs-heading">Needs my vote ({needs.length})</h2>
        {needs.length === 0 ? (
          <p>No open proposal is waiting for your own ballot.</p>
        ) : (
          <ul className="plain-list" aria-label="Proposals that need my vote">
            {needs.map((proposal) => (
              <li key={proposal.id} data-testid={`needs-${proposal.proposalId}`}>
                <Link href={`/proposals/${proposal.proposalId}`}>
                  #{String(proposal.proposalId)} {proposal.title}
                </Link>{" "}
                <span className="muted">
                  {modeText(proposal.mode)} · {proposal.topicName}
                  {now !== undefined ? ` · ${timeLeft(now, proposal.voteEnd)}` : ""}
                </span>
                <p className="carrier">
                  <CarrierText
                    proposal={proposal}
                    carrier={carrierOf(chainOf.get(proposal.topic) ?? [], ballotsOn(proposal.id))}
                    topicName={topicName(proposal.topic)}
                  />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-heading" className="card">
        <h2 id="history-heading">My voting history</h2>
        {data.data.ballotEvents.length === 0 ? (
          <p>
            You have not cast a public ballot yet. (Secret ballots are not linked to you, so they do
            not appear here.)
          </p>
        ) : (
          <ScrollRegion label="My voting history (scrolls sideways)">
            <table className="data-table" data-testid="my-history">
              <caption className="visually-hidden">My ballots, latest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Proposal</th>
                  <th scope="col">What</th>
                  <th scope="col">Choice</th>
                </tr>
              </thead>
              <tbody>
                {data.data.ballotEvents.map((event) => {
                  const proposal = toProposalView(readFragment(ProposalSummary, event.proposal));
                  return (
                    <tr key={event.id}>
                      <td>{formatMoment(BigInt(event.blockTimestamp))}</td>
                      <td>
                        <Link href={`/proposals/${proposal.proposalId}`}>
                          #{String(proposal.proposalId)} {proposal.title}
                        </Link>
                      </td>
                      <td>{event.kind}</td>
                      <td>
                        {event.kind === "retracted"
                          ? "—"
                          : choiceText(
                              { option: event.option, abstain: event.abstain, votes: event.votes },
                              proposal.labels,
                            )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <p className="muted">Secret ballots never appear here: nothing links them to you.</p>
      </section>
    </>
  );
}

function CarrierText({
  proposal,
  carrier,
  topicName,
}: {
  proposal: ProposalView;
  carrier: Carrier;
  topicName: string;
}) {
  if (proposal.mode === "anonymous") {
    return <>Secret ballot: nobody can vote for you here; cast your own.</>;
  }
  if (carrier.kind === "none-delegated") {
    return <>You delegate nobody on {topicName}: unless you vote, your weight is not counted.</>;
  }
  if (carrier.kind === "nobody-voted") {
    return (
      <>
        Nobody on your {topicName} chain ({carrier.chain.map((id) => account(id)).join(" → ")}) has
        voted yet: your weight is not counted until one of them does, or you vote.
      </>
    );
  }
  const via =
    carrier.via.length > 0
      ? ` (through ${carrier.via.map((id) => account(id)).join(" → ")}, who did not vote)`
      : "";
  return (
    <>
      Your delegate {account(carrier.voter)}
      {via} voted <strong>{choiceText(carrier.ballot, proposal.labels)}</strong> and carries you;
      vote yourself to override.
    </>
  );
}
