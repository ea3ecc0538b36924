// Finds the runnable examples in Markdown: every ```sh fence, with the directive of the HTML comment just
// above it (`<!-- docs-test: … -->`). Node builtins only.

/** An error in a document's examples or directives, reported with file and line. */
export class DocsError extends Error {
  constructor(message, details) {
    super(message);
    this.details = details;
  }
}

/**
 * What a directive may say, separated by semicolons (one followed by other text stays in that text):
 * - `skip: <reason>`: not run; the reason is printed (it must say why the command cannot run here);
 * - `demo`: this block starts the demo; it runs in the background until the run ends, and the other
 *   blocks run once the demo is ready;
 * - `background: <text>`: runs in the background until its document is done; the next block starts
 *   once its output contains <text>;
 * - `exit <n>`: the exit status the block must end with (default 0);
 * - `timeout <seconds>`: stop it after that long and count that as success (for `--watch`
 *   commands that run until Ctrl-C);
 * - `expect: <text>`: its output must contain <text>.
 */
const KEYS = ["skip", "demo", "background", "exit", "timeout", "expect"];

/**
 * Returns the `sh` blocks of a Markdown document in order: `{ file, line, code, directive }`.
 * Fences in other languages (`text`, `ts`, …) are not run; `bash`, `shell` and `console` fences are
 * refused, so that no shell example escapes the test by its label.
 */
export function extractBlocks(file, markdown) {
  const lines = markdown.split("\n");
  const blocks = [];
  let previous = "";
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!fence) {
      if (lines[i].trim() !== "") previous = lines[i].trim();
      continue;
    }
    const [, indent, marker, language] = fence;
    const start = i;
    const body = [];
    for (i++; i < lines.length && !lines[i].trimStart().startsWith(marker); i++) {
      body.push(lines[i].startsWith(indent) ? lines[i].slice(indent.length) : lines[i]);
    }
    if (["bash", "shell", "console", "zsh"].includes(language)) {
      throw new DocsError(
        `${file}:${start + 1}: a \`${language}\` fence. Label shell examples \`sh\` so the docs test runs them (or \`text\` for output).`,
      );
    }
    const directive = parseDirective(file, start + 1, previous);
    previous = "";
    if (language !== "sh") continue;
    blocks.push({ file, line: start + 1, code: body.join("\n"), directive });
  }
  return blocks;
}

function parseDirective(file, line, text) {
  const match = /^<!--\s*docs-test:\s*(.*?)\s*-->$/.exec(text);
  const directive = { exit: 0 };
  if (!match) return directive;
  // A semicolon starts a new directive only when a directive's name follows it: free text keeps its own.
  const parts = match[1].split(new RegExp(`;\\s*(?=(?:${KEYS.join("|")})\\b)`));
  for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
    const [, key, value = ""] = /^([a-z]+)(?::?\s*)(.*)$/.exec(part) ?? [];
    if (!KEYS.includes(key)) {
      throw new DocsError(
        `${file}:${line}: unknown docs-test directive "${part}" (known: ${KEYS.join(", ")}).`,
      );
    }
    if (key === "skip" && value.length < 10) {
      throw new DocsError(`${file}:${line}: "skip" needs a reason saying why it cannot run here.`);
    }
    if ((key === "exit" || key === "timeout") && !/^\d+$/.test(value)) {
      throw new DocsError(`${file}:${line}: "${key}" takes a whole number, not "${value}".`);
    }
    directive[key] = key === "exit" || key === "timeout" ? Number(value) : value || true;
  }
  return directive;
}
