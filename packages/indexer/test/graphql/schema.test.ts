// The committed schema.graphql is what the code generates (CI also runs `schema:check`), every
// entity has its singular and plural root fields, and the scalars never go through floats.
import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { entities } from "../../src/graphql/entities.ts";
import { printedSchema, SCHEMA_PATH } from "../../src/graphql/printSchema.ts";
import { BigDecimalScalar, BigIntScalar, BytesScalar } from "../../src/graphql/scalars.ts";

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
    // Plus `_meta` and `needsVote`.
    expect(Object.keys(query)).toHaveLength(2 * Object.keys(entities).length + 2);
    expect(Object.keys(schema.getSubscriptionType()?.getFields() ?? {}).sort()).toEqual([
      "ballots",
      "proposals",
      "tallyRevisions",
    ]);
  });

  it("every example query in the README is valid against the schema", () => {
    const schema = buildSchema(printedSchema());
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## GraphQL API"));
    const documents: string[] = [];
    for (const block of section.matchAll(/```graphql\n([\s\S]*?)```/g)) {
      let current = "";
      let depth = 0;
      for (const line of (block[1] as string).split("\n")) {
        const code = line.replace(/#.*$/, "");
        if (!code.trim()) continue;
        current += `${code}\n`;
        for (const c of code) depth += c === "{" ? 1 : c === "}" ? -1 : 0;
        if (depth === 0) {
          documents.push(current);
          current = "";
        }
      }
    }
    expect(documents.length).toBe(37);
    for (const document of documents) {
      expect(
        validate(schema, parse(document)).map((e) => e.message),
        document,
      ).toEqual([]);
    }
    // Every root field has an example.
    const used = documents.join(" ");
    for (const name of Object.keys(schema.getQueryType()?.getFields() ?? {})) {
      expect(used, name).toMatch(new RegExp(`[{\\s]${name}[\\s(]`));
    }
  });

  it("BigInt is a decimal string both ways and refuses fractions; BigDecimal is exact; Bytes is whole-byte hex", () => {
    expect(BigIntScalar.serialize(2n ** 256n - 1n)).toBe(
      "115792089237316195423570985008687907853269984665640564039457584007913129639935",
    );
    expect(BigIntScalar.serialize("007")).toBe("7");
    expect(BigIntScalar.serialize(-3)).toBe("-3");
    expect(() => BigIntScalar.serialize(1.5)).toThrow('BigInt cannot represent "1.5".');
    expect(() => BigIntScalar.serialize(2 ** 60)).toThrow("BigInt cannot represent");
    expect(BigDecimalScalar.serialize("0.448275862068965500")).toBe("0.4482758620689655");
    expect(BigDecimalScalar.serialize("1.000000000000000000")).toBe("1");
    expect(BigDecimalScalar.serialize("10")).toBe("10");
    expect(() => BigDecimalScalar.parseValue(0.5)).toThrow('BigDecimal cannot represent "0.5".');
    expect(BytesScalar.parseValue("0xABcd")).toBe("0xabcd");
    expect(() => BytesScalar.parseValue("0xabc")).toThrow("whole bytes");
  });
});
