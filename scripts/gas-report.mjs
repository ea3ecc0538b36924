#!/usr/bin/env node
// Turns the gas snapshots that `pnpm bench:gas` commits (snapshots/*.json, written by
// `forge test --match-path 'test/gas/*' --isolate`) into bench/gas-report.md, and prints it.
// Every number is one whole transaction: 21,000 intrinsic gas and calldata included.
//
//   node scripts/gas-report.mjs            report; exit 1 only if a scenario is missing
//   node scripts/gas-report.mjs --strict   also exit 1 when a target is missed
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const OURS = "LiquidGovernorGasTest";
const OZ = "OZGovernorGasTest";
const ANON = "AnonymousGasTest";
const OUTPUT = "bench/gas-report.md";

// The issue's targets, in whole-transaction gas. Keyed by row id (the snapshot name, or
// `<name>/<unit>` for a per-item figure). `max`: at most; `withinPercent`/`of`: the difference from
// another row.
const TARGETS = {
  propose: { max: 60_000 },
  "proposeBatch_20/bill": { max: 35_000 },
  castVote_depth0: { max: 70_000 },
  castVote_depth4: { max: 180_000 },
  castVote_depth8: { max: 300_000 },
  castVote_depth0_delegators1000: { withinPercent: 5, of: "castVote_depth0_delegators1" },
  castVote_change: { max: 40_000 },
  delegate_depth1_newDelegatee: { max: 105_000 },
  delegate_depth1_existingDelegatee: { max: 105_000 },
  castAnonymousVote: { max: 300_000 },
  castAnonymousVote_change: { max: 280_000 },
};

// Rows of the main table, in order. `per` divides the snapshot (per bill, per member); `oz` names the
// comparable OpenZeppelin Governor operation.
const ROWS = [
  { section: "Proposing" },
  { key: "propose", label: "Propose a poll (hash + 66-char ipfs:// URI)", oz: "propose" },
  { key: "proposeBatch_20", label: "Batch of 20 bills, whole transaction" },
  { key: "proposeBatch_20", per: 20, unit: "bill", label: "Batch of 20 bills, per bill" },
  { section: "Voting (first vote on a proposal that already has votes, unless noted)" },
  { key: "castVote_depth0", label: "First vote, chain of 0 edges above", oz: "castVote" },
  { key: "castVote_depth1", label: "First vote, chain of 1 edge above (no voter on it)" },
  { key: "castVote_depth4", label: "First vote, chain of 4 edges above (no voter on it)" },
  { key: "castVote_depth8", label: "First vote, chain of 8 edges above (no voter on it)" },
  { key: "castVote_depth0_delegators1", label: "First vote, 1 member delegating to the voter" },
  {
    key: "castVote_depth0_delegators1000",
    label: "First vote, 1,000 members delegating to the voter",
  },
  {
    key: "castVote_firstOnProposal",
    label: "First ballot of the proposal (tallies empty), depth 0",
    oz: "castVote_firstOnProposal",
  },
  { key: "castVote_change", label: "Changed vote (yes to no, 2 options)" },
  { key: "castVote_change_otherWord", label: "Changed vote (option 0 to 2 of 4: two tally words)" },
  { key: "retractVote", label: "Retract (depth 0)" },
  { key: "castQuadraticVote_options2", label: "Quadratic first vote, 2 options (depth 0)" },
  { key: "castQuadraticVote_options8", label: "Quadratic first vote, 8 options (depth 0)" },
  { section: "Delegation (one topic)" },
  {
    key: "delegate_depth1_newDelegatee",
    label: "Delegate, depth 1, to a delegatee nobody delegated to yet",
    oz: "delegate_newDelegatee",
  },
  {
    key: "delegate_depth1_existingDelegatee",
    label: "Delegate, depth 1, to a delegatee with 3 delegators",
    oz: "delegate_existingDelegatee",
  },
  { key: "delegate_redelegate", label: "Re-delegate from one delegatee to another (depth 1)" },
  {
    key: "delegate_redelegate_subtree100",
    label: "Re-delegate a member carrying a subtree of 100",
  },
  { section: "Membership (registrar)" },
  { key: "addMember", label: "Add a member" },
  { key: "addMembers_20", label: "Add 20 members in one batch, whole transaction" },
  {
    key: "addMembers_20",
    per: 20,
    unit: "member",
    label: "Add 20 members in one batch, per member",
  },
  { section: "Anonymous ballots (Semaphore v4 proof, 30 identities, tree depth 5)" },
  {
    key: "castAnonymousVote",
    group: ANON,
    label: "Anonymous ballot, first from this identity (proposal already has one)",
  },
  { key: "castAnonymousVote_change", group: ANON, label: "Anonymous re-cast (changed option)" },
  {
    key: "castAnonymousVote_firstOnProposal",
    group: ANON,
    label: "Anonymous ballot, the proposal's very first (tallies empty)",
  },
  { key: "castAnonymousVote_retract", group: ANON, label: "Anonymous retraction (RETRACT proof)" },
  {
    key: "semaphore_validateProof",
    group: ANON,
    label: "Reference: Semaphore's own validateProof, same proof and root",
  },
  { key: "registerIdentity", group: ANON, label: "Register one's own identity (leaf 30)" },
  {
    key: "registerIdentities_20",
    group: ANON,
    per: 20,
    unit: "identity",
    label: "Register 20 identities in one batch, per identity",
  },
  {
    key: "addMembersWithIdentities_20",
    group: ANON,
    per: 20,
    unit: "member",
    label: "Add 20 members with identities in one batch, per member",
  },
  { key: "replaceIdentity", group: ANON, label: "Replace one's identity (key change, 5 siblings)" },
];

