// Reads the demo community back from the chain (one JSON-RPC batch) and prints it: addresses, members
// and their delegates, the delegation graph per topic, and the agenda with live tallies.
import { stripVTControlCharacters } from "node:util";
import {
  callBuilder,
  decodeMetadata,
  decodeString,
  decodeTally,
  eventTopic,
  loadGovernorAbi,
  rpcBatch,
  wordAddress,
  words,
} from "./rpc.mjs";

const STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
];
const MODES = ["single", "quadratic", "anonymous"];

/** Terminal styling that falls back to plain text when stdout is not a terminal. */
export function styles(tty) {
  const paint = (code) => (s) => (tty ? `\x1b[${code}m${s}\x1b[0m` : String(s));
  return { bold: paint(1), dim: paint(2), green: paint(32), red: paint(31) };
}

const visible = (s) => stripVTControlCharacters(String(s)).length;
const pad = (s, n) => String(s) + " ".repeat(Math.max(0, n - visible(s)));
const lpad = (s, n) => " ".repeat(Math.max(0, n - visible(s))) + String(s);

/**
 * Prints the summary.
 * @param {{ root: string, rpcUrl: string, chainId: number, core: any, demo: any, tty: boolean, memberKey: (n: number) => string | undefined }} options
 */
export async function printSummary({ root, rpcUrl, chainId, core, demo, tty, memberKey }) {
  const { bold, dim, green } = styles(tty);
  const { abi, selectors } = loadGovernorAbi(root);
  const call = callBuilder(demo.community, selectors);
  const members = demo.members.map((m) => m.toLowerCase());
  const topics = demo.topicNames;
  const ids = [
    ...demo.bills,
    demo.quadraticPoll,
    demo.executableProposal,
    ...(demo.anonymousPoll ? [demo.anonymousPoll] : []),
  ];
  const created = eventTopic(abi, "ProposalCreated");

  const results = await rpcBatch(rpcUrl, [
    call("memberCount()"),
    call("totalWeight()"),
    call("quorumBps()"),
    call("proposalCount()"),
    ...ids.flatMap((id) => [
      call("state(uint256)", id),
      call("proposalTally(uint256)", id),
      call("proposalConfig(uint256)", id),
      call("proposalDeadline(uint256)", id),
      call("quorum(uint256)", id),
    ]),
    ...members.flatMap((m) => topics.map((_, t) => call("delegateOf(address,uint8)", m, t))),
    { method: "eth_getBlockByNumber", params: ["latest", false] },
    {
      method: "eth_getLogs",
      params: [
        {
          address: demo.community,
          topics: [created],
          fromBlock: `0x${demo.startBlock.toString(16)}`,
          toBlock: "latest",
        },
      ],
    },
  ]);
  const [memberCount, totalWeight, quorumBps, proposalCount] = results.splice(0, 4).map(BigInt);
  const proposals = ids.map((id) => {
    const [state, tally, config, deadline, quorum] = results.splice(0, 5);
    const [topic, mode, optionCount, executable] = words(config).map(Number);
    return {
      id,
      state: STATES[Number(BigInt(state))] ?? state,
      tally: decodeTally(tally),
      topic,
      mode,
      optionCount,
      executable: executable === 1,
      deadline: Number(BigInt(deadline)),
      quorum: BigInt(quorum),
    };
  });
  // up[t][i]: index of member i's delegate in topic t, or -1.
  const delegateWords = results.splice(0, members.length * topics.length);
  const up = topics.map((_, t) =>
    members.map((_, i) => members.indexOf(wordAddress(delegateWords[i * topics.length + t]))),
  );
  const now = Number(BigInt(results.shift().timestamp));
  const metadata = new Map(
    results
      .shift()
      .map((log) => [Number(BigInt(log.topics[1])), decodeMetadata(decodeString(log.data, 5))]),
  );

  console.log(`\n${bold("Core")}  ${dim(`script/deployments/${chainId}.json`)}`);
  console.log(
    `  factory                  ${core.factory}  ${dim(`start block ${core.startBlock}`)}`,
  );
  console.log(`  governor implementation  ${core.governorImplementation}`);
  console.log(`  admin facet              ${core.adminFacet}`);
  console.log(`  anonymous facet          ${core.anonymousFacet}`);
  console.log(`  semaphore verifier       ${core.semaphoreVerifier}`);

  console.log(`\n${bold("Demo community")}  ${dim(`script/deployments/${chainId}-demo.json`)}`);
  console.log(
    `  community (proxy)        ${demo.community}  ${dim(`start block ${demo.startBlock}`)}`,
  );
  console.log(
    `  timelock                 ${demo.timelock}  ${dim("executes proposals, owns upgrades")}`,
  );
  console.log(
    `  registrar, bootstrap     ${demo.registrar}  ${dim("anvil account #0, the deployer")}`,
  );
  console.log(
    `  ${memberCount} members, total weight ${totalWeight}; topics ${topics.map((t, i) => `${i} ${t}`).join(", ")}; quorum ${Number(quorumBps) / 100}%; ${proposalCount} proposals`,
  );

  console.log(
    `\n${bold("Members")}  ${dim("#n is account n of anvil's mnemonic; delegate per topic")}`,
  );
  console.log(
    dim(
      `  ${pad("", 4)} ${pad("address", 42)} ${lpad("weight", 6)}   ${topics.map((t) => pad(t, 13)).join("")}`,
    ),
  );
  members.forEach((_, i) => {
    const cells = topics.map((_, t) => pad(up[t][i] < 0 ? dim("·") : `→ #${up[t][i] + 1}`, 13));
    console.log(
      `  ${pad(`#${i + 1}`, 4)} ${demo.members[i]} ${lpad(demo.weights[i], 6)}   ${cells.join("")}`,
    );
  });

  console.log(
    `\n${bold("Delegation")}  ${dim("transitive per topic; voting directly overrides one's delegate")}`,
  );
  topics.forEach((topic, t) => {
    const chainOf = (i) => {
      const chain = [i];
      while (up[t][chain.at(-1)] >= 0) chain.push(up[t][chain.at(-1)]);
      return chain;
    };
    const longest = members
      .map((_, i) => chainOf(i))
      .reduce((a, b) => (b.length > a.length ? b : a));
    const below = members.map(() => ({ count: 0, weight: 0 }));
    members.forEach((_, i) => {
      for (const j of chainOf(i).slice(1)) {
        below[j].count += 1;
        below[j].weight += demo.weights[i];
      }
    });
    const hub = below.reduce((best, b, i) => (b.count > below[best].count ? i : best), 0);
    const edges = up[t].filter((x) => x >= 0).length;
    console.log(
      `  ${pad(topic, 12)} ${lpad(edges, 2)} delegations · longest chain ${longest.map((i) => `#${i + 1}`).join(" → ")} (${longest.length - 1} edges) · #${hub + 1} represents ${below[hub].count} members (+${below[hub].weight} weight)`,
    );
  });

  console.log(
    `\n${bold("Agenda")}  ${dim("live tallies from proposalTally(); ballots are tentative until the deadline")}`,
  );
  for (const p of proposals) {
    const meta = metadata.get(p.id) ?? { title: "(no metadata)", options: [] };
    // Quadratic tallies and masses are scaled by 10^9.
    const fmt = (v) => (p.mode === 1 ? (Number(v) / 1e9).toFixed(2) : String(v));
    const options = Array.from(
      { length: p.optionCount },
      (_, o) => `${meta.options[o] ?? `option ${o}`} ${bold(fmt(p.tally.tallies[o] ?? 0n))}`,
    );
    const { participation, totalMass } = p.tally;
    const turnout = totalMass === 0n ? 0 : Number((participation * 1000n) / totalMass) / 10;
    const kind = p.executable ? "executable" : (MODES[p.mode] ?? `mode ${p.mode}`);
    const state = p.state === "Active" ? green(p.state) : p.state;
    console.log(
      `  ${lpad(p.id, 3)}  ${pad(state, 10)}${pad(topics[p.topic] ?? p.topic, 13)}${pad(kind, 11)} ${meta.title}`,
    );
    console.log(
      `       ${options.join(dim(" · "))}${dim(" · ")}abstain ${fmt(p.tally.abstain)}   ${dim(`turnout ${turnout}%, quorum ${fmt(p.quorum)} ${participation >= p.quorum ? "met" : "not met"}, ${closes(p.deadline - now)}`)}`,
    );
  }

  const key = memberKey(12) ?? "<key of #12>";
  const url = `--rpc-url ${rpcUrl}`;
  console.log(`\n${bold("Try it")}  ${dim("scripts/cast is the native cast binary")}`);
  console.log(
    `  scripts/cast call ${demo.community} "proposalTally(uint256)(uint256[],uint256,uint256,uint256)" 2 ${url}`,
  );
  console.log(`  ${dim("# #12 switches to For on bill 2 (option 1); the tally moves at once")}`);
  console.log(
    `  scripts/cast send ${demo.community} "castVote(uint256,uint8)" 2 1 --private-key ${key} ${url}`,
  );
  console.log(`  ${dim("# a day later the bills close and their states become final")}`);
  console.log(
    `  scripts/cast rpc evm_increaseTime 86400 ${url} && scripts/cast rpc evm_mine ${url}`,
  );
}

function closes(left) {
  if (left < 0) return "closed";
  const d = Math.floor(left / 86400);
  const h = Math.floor((left % 86400) / 3600);
  const m = Math.floor((left % 3600) / 60);
  return `closes in ${d > 0 ? `${d}d ` : ""}${h}h${String(m).padStart(2, "0")}m`;
}
