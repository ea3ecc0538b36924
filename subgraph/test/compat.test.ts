// "A query written for one runs on the other": queries an app or analyst would write, validated
// against the indexer's committed API schema (packages/indexer/schema.graphql) and against the
// subgraph's query schema as graph-node derives it from schema.graphql (test/support/graphql.ts
// builds the part of it these queries use). Validation, not execution: both must accept each query.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { subgraphDir } from "./support/compile.ts";
import { subgraphApiSchema } from "./support/graphql.ts";

const indexer = buildSchema(
  readFileSync(join(subgraphDir, "..", "packages", "indexer", "schema.graphql"), "utf8"),
);
const subgraph = subgraphApiSchema();

const QUERIES: Record<string, string> = {
  "members with their weight history": `query ($community: Bytes!) {
    members(first: 100, orderBy: id, where: { community_: { address: $community } }) {
      id account weight lastChange blockNumber
      history(first: 10) { kind weight previousWeight blockNumber transactionHash }
    }
  }`,
  "a topic's delegations": `query ($community: Bytes!) {
    delegations(first: 1000, where: { topic: 1, community_: { address: $community } }) {
      delegator delegate topic blockTimestamp
      delegateMember { account weight }
      history { delegate previousDelegate blockNumber }
    }
  }`,
  "proposals with ballots, actions and the tally": `query ($community: Bytes!) {
    proposals(first: 20, orderBy: blockNumber, orderDirection: desc, where: { community_: { address: $community } }) {
      id proposalId proposer topic mode optionCount snapshot voteEnd metadataHash metadataUri
      executable lifecycle eta groupRoot groupIdentities
      topicEntity { name }
      actions { target value calldata }
      tally { tallies abstain participation totalMass ballots leader tie blockNumber }
      ballots(first: 1000) { voter option votes abstain kind member { weight } }
      anonymousBallots { nullifier option abstain kind }
      lifecycleEvents { kind eta blockNumber }
    }
  }`,
  "ballot history of one proposal": `{
    ballotEvents(first: 1000, orderBy: blockNumber, where: { proposal_: { proposalId: "1" } }) {
      ballot voter nullifier kind option abstain votes blockNumber logIndex transactionHash
    }
  }`,
  "identities and the group history": `{
    identities { account commitment leafIndex groupRoot kind history { kind commitment oldCommitment } }
    identityEvents(first: 100, orderBy: blockNumber) { account kind commitment groupRoot }
  }`,
  "communities and time travel": `{
    communities(block: { number: 1234 }) {
      id address chainId timelock creator registrar bootstrapAdmin implementation
      quorumBps votingPeriod minVotingPeriod proposalThreshold
      topics { topic name }
    }
    _meta { block { number } }
  }`,
};

describe("queries shared by the indexer and the subgraph", () => {
  for (const [name, query] of Object.entries(QUERIES)) {
    it(`${name}: valid on both`, () => {
      const document = parse(query);
      expect(validate(indexer, document).map((e) => e.message)).toEqual([]);
      expect(validate(subgraph, document).map((e) => e.message)).toEqual([]);
    });
  }

  it("the SDK's subgraph source asks only for what the subgraph has (and the indexer lacks SettingsEvent)", () => {
    const source = readFileSync(
      join(subgraphDir, "..", "packages", "sdk", "src", "recount", "createSubgraphLogSource.ts"),
      "utf8",
    );
    expect(source).toContain("settingsEvents");
    const query = `{ settingsEvents(first: 1) { kind quorumBps } }`;
    expect(validate(subgraph, parse(query))).toEqual([]);
    expect(validate(indexer, parse(query)).length).toBeGreaterThan(0);
  });
});
