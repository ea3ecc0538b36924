"use client";
// Delegation per topic: my delegate and who delegates to me; set or clear a delegate for several
// topics in one transaction. Before anything is signed, the change is simulated against the
// contract (the SDK's `delegate.simulate`), so a cycle, a chain too deep, self-delegation or a
// non-member is explained in the SDK's words and nothing is sent.
import { ContractRevertError, delegate, getDelegationChain, waitForReceipt } from "@plenum/sdk";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { type Address, getAddress, type Hash, isAddress } from "viem";
import { useConnection, useConnectorClient, usePublicClient } from "wagmi";
import { txErrorMessage } from "../ballot/txMessages.ts";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { caipAddress, shortAddress } from "../format/address.ts";
import { requestIndexer } from "../graphql/request.ts";
import { waitForIndexedBlock } from "../live/waitForIndexedBlock.ts";
import { communityGraphId, memberGraphId } from "../proposals/ids.ts";
import { cyclePath, cycleText } from "./cycle.ts";
import { DelegationsQuery } from "./queries.ts";
import { TopicTrees } from "./TopicTrees.tsx";

type Phase =
  | { phase: "idle" }
  | { phase: "checking" }
  | { phase: "signing" }
  | { phase: "mining"; hash: Hash }
  | { phase: "done"; hash: Hash; block: bigint; text: string }
  | { phase: "refused"; message: string; detail?: string | undefined };

/**
 * The delegation page's content.
 * @example
 * <DelegationView />
 */
