"use client";
// Per topic, the member's delegation drawn: the chain upward (read through the SDK's
// getDelegationChain) and where and why it stops, and the tree of members below them (from the
// indexer's current delegations) with their weights.
import { getDelegationChain } from "@plenum/sdk";
import { useQueries } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { caipAddress, shortAddress } from "../format/address.ts";
import type { ResultOf } from "../graphql/graphql.ts";
import { DelegationChain, DelegationTree } from "../tree/DelegationTree.tsx";
import { countBelow, treeBelow } from "../tree/forest.ts";
import { chainEnd } from "./chainEnd.ts";
import type { DelegationsQuery } from "./queries.ts";

type Data = ResultOf<typeof DelegationsQuery>;

const who = (id: string) => shortAddress(caipAddress(id));
const votes = (weight: string | undefined) =>
  weight === undefined ? undefined : `${weight} ${weight === "1" ? "vote" : "votes"}`;

/**
 * The trees of every topic for the connected member.
 * @example
 * <TopicTrees me={address} data={query.data} />
 */
export function TopicTrees({ me, data }: { me: Address; data: Data }) {
  const { community } = useAppConfig();
  const client = usePublicClient();
  const topics = data.topics;
  const chains = useQueries({
    queries: topics.map(({ topic }) => ({
      queryKey: ["delegation-chain", community, me, topic, data.member?.delegations],
      enabled: Boolean(client),
      queryFn: () =>
        getDelegationChain(client as NonNullable<typeof client>, {
          community,
          account: me,
          topic,
        }),
    })),
  });
  return (
    <section aria-labelledby="trees-heading" className="dtree-topics">
      <h2 id="trees-heading">Your delegation, drawn</h2>
      {topics.map(({ topic, name }, i) => {
        const chain = chains[i]?.data;
        const edges = data.delegations
          .filter((d) => d.topic === topic)
          .map((d) => ({
            delegator: caipAddress(d.delegator),
            delegate: caipAddress(d.delegate),
            weight: d.delegatorMember?.weight,
          }));
        const last = chain?.at(-1);
        const lastEdge = last
          ? data.delegations.find(
              (d) =>
                d.topic === topic && caipAddress(d.delegate).toLowerCase() === last.toLowerCase(),
            )
          : undefined;
        const root = treeBelow(
          me,
          edges,
          {
            label: (id) => who(id),
            role: (_id, depth) =>
              depth === 0 ? "you" : depth === 1 ? "delegates to you" : "delegates through",
            detail: (_id, weight) => votes(weight),
          },
          data.member?.weight,
        );
        const n = countBelow(root);
        return (
          <div className="card" key={topic} data-testid={`tree-${topic}`}>
            <h3>{name}</h3>
            <h4 className="muted">Upward: whom you delegate to</h4>
            {chain === undefined ? (
              <p className="muted">{chains[i]?.error ? "Could not read the chain." : "Reading…"}</p>
            ) : (
              <DelegationChain
                label={`Your delegation chain in ${name}`}
                steps={[
                  { id: me, label: shortAddress(me), role: "you" },
                  ...chain.map((a, k) => ({
                    id: a,
                    label: shortAddress(a),
                    role: k === chain.length - 1 ? "end of chain" : "delegates on",
                  })),
                ]}
                end={chainEnd(chain, lastEdge ? lastEdge.delegateMember !== null : undefined, name)}
              />
            )}
            <h4 className="muted">
              Below:{" "}
              {n === 0 ? "nobody delegates to you" : `${n} ${n === 1 ? "member" : "members"}`}
            </h4>
            {n > 0 && <DelegationTree label={`Members who delegate ${name} to you`} root={root} />}
          </div>
        );
      })}
    </section>
  );
}
