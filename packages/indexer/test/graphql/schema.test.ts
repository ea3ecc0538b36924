// The committed schema.graphql is what the code generates (CI also runs `schema:check`), every
// entity has its singular and plural root fields, and the scalars never go through floats.
import { readFileSync } from "node:fs";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { entities } from "../../src/graphql/entities.ts";
import { printedSchema, SCHEMA_PATH } from "../../src/graphql/printSchema.ts";
import { BigIntScalar, BytesScalar } from "../../src/graphql/scalars.ts";

describe("GraphQL schema", () => {
  it("schema.graphql is up to date", () => {
    expect(readFileSync(SCHEMA_PATH, "utf8")).toBe(printedSchema());
  });

  it("has a singular and a plural root field per entity, with The Graph's arguments", () => {
    const schema = buildSchema(printedSchema());
    const query = schema.getQueryType()?.getFields() ?? {};
    for (const entity of Object.values(entities)) {
      expect(query[entity.single]?.args.map((a) => a.name).sort()).toEqual(["block", "id"]);
      expect(query[entity.plural]?.args.map((a) => a.name).sort()).toEqual([
        "block",
        "first",
        "orderBy",
        "orderDirection",
        "skip",
        "where",
      ]);
    }
    expect(Object.keys(query)).toHaveLength(2 * Object.keys(entities).length + 1);
    expect(Object.keys(schema.getSubscriptionType()?.getFields() ?? {}).sort()).toEqual([
      "ballots",
      "proposals",
      "tallyRevisions",
    ]);
  });

  it("BigInt is a decimal string both ways and refuses fractions; Bytes is whole-byte hex", () => {
    expect(BigIntScalar.serialize(2n ** 256n - 1n)).toBe(
      "115792089237316195423570985008687907853269984665640564039457584007913129639935",
    );
    expect(BigIntScalar.serialize("007")).toBe("7");
    expect(BigIntScalar.serialize(-3)).toBe("-3");
    expect(() => BigIntScalar.serialize(1.5)).toThrow('BigInt cannot represent "1.5".');
    expect(() => BigIntScalar.serialize(2 ** 60)).toThrow("BigInt cannot represent");
    expect(BytesScalar.parseValue("0xABcd")).toBe("0xabcd");
    expect(() => BytesScalar.parseValue("0xabc")).toThrow("whole bytes");
  });
});
