// The generated chain, cached: an anvil state dump (`--dump-state`, which keeps blocks, receipts and
// logs, so eth_getLogs over the whole history works after `--load-state`) and its info JSON, in the
// ignored folder bench/.cache, keyed by the generator's version and the sizes. Generated once, then
// reused; a new GENERATOR_VERSION (or other sizes) generates again.
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { liquidGovernorAbi } from "@plenum/sdk";
import { type Hex, parseEventLogs } from "viem";
import { type BenchAnvil, rpc, startBenchAnvil } from "./anvil.ts";
import { type ChainInfo, type ChainSize, generateChain } from "./generate.ts";

/** Bump when the generator changes what it builds: cached chains of other versions are not used. */
export const GENERATOR_VERSION = 2;

const cacheDir = join(dirname(fileURLToPath(import.meta.url)), "..", ".cache");

/** Paths of the cached chain of `size` (they may not exist yet). */
export function chainFiles(size: ChainSize) {
  const key = `v${GENERATOR_VERSION}-m${size.members}-e${size.events}-p${size.proposals}-b${size.txsPerBlock}`;
  return { state: join(cacheDir, `${key}.state.json`), info: join(cacheDir, `${key}.info.json`) };
}

/** The cached chain of `size`, generated first when missing (on `port`). */
export async function ensureChain(size: ChainSize, port: number): Promise<ChainInfo> {
  const files = chainFiles(size);
  if (existsSync(files.state) && existsSync(files.info)) {
    return JSON.parse(await readFile(files.info, "utf8")) as ChainInfo;
  }
  await mkdir(cacheDir, { recursive: true });
  const partial = `${files.state}.partial`;
  const anvil = await startBenchAnvil({ port, dumpState: partial });
  let info: ChainInfo;
  try {
    info = await generateChain(anvil, size);
  } finally {
    await anvil.stop(); // writes the dump
  }
  await rename(partial, files.state);
  await writeFile(files.info, `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

/** Events of the community and factory by name, read back with eth_getLogs from a loaded chain. */
export async function countEvents(
  anvil: BenchAnvil,
  info: ChainInfo,
): Promise<{ byName: Record<string, number>; total: number; blocks: number }> {
  const byName: Record<string, number> = {};
  let total = 0;
  const end = BigInt(info.endBlock);
  for (let from = BigInt(info.deployBlock); from <= end; from += 500n) {
    const to = from + 499n < end ? from + 499n : end;
    const logs = await rpc<{ topics: Hex[]; data: Hex }[]>(anvil.rpcUrl, "eth_getLogs", [
      {
        address: [info.community, info.factory],
        fromBlock: `0x${from.toString(16)}`,
        toBlock: `0x${to.toString(16)}`,
      },
    ]);
    total += logs.length;
    for (const log of parseEventLogs({
      abi: liquidGovernorAbi,
      logs: logs as never,
      strict: false,
    })) {
      byName[log.eventName] = (byName[log.eventName] ?? 0) + 1;
    }
  }
  return { byName, total, blocks: Number(end - BigInt(info.deployBlock) + 1n) };
}
