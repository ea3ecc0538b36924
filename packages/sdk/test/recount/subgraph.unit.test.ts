// createSubgraphLogSource against a stubbed fetch: the rows a subgraph answers become the logs the
// recount reads, and a failed query is a SubgraphQueryError. (The subgraph's replay test runs it
// against the entities of a real replay and verifies every proposal against the contract.)
import { describe, expect, it } from "vitest";
import { createSubgraphLogSource } from "../../src/recount/createSubgraphLogSource.ts";
import { SubgraphQueryError } from "../../src/recount/errors.ts";

const community = "0x8EFa1819Ff5B279077368d44B593a4543280e402";
const at = (block: number, logIndex: number) => ({
  blockNumber: String(block),
  blockTimestamp: String(1_700_000_000 + block),
  logIndex,
  transactionHash: `0x${"ab".repeat(32)}`,
});
const rows: Record<string, Record<string, unknown>[]> = {
  topics: [{ id: "0x01", topic: 0, name: "General", ...at(5, 1) }],
  memberEvents: [
    {
      id: "0x02",
      account: `eip155:31337:${community.toLowerCase()}`,
      kind: "added",
      weight: "7",
      previousWeight: "0",
      ...at(6, 0),
    },
  ],
  ballotEvents: [
    {
      id: "0x03",
      proposal: { proposalId: "1" },
      voter: `eip155:31337:${community.toLowerCase()}`,
      nullifier: null,
      kind: "cast",
      option: null,
      abstain: true,
      votes: null,
      ...at(9, 2),
    },
  ],
};

function stub(answer: (list: string) => Response): typeof fetch {
  return async (_url, init) => {
    const { query } = JSON.parse(String(init?.body)) as { query: string };
    const list = /rows: (\w+)/.exec(query)?.[1] ?? "_meta";
    return answer(list);
  };
}

describe("createSubgraphLogSource()", () => {
  it("createSubgraphLogSource() rebuilds decoded logs in chain order from the subgraph's rows", async () => {
    const source = createSubgraphLogSource({
      url: "http://subgraph.test/subgraphs/name/plenum",
      community,
      fetch: stub((list) =>
        Response.json(
          list === "_meta"
            ? { data: { _meta: { block: { number: 12 } } } }
            : { data: { rows: rows[list] ?? [] } },
        ),
      ),
    });
    const logs = await source.sync();
    expect(source.syncedTo).toBe(12n);
    expect(logs.map((l) => l.eventName)).toEqual(["TopicCreated", "MemberAdded", "VoteCast"]);
    expect(logs[1]).toMatchObject({
      args: { account: community, weight: 7n },
      blockNumber: 6n,
      logIndex: 0,
    });
    expect(logs[2]).toMatchObject({ args: { voter: community, proposalId: 1n, option: 255 } });
  });

  it("createSubgraphLogSource() turns HTTP and GraphQL errors into SubgraphQueryError", async () => {
    const failing = (response: () => Response) =>
      createSubgraphLogSource({
        url: "http://subgraph.test/",
        community,
        fetch: stub(response),
      });
    await expect(
      failing(() => new Response("bad gateway", { status: 502 })).sync({ toBlock: 5n }),
    ).rejects.toBeInstanceOf(SubgraphQueryError);
    await expect(
      failing(() =>
        Response.json({ errors: [{ message: "has only indexed up to block number 3" }] }),
      ).sync({ toBlock: 5n }),
    ).rejects.toThrow(/indexed up to block number 3/);
    await expect(
      failing(() => new Response("<html>")).sync({ toBlock: 5n }),
    ).rejects.toBeInstanceOf(SubgraphQueryError);
  });
});
