import { createCommunitySync } from "../../actions/createCommunity.ts";
import { CliInputError } from "../../input/inputError.ts";
import type { CliContext } from "../context.ts";
import { toJson } from "../output/format.ts";
import { parseAddress, parseDuration, parsePercent, parseWhole } from "../parse/values.ts";

/** `plenum community create`: one transaction through the factory. */
export async function communityCreate(
  context: CliContext,
  options: Record<string, string | boolean | undefined>,
): Promise<void> {
  const wallet = context.wallet();
  const factoryText =
    typeof options.factory === "string" ? options.factory : context.knownFactory();
  if (!factoryText) {
    throw new CliInputError(
      `no factory known on chain ${context.chainId}: pass --factory <address>`,
    );
  }
  const topicsText = typeof options.topics === "string" ? options.topics : "General";
  const topics = topicsText.split(",").map((topic) => topic.trim());
  if (topics.some((topic) => topic === ""))
    throw new CliInputError(`--topics "${topicsText}" has an empty name`);
  const text = (name: string, fallback: string) =>
    typeof options[name] === "string" ? (options[name] as string) : fallback;
  const registrar = parseAddress(text("registrar", wallet.account.address), "--registrar", true);
  const bootstrapAdmin = parseAddress(
    text("bootstrap-admin", wallet.account.address),
    "--bootstrap-admin",
    true,
  );
  const result = await createCommunitySync(wallet, {
    factory: parseAddress(factoryText, "--factory") as `0x${string}`,
    topics,
    votingPeriod: parseDuration(text("voting-period", "7d"), "--voting-period"),
    minVotingPeriod: parseDuration(text("min-voting-period", "1h"), "--min-voting-period"),
    quorumBps: parsePercent(text("quorum", "20%"), "--quorum"),
    proposalThreshold: parseWhole(text("threshold", "1"), "--threshold", 0n, (1n << 64n) - 1n),
    maxDepth: Number(parseWhole(text("max-depth", "8"), "--max-depth", 1n, 16n)),
    maxTopics: Number(parseWhole(text("max-topics", "16"), "--max-topics", 1n, 64n)),
    timelockDelay: parseDuration(text("timelock-delay", "1d"), "--timelock-delay"),
    registrar,
    bootstrapAdmin,
  });
  const summary = {
    community: result.community,
    timelock: result.timelock,
    registrar: result.registrar,
    bootstrapAdmin: result.bootstrapAdmin,
    block: result.receipt.blockNumber,
    topics,
  };
  if (context.json) return void console.log(toJson(summary));
  console.log(`community  ${summary.community}`);
  console.log(`timelock   ${summary.timelock}`);
  console.log(`registrar  ${summary.registrar}`);
  console.log(`topics     ${topics.map((name, id) => `${id}:${name}`).join("  ")}`);
  console.log(
    `created in block ${summary.block}; use --from-block ${summary.block} when verifying`,
  );
}
