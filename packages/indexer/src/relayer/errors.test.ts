import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { errorStatus } from "./errors.ts";

/** The rows of the README's "Error codes" table: `| \`CODE\` | status | … |`. */
function documentedCodes(): Record<string, number> {
  const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
  const section = readme.split("### Error codes")[1]?.split("\n## ")[0] ?? "";
  const rows: Record<string, number> = {};
  for (const match of section.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)) {
    rows[match[1] as string] = Number(match[2]);
  }
  return rows;
}

describe("relayer error codes", () => {
  it("the README's table lists every code the relayer answers with, each with its status", () => {
    const documented = documentedCodes();
    expect(Object.keys(documented).length).toBeGreaterThan(0);
    expect(documented).toEqual({ ...errorStatus });
  });
});