const OZ_ROWS = [
  { key: "propose", label: "propose: one no-op action, the same URI as description" },
  { key: "castVote", label: "castVote: first vote, proposal already has a For vote" },
  { key: "castVote_firstOnProposal", label: "castVote: the proposal's very first vote" },
  { key: "delegate_existingDelegatee", label: "delegate: first time, to a holder with votes" },
  { key: "delegate_newDelegatee", label: "delegate: first time, to self (no checkpoints yet)" },
];

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const pct = (x) => `${(x * 100).toFixed(1)}%`;

function readSnapshots() {
  const dir = join(root, "snapshots");
  const groups = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const entries = JSON.parse(readFileSync(join(dir, file), "utf8"));
    groups[file.slice(0, -".json".length)] = Object.fromEntries(
      Object.entries(entries).map(([name, gas]) => [name, Number(gas)]),
    );
  }
  return groups;
}

function compilerSettings() {
  const toml = readFileSync(join(root, "foundry.toml"), "utf8");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const setting = (name) => toml.match(new RegExp(`^${name}\\s*=\\s*"?([^"\\n]+)"?`, "m"))?.[1];
  // foundry.toml may compile contracts/ through the IR pipeline while tests stay on the legacy one.
  const irContracts = /^compilation_restrictions\s*=.*contracts\/\*\*.*via_ir\s*=\s*true/m.test(
    toml,
  );
  return [
    `solc ${pkg.devDependencies?.solc ?? "?"}`,
    `optimizer ${setting("optimizer") === "true" ? "on" : "off"}, ${setting("optimizer_runs")?.replaceAll("_", ",")} runs`,
    irContracts
      ? "contracts/ via IR, tests and the OZ reference legacy"
      : `via_ir ${setting("via_ir")}`,
    `evm ${setting("evm_version")}`,
  ].join(", ");
}

function judge(target, gas, values) {
  if (!target) return { text: "", met: undefined };
  if (target.max !== undefined) {
    const margin = target.max - gas;
    const text =
      margin >= 0
        ? `pass, ${fmt(margin)} under (${pct(margin / target.max)})`
        : `**MISS**, ${fmt(-margin)} over (${pct(-margin / target.max)})`;
    return { text, limit: `≤ ${fmt(target.max)}`, met: margin >= 0 };
  }
  const base = values[target.of];
  if (base === undefined) return { text: `missing ${target.of}`, met: false };
  const diff = (gas - base) / base;
  const signed = `${diff >= 0 ? "+" : "−"}${(Math.abs(diff) * 100).toFixed(2)}%`;
  const met = Math.abs(diff) * 100 <= target.withinPercent;
  return {
    text: `${met ? "pass" : "**MISS**"}, ${signed} vs 1 delegator`,
    limit: `within ${target.withinPercent}%`,
    met,
  };
}

