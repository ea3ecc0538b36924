import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as engine from "./index.ts";

const DIR = new URL("./", import.meta.url);
const sources = readdirSync(DIR)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
  .map((file) => ({ file, text: readFileSync(new URL(file, DIR), "utf8") }));

/** Every ```ts block inside a TSDoc `@example`, with the comment's leading ` * ` removed. */
function examples(text: string): string[] {
  const found: string[] = [];
  for (const doc of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = doc.split("\n").map((line) => line.replace(/^\s*\*( |$)/, ""));
    const body = lines.join("\n");
    for (const match of body.matchAll(/@example\s*```ts\n([\s\S]*?)```/g)) {
      found.push(match[1] as string);
    }
  }
  return found;
}

/**
 * Turns an example into a function body: the engine import becomes a destructuring of the module,
 * and each `expr; // => value` line becomes a deep-equality assertion.
 */
function toRunnable(example: string): string {
  return example
    .replace(
      /import\s*\{([^}]*)\}\s*from\s*"@plenum\/sdk\/engine";/g,
      (_, names: string) => `const {${names}} = engine;`,
    )
    .replace(/^(\s*)(.+?);\s*\/\/ => (.+)$/gm, "$1assert.deepStrictEqual($2, $3);");
}

describe("engine TSDoc examples", () => {
  it("index.ts exports a documented example for every public symbol", () => {
    const exported = Object.keys(engine);
    for (const name of exported) {
      const declared = sources.find(({ text }) =>
        new RegExp(`export (?:async )?(?:function|const|class) ${name}\\b`).test(text),
      );
      expect(declared, `${name} is declared in src/engine`).toBeDefined();
      const before = declared?.text.split(
        new RegExp(`export (?:function|const|class) ${name}\\b`),
      )[0];
      expect(before?.trimEnd().endsWith("*/"), `${name} has TSDoc`).toBe(true);
      expect(before?.slice(before.lastIndexOf("/**")), `${name} has an @example`).toContain(
        "@example",
      );
    }
  });

  for (const { file, text } of sources) {
    const blocks = examples(text);
    if (blocks.length === 0) continue;
    it(`the @example blocks in ${file} run and their "// =>" results hold`, () => {
      for (const block of blocks) {
        const run = new Function("engine", "assert", toRunnable(block));
        expect(() => run(engine, assert), block).not.toThrow();
      }
    });
  }
});
