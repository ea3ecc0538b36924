// The manifest against the ABIs and the deployment records: graph-cli checks event signatures at
// build time but not declared eth_calls, and neither checks that every event the mappings care about
// has a handler. This file does, and renders the manifest for every chain with a deployment record.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { communityFactoryAbi, liquidGovernorAbi } from "@plenum/sdk";
import type { Abi, AbiEvent } from "viem";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ESM script without types.
import { render } from "../scripts/render.mjs";
import { subgraphDir } from "./support/compile.ts";
import { loadSchema } from "./support/schema.ts";
import { declaredCalls, manifestHandlers, manifestSignature } from "./support/subgraph.ts";

const events = (abi: Abi) => abi.filter((item): item is AbiEvent => item.type === "event");
const template = readFileSync(join(subgraphDir, "subgraph.template.yaml"), "utf8");
const deployments = join(subgraphDir, "..", "script", "deployments");

describe("subgraph.template.yaml", () => {
  const handlers = manifestHandlers();

  it("every event signature is one of the ABI's, with `indexed` where the ABI has it", () => {
    const factory = new Set(events(communityFactoryAbi as Abi).map(manifestSignature));
    const community = new Set(events(liquidGovernorAbi as Abi).map(manifestSignature));
    expect(handlers.factory.map((h) => h.signature).filter((s) => !factory.has(s))).toEqual([]);
    expect(handlers.community.map((h) => h.signature).filter((s) => !community.has(s))).toEqual([]);
  });

  it("every community event but roles, upgrades and initialisation has a handler", () => {
    const handled = new Set(handlers.community.map((h) => h.signature.split("(")[0]));
    const unhandled = events(liquidGovernorAbi as Abi)
      .map((e) => e.name)
      .filter((name) => !handled.has(name));
    expect(unhandled.sort()).toEqual([
      "EIP712DomainChanged",
      "Initialized",
      "RoleAdminChanged",
      "RoleGranted",
      "RoleRevoked",
      "Upgraded",
    ]);
    expect(handlers.factory.map((h) => h.handler)).toEqual(["handleCommunityCreated"]);
  });

  it("every ballot event declares proposalTally, and every declared call is a function of the ABI", () => {
    const ballotEvents = [
      "VoteCast",
      "QuadraticVoteCast",
      "VoteRetracted",
      "AnonymousVoteCast",
      "AnonymousVoteRetracted",
    ];
    for (const handler of handlers.community) {
      const name = handler.signature.split("(")[0] as string;
      const event = events(liquidGovernorAbi as Abi).find((e) => e.name === name) as AbiEvent;
      const args = Object.fromEntries(
        event.inputs.map((i) => [i.name, i.type.endsWith("[]") ? [] : 1n]),
      );
      const calls = declaredCalls(handler, event, {
        address: "0x0000000000000000000000000000000000000001",
        eventName: name,
        args,
        blockNumber: 1n,
        blockHash: "0x",
        blockTimestamp: 1n,
        logIndex: 0,
        transactionHash: "0x",
        transactionIndex: 0,
      });
      expect(calls.map((c) => `${c.contract}.${c.functionName}`)).toEqual(
        ballotEvents.includes(name) ? ["LiquidGovernor.proposalTally"] : [],
      );
    }
  });

  it("declared calls that name a missing function or parameter are refused", () => {
    const event = events(liquidGovernorAbi as Abi).find((e) => e.name === "VoteCast") as AbiEvent;
    const log = {
      address: "0x01",
      eventName: "VoteCast",
      args: { proposalId: 1n },
      blockNumber: 1n,
      blockHash: "0x",
      blockTimestamp: 1n,
      logIndex: 0,
      transactionHash: "0x",
      transactionIndex: 0,
    };
    const check = (expression: string) => () =>
      declaredCalls({ signature: "", handler: "", calls: { x: expression } }, event, log);
    expect(check("LiquidGovernor[event.address].proposalTallies(event.params.proposalId)")).toThrow(
      /has no/,
    );
    expect(check("LiquidGovernor[event.address].proposalTally(event.params.nullifier)")).toThrow(
      /not a parameter/,
    );
    expect(check("LiquidGovernor[event.address].proposalTally(event.params.voter)")).toThrow(
      /is address/,
    );
    expect(check("Factory[event.address].proposalTally(event.params.proposalId)")).toThrow(
      /no ABI/,
    );
  });

  it("every handler's entities are entities of schema.graphql", () => {
    const schema = loadSchema();
    const listed = [...template.matchAll(/^ {8}- (\w+)$/gm)].map((m) => m[1] as string);
    expect(listed.filter((e) => !schema.has(e))).toEqual([]);
    expect([...schema.keys()].filter((e) => !listed.includes(e))).toEqual([]);
  });

  it("renders for every chain with a deployment record, from the record alone", () => {
    const records = readdirSync(deployments).filter((f) => /^\d+\.json$/.test(f));
    expect(records.length).toBeGreaterThan(0);
    for (const file of records) {
      const record = JSON.parse(readFileSync(join(deployments, file), "utf8"));
      const chainId = Number(file.replace(".json", ""));
      const yaml: string = render({
        chainId,
        network: "testnet",
        template,
        deployment: JSON.stringify(record),
      });
      expect(yaml).not.toMatch(/__[A-Z_]+__/);
      expect(yaml).toContain(`address: "${record.factory}"`);
      expect(yaml).toContain(`startBlock: ${record.startBlock}`);
      expect(yaml).toContain(`data: ${chainId}`);
      expect(yaml).toContain("file: ../packages/sdk/abis/liquidGovernor.json");
    }
  });

  it("refuses a record without a factory or for another chain", () => {
    const base = { chainId: 1, factory: `0x${"11".repeat(20)}`, startBlock: 5 };
    const attempt =
      (record: object, chainId = 1) =>
      () =>
        render({ chainId, network: "mainnet", template, deployment: JSON.stringify(record) });
    expect(attempt({ ...base, factory: undefined })).toThrow(/factory/);
    expect(attempt({ ...base, startBlock: -1 })).toThrow(/startBlock/);
    expect(attempt(base, 10)).toThrow(/not 10/);
  });
});