/** A padded Markdown table; `align` holds "l" or "r" per column. */
function table(header, rows, align) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const pad = (c, i) => (align[i] === "r" ? c.padStart(widths[i]) : c.padEnd(widths[i]));
  const line = (cells) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (align[i] === "r" ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

const groups = readSnapshots();
const ours = groups[OURS] ?? {};
const oz = groups[OZ] ?? {};
const problems = [];
for (const [group, entries] of Object.entries({
  [OURS]: ours,
  [OZ]: oz,
  [ANON]: groups[ANON] ?? {},
})) {
  for (const [name, gas] of Object.entries(entries)) {
    if (!(gas >= 21_000)) {
      problems.push(`${group}.${name} = ${gas}: below 21,000, not recorded with --isolate`);
    }
  }
}

const values = {};
const body = [];
const misses = [];
let met = 0;
let judged = 0;
for (const row of ROWS) {
  if (row.section) {
    body.push([`**${row.section}**`, "", "", "", "", ""]);
    continue;
  }
  const id = row.per ? `${row.key}/${row.unit}` : row.key;
  const group = row.group ?? OURS;
  const raw = groups[group]?.[row.key];
  if (raw === undefined) {
    problems.push(`missing snapshot ${group}.${row.key}`);
    body.push([row.label, "missing", "", "", "", ""]);
    continue;
  }
  const gas = row.per ? raw / row.per : raw;
  values[id] = gas;
  const target = TARGETS[id];
  const verdict = judge(target, gas, values);
  if (verdict.met !== undefined) {
    judged += 1;
    if (verdict.met) met += 1;
    else misses.push(row.label);
  }
  const reference = row.oz ? oz[row.oz] : undefined;
  if (row.oz && reference === undefined) problems.push(`missing snapshot ${OZ}.${row.oz}`);
  body.push([
    row.label,
    fmt(gas),
    verdict.limit ?? "",
    verdict.text,
    reference === undefined ? "" : fmt(reference),
    reference === undefined ? "" : `${(gas / reference).toFixed(2)}×`,
  ]);
}

const ozBody = OZ_ROWS.map((row) => {
  if (oz[row.key] === undefined) problems.push(`missing snapshot ${OZ}.${row.key}`);
  return [row.label, oz[row.key] === undefined ? "missing" : fmt(oz[row.key])];
});

const known = new Set(ROWS.map((r) => r.key).filter(Boolean));
const knownOz = new Set(OZ_ROWS.map((r) => r.key));
const others = [
  ...Object.entries(ours)
    .filter(([k]) => !known.has(k))
    .map(([k, v]) => [`${OURS}.${k}`, v]),
  ...Object.entries(oz)
    .filter(([k]) => !knownOz.has(k))
    .map(([k, v]) => [`${OZ}.${k}`, v]),
  ...Object.entries(groups[ANON] ?? {})
    .filter(([k]) => !known.has(k))
    .map(([k, v]) => [`${ANON}.${k}`, v]),
  ...Object.entries(groups)
    .filter(([g]) => g !== OURS && g !== OZ && g !== ANON)
    .flatMap(([g, entries]) => Object.entries(entries).map(([k, v]) => [`${g}.${k}`, v])),
];

const report = [
  "# Gas benchmark",
  "",
  "Generated by `pnpm bench:gas` from `snapshots/*.json`; do not edit by hand. Each figure is one whole",
  "transaction (`forge test --isolate`: 21,000 intrinsic gas, calldata, cold access, capped refunds).",
  "Ratio = this row / the comparable OpenZeppelin Governor 5 operation (lower is cheaper).",
  `Compiled with ${compilerSettings()}.`,
  "",
  `Targets met: ${met} of ${judged}${misses.length ? `; missed: ${misses.join("; ")}` : ""}.`,
  "",
  table(["Scenario", "Gas", "Target", "Result", "OZ Governor 5", "Ratio"], body, "lrrlrr"),
  "",
  "## Reference: OpenZeppelin Governor 5.7 + ERC20Votes (timestamp clock), same method",
  "",
  table(["Operation", "Gas"], ozBody, "lr"),
  "",
  "Conditions: every member has weight 100; setup transactions are a block (12 s) apart and chains",
  "are built before the proposal; depth = edges above the voter, none of whom votes; the 1,000",
  "delegators delegate straight to the voter. See test/gas/*.gas.t.sol for each scenario.",
  ...(others.length
    ? [
        "",
        "## Other snapshots",
        "",
        table(
          ["Snapshot", "Gas"],
          others.map(([k, v]) => [k, fmt(v)]),
          "lr",
        ),
      ]
    : []),
  "",
].join("\n");

// Piping into `head` must not end in a stack trace.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
});
mkdirSync(join(root, dirname(OUTPUT)), { recursive: true });
writeFileSync(join(root, OUTPUT), report);
process.stdout.write(report);
process.stdout.write(`\nWrote ${OUTPUT}\n`);

if (problems.length) {
  process.stderr.write(`\n${problems.join("\n")}\n`);
  process.exit(1);
}
if (process.argv.includes("--strict") && misses.length) process.exit(1);
