// `node --test scripts/docs`: the docs test's Markdown reader, on hand-written documents.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DocsError, extractBlocks } from "./blocks.mjs";

test("extractBlocks() returns sh fences with their line and the directive above them", () => {
  const markdown = [
    "# Title",
    "",
    "<!-- docs-test: exit 3; expect: mismatch -->",
    "```sh",
    "pnpm plenum verify 1",
    "```",
    "",
    "```text",
    "output, not run",
    "```",
    "```sh",
    "echo plain",
    "```",
  ].join("\n");
  const blocks = extractBlocks("README.md", markdown);
  assert.deepEqual(blocks, [
    {
      file: "README.md",
      line: 4,
      code: "pnpm plenum verify 1",
      directive: { exit: 3, expect: "mismatch" },
    },
    { file: "README.md", line: 11, code: "echo plain", directive: { exit: 0 } },
  ]);
});

test("extractBlocks() keeps commas and colons inside a skip reason", () => {
  const markdown =
    "<!-- docs-test: skip: needs a real chain, a funded key: mainnet only -->\n```sh\nx\n```";
  const [block] = extractBlocks("a.md", markdown);
  assert.equal(block.directive.skip, "needs a real chain, a funded key: mainnet only");
});

test("extractBlocks() keeps a semicolon inside free text, and splits where a directive follows", () => {
  const markdown =
    "<!-- docs-test: skip: runs the tests; CI runs it -->\n```sh\nx\n```\n\n<!-- docs-test: exit 1; expect: a; b -->\n```sh\ny\n```";
  const [skipped, failing] = extractBlocks("a.md", markdown);
  assert.equal(skipped.directive.skip, "runs the tests; CI runs it");
  assert.deepEqual(failing.directive, { exit: 1, expect: "a; b" });
});

test("extractBlocks() reads indented fences inside list items", () => {
  const markdown = "- step\n\n  ```sh\n  pnpm dev\n  ```\n";
  assert.equal(extractBlocks("a.md", markdown)[0].code, "pnpm dev");
});

test("extractBlocks() refuses bash fences, unknown directives and skips without a reason", () => {
  assert.throws(() => extractBlocks("a.md", "```bash\nls\n```"), DocsError);
  assert.throws(
    () => extractBlocks("a.md", "<!-- docs-test: sometimes -->\n```sh\nls\n```"),
    /unknown docs-test directive "sometimes"/,
  );
  assert.throws(
    () => extractBlocks("a.md", "<!-- docs-test: skip: later -->\n```sh\nls\n```"),
    /needs a reason/,
  );
  assert.throws(
    () => extractBlocks("a.md", "<!-- docs-test: timeout soon -->\n```sh\nls\n```"),
    /takes a whole number/,
  );
});

test("a directive applies only to the fence right below it", () => {
  const markdown = "<!-- docs-test: exit 2 -->\n\nSome text.\n\n```sh\nls\n```";
  assert.deepEqual(extractBlocks("a.md", markdown)[0].directive, { exit: 0 });
});
