// `pnpm dev`: deploys and seeds the demo in one process (tsx loads the SDK and sets up the proving
// curve once), through the SDK and the bytecode codegen committed: nothing is compiled here.
//
//   tsx scripts/dev/run.mts <rpcUrl> <deployments dir> [--wait]
//
// With --wait it loads (the SDK, viem) and then waits for a line on stdin before it touches the chain,
// so dev.mjs can start it while anvil is still starting.
//
// Writes <dir>/<chainId>.json and <chainId>-demo.json. Talks to scripts/dev.mjs in JSON lines on
// stdout, one object each with a `dev` key (see DevEvent); dev.mjs draws them. Anything else on stdout
// or stderr is kept for error messages.
import path from "node:path";
import { terminateProver } from "../../packages/sdk/src/index.ts";
import { seedAnonymous } from "./anonymous.mts";
import {
  advanceTime,
  demoDeployment,
  deployStep,
  devWallets,
  seedAgenda,
  seedCommunity,
  writeDeployment,
} from "./seed.mts";

/** Seconds the chain's clock moves between the seed steps, so the proposals see the delegations. */
const STEP_SECONDS = 60;
/** Anvil's accounts #0 (deployer, registrar) and #1..#30 (members). */
const ACCOUNTS = 31;

/** What dev.mjs reads: a step starts, progresses, ends; then the final records. */
export type DevEvent =
  | { dev: "start"; label: string; what: string }
  | { dev: "progress"; label: string; done: number; total: number; unit: string }
  | { dev: "done"; label: string; what: string }
  | { dev: "result"; core: object; demo: object & { anonymousPoll: number } };

const emit = (event: DevEvent) => process.stdout.write(`${JSON.stringify(event)}\n`);

async function step<T>(
  label: string,
  what: string,
  run: (onProgress: (done: number, total: number, unit: string) => void) => Promise<T>,
): Promise<T> {
  emit({ dev: "start", label, what });
  const result = await run((done, total, unit) =>
    emit({ dev: "progress", label, done, total, unit }),
  );
  emit({ dev: "done", label, what });
  return result;
}

const [rpcUrl, deploymentsDir, ...flags] = process.argv.slice(2);
if (!rpcUrl || !deploymentsDir || flags.some((flag) => flag !== "--wait")) {
  console.error("usage: tsx scripts/dev/run.mts <rpcUrl> <deployments dir> [--wait]");
  process.exit(2);
}
if (flags.includes("--wait")) await goSignal();

/** Resolves at the first line on stdin, or when stdin ends. */
function goSignal(): Promise<void> {
  return new Promise((resolve) => {
    const go = () => {
      process.stdin.off("data", onData).off("end", go).pause();
      resolve();
    };
    const onData = (chunk: Buffer) => {
      if (chunk.includes(0x0a)) go();
    };
    process.stdin.on("data", onData).on("end", go);
  });
}

try {
  const [admin, ...members] = await devWallets(rpcUrl, ACCOUNTS);
  if (!admin) throw new Error("no deployer account");
  const chainId = admin.chain.id;
  const file = (suffix: string) => path.join(deploymentsDir, `${chainId}${suffix}.json`);

  const core = await step(
    "deploy",
    "PoseidonT3, Semaphore verifier, three facets, governor implementation, factory",
    () => deployStep(admin),
  );
  writeDeployment(file(""), core);
  const community = await step("seed 1/2", "community, 30 members, 34 delegations", (progress) =>
    seedCommunity(admin, members, core.factory, progress),
  );
  await step("time", `+${STEP_SECONDS} s (evm_increaseTime + evm_mine)`, () =>
    advanceTime(rpcUrl, STEP_SECONDS),
  );
  const agenda = await step(
    "seed 2/2",
    "10 bills, a quadratic poll, an executable proposal, 13 voters' ballots",
    (progress) => seedAgenda(members, community.community, progress),
  );
  const demo = demoDeployment(chainId, community, agenda);
  writeDeployment(file("-demo"), demo);
  const anonymousPoll = await step(
    "anonymous",
    "12 identities, a secret-ballot poll, 9 Semaphore proofs and a re-cast",
    (progress) => seedAnonymous(rpcUrl, demo, progress),
  );
  emit({ dev: "result", core, demo: { ...demo, anonymousPoll } });
} finally {
  await terminateProver();
}
