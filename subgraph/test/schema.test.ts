// The schema check the host applies to every store write (support/schema.ts), on its own: it must
// refuse what graph-node refuses, or the handler and replay tests would prove nothing about it.
import { describe, expect, it } from "vitest";
import { loadSchema, type StoreValue, violations } from "./support/schema.ts";

const schema = loadSchema();
const bytes = (value: string): StoreValue => ({ kind: "Bytes", value });
const id = "0xaa";
const topic = (): Map<string, StoreValue> =>
  new Map<string, StoreValue>([
    ["id", bytes(id)],
    ["community", bytes("0xbb")],
    ["topic", { kind: "Int", value: 0 }],
    ["name", { kind: "String", value: "General" }],
    ["blockNumber", { kind: "BigInt", value: 1n }],
    ["blockTimestamp", { kind: "BigInt", value: 1n }],
    ["logIndex", { kind: "Int", value: 0 }],
    ["transactionHash", bytes("0xcc")],
  ]);

describe("schema.graphql rules", () => {
  it("reads every entity with its immutability and id type", () => {
    expect(schema.get("Topic")).toMatchObject({ immutable: true, idType: "Bytes" });
    expect(schema.get("Member")).toMatchObject({ immutable: false, idType: "Bytes" });
    for (const name of [
      "MemberEvent",
      "DelegationEvent",
      "BallotEvent",
      "IdentityEvent",
      "ProposalEvent",
      "SettingsEvent",
      "ProposalAction",
    ]) {
      expect(schema.get(name)?.immutable, name).toBe(true);
    }
  });

  it("accepts a complete entity", () => {
    expect(violations(schema, "Topic", id, topic())).toEqual([]);
  });

  it("refuses a missing or null non-null field, a wrong kind, an unknown or derived field, a wrong id", () => {
    const missing = topic();
    missing.delete("name");
    expect(violations(schema, "Topic", id, missing)).toEqual([
      `Topic ${id}: non-null field name is missing`,
    ]);
    const nulled = topic().set("name", { kind: "Null" });
    expect(violations(schema, "Topic", id, nulled)).toHaveLength(1);
    const wrong = topic().set("topic", { kind: "BigInt", value: 0n });
    expect(violations(schema, "Topic", id, wrong)).toEqual([
      `Topic ${id}: topic is BigInt, needs Int`,
    ]);
    const unknown = topic().set("colour", { kind: "String", value: "red" });
    expect(violations(schema, "Topic", id, unknown)).toEqual([
      `Topic ${id}: field colour is not in the schema`,
    ]);
    const derived = topic().set("proposals", { kind: "Array", value: [] });
    expect(violations(schema, "Topic", id, derived)).toEqual([
      `Topic ${id}: derived field proposals is written`,
    ]);
    expect(violations(schema, "Topic", "0xdd", topic())).toEqual([
      `Topic 0xdd: id field ${id} differs from the key`,
    ]);
    expect(violations(schema, "Nothing", id, topic())).toEqual([
      "Nothing is not an entity of schema.graphql",
    ]);
  });

  it("checks list items and references by the target's id type", () => {
    const revision = new Map<string, StoreValue>([
      ["id", bytes(id)],
      ["community", { kind: "String", value: "0xbb" }],
      ["tallies", { kind: "Array", value: [{ kind: "BigInt", value: 1n }, { kind: "Null" }] }],
    ]);
    const problems = violations(schema, "TallyRevision", id, revision);
    expect(problems).toContain(`TallyRevision ${id}: community is String, needs Bytes`);
    expect(problems).toContain(`TallyRevision ${id}: tallies has a null item`);
  });
});