export function DelegationView() {
  const config = useAppConfig();
  const id = useId();
  const { address, status, chainId } = useConnection();
  const { data: walletClient } = useConnectorClient();
  const publicClient = usePublicClient();
  const memberId = address ? memberGraphId(config.chainId, config.community, address) : undefined;
  const query = useQuery({
    queryKey: ["delegations", config.indexerUrl, memberId],
    enabled: memberId !== undefined,
    queryFn: ({ signal }) =>
      requestIndexer(
        config.indexerUrl,
        DelegationsQuery,
        {
          member: memberId as string,
          community: communityGraphId(config.chainId, config.community),
        },
        signal,
      ),
  });
  const [topics, setTopics] = useState<number[]>([]);
  const [to, setTo] = useState("");
  const [state, setState] = useState<Phase>({ phase: "idle" });
  const busy = ["checking", "signing", "mining"].includes(state.phase);
  const topicList = query.data?.topics ?? [];
  const name = (topic: number) =>
    topicList.find((t) => t.topic === topic)?.name ?? `Topic ${topic}`;

  // The SDK says a delegation would close a cycle; the chain above the target names the path.
  const cycleDetail = async (error: unknown, target: Address | null) => {
    if (!(error instanceof ContractRevertError) || error.errorName !== "DelegationCycle") return;
    if (!publicClient || !address || !target) return;
    const topic = Number((error.args as readonly unknown[])[2]);
    try {
      const chain = await getDelegationChain(publicClient, {
        community: config.community,
        account: target,
        topic,
      });
      const path = cyclePath(address, target, chain);
      return path ? cycleText(path, name(topic)) : undefined;
    } catch {
      return undefined;
    }
  };

  const change = async (chosen: readonly number[], target: Address | null, what: string) => {
    if (!walletClient || !publicClient) return;
    const parameters = {
      account: walletClient.account,
      community: config.community,
      topics: chosen,
      to: target,
    };
    try {
      setState({ phase: "checking" });
      await delegate.simulate(walletClient, parameters);
    } catch (error) {
      // With the path named, the page's sentence replaces the SDK's, which names the topic by number.
      const detail = await cycleDetail(error, target);
      setState({
        phase: "refused",
        message: detail ? "Not sent." : `Not sent: ${txErrorMessage(error)}`,
        detail,
      });
      return;
    }
    try {
      setState({ phase: "signing" });
      const hash = await delegate(walletClient, parameters);
      setState({ phase: "mining", hash });
      const receipt = await waitForReceipt(publicClient, { hash, pollingInterval: 250 });
      if (receipt.status !== "success") {
        setState({ phase: "refused", message: "The transaction was included but reverted." });
        return;
      }
      await waitForIndexedBlock(config.indexerUrl, receipt.blockNumber);
      setState({ phase: "done", hash, block: receipt.blockNumber, text: what });
      await query.refetch();
    } catch (error) {
      setState({ phase: "refused", message: txErrorMessage(error) });
    }
  };

  if (status !== "connected" || !address) {
    return (
      <>
        <h1>Delegation</h1>
        <p>Connect a wallet to see and change whom you delegate to.</p>
      </>
    );
  }
  const wrongChain = chainId !== config.chainId;
  const mine = query.data?.member;
  const invalidTo = to.trim() !== "" && !isAddress(to.trim(), { strict: false });

  return (
    <>
      <h1>Delegation</h1>
      <p className="muted">
        Per topic, your delegate votes for you on proposals where you do not vote yourself; voting
        yourself always overrides them. A change applies to proposals created after it.
      </p>
      {wrongChain && (
        <p role="status">Switch your wallet to {config.chainName} to change delegations.</p>
      )}
      {query.error && (
        <p role="alert" className="error-text">
          Could not read your delegations: {query.error.message}
        </p>
      )}
      {!query.data && !query.error && <div className="skeleton" aria-busy="true" />}
      {query.data && !mine && <p>{address} is not a member of this community.</p>}
      {mine && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Your delegations per topic</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">My delegate</th>
                <th scope="col">Delegating to me</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {topicList.map(({ topic, name: topicName }) => {
                const mineHere = mine.delegations.find((d) => d.topic === topic);
                const toMe = mine.delegators.filter((d) => d.topic === topic);
                return (
                  <tr key={topic} data-testid={`topic-${topic}`}>
                    <td>{topicName}</td>
                    <td className="hash">
                      {mineHere ? shortAddress(caipAddress(mineHere.delegate)) : "none"}
                    </td>
                    <td>
                      {toMe.length === 0
                        ? "nobody"
                        : toMe.map((d) => shortAddress(caipAddress(d.delegator))).join(", ")}
                    </td>
                    <td>
                      {mineHere && (
                        <button
                          type="button"
                          className="button button-quiet"
                          disabled={busy || wrongChain}
                          onClick={() =>
                            change([topic], null, `Cleared your delegate on ${topicName}`)
                          }
                        >
                          Clear<span className="visually-hidden"> my delegate on {topicName}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {mine && (
        <form
          className="card card-after-table"
          onSubmit={(event) => {
            event.preventDefault();
            if (invalidTo || !to.trim() || topics.length === 0) return;
            const target = getAddress(to.trim());
            void change(
              topics,
              target,
              `Delegated ${topics.map(name).join(", ")} to ${shortAddress(target)}`,
            );
          }}
        >
          <h2>Set a delegate</h2>
          <fieldset>
            <legend>Topics</legend>
            {topicList.map(({ topic, name: topicName }) => (
              <span className="check" key={topic}>
                <input
                  id={`${id}-t${topic}`}
                  type="checkbox"
                  checked={topics.includes(topic)}
                  onChange={(event) =>
                    setTopics(
                      event.target.checked
                        ? [...topics, topic].sort((a, b) => a - b)
                        : topics.filter((t) => t !== topic),
                    )
                  }
                />{" "}
                <label htmlFor={`${id}-t${topic}`}>{topicName}</label>{" "}
              </span>
            ))}
          </fieldset>
          <p className="row">
            <label htmlFor={`${id}-to`}>Delegate (a member's address)</label>
            <input
              id={`${id}-to`}
              value={to}
              size={44}
              onChange={(event) => setTo(event.target.value)}
              aria-invalid={invalidTo}
            />
          </p>
          {invalidTo && <p className="error-text">That is not an address.</p>}
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || wrongChain || invalidTo || !to.trim() || topics.length === 0}
          >
            Check and delegate
          </button>
        </form>
      )}
      {state.phase !== "idle" && (
        <div
          className={`receipt${state.phase === "refused" ? " failed" : ""}`}
          role={state.phase === "refused" ? "alert" : "status"}
          data-testid="delegation-receipt"
        >
          {state.phase === "checking" && <p>Checking the change against the contract…</p>}
          {state.phase === "signing" && <p>Confirm in your wallet…</p>}
          {state.phase === "mining" && <p>Sent; waiting for the block that includes it…</p>}
          {state.phase === "refused" && <p className="error-text">{state.message}</p>}
          {state.phase === "refused" && state.detail && (
            <p data-testid="delegation-cycle">{state.detail}</p>
          )}
          {state.phase === "done" && (
            <p>
              <strong>{state.text}</strong> in block {String(state.block)}. It applies to proposals
              created from now on.
            </p>
          )}
          {"hash" in state && <p className="hash">Transaction {state.hash}</p>}
        </div>
      )}
      {mine && query.data && <TopicTrees me={address} data={query.data} />}
    </>
  );
}
