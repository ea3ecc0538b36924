// The subgraph as graph-node would run it, over decoded logs: the manifest's event handlers (read
// from subgraph.template.yaml), the factory data source and the community template created from
// `CommunityCreated`, and graph-node's order inside a block: triggers of the data sources that exist
// when the block starts, in log order, then those of data sources created in the block.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { communityFactoryAbi, liquidGovernorAbi } from "@plenum/sdk";
import type { Abi, AbiEvent, AbiParameter } from "viem";
import { compileEntry, subgraphDir } from "./compile.ts";
import { type CallRequest, createHost, type EthereumValue, encodeBigInt } from "./host.ts";
import { loadSchema, type StoreValue } from "./schema.ts";

/** A decoded log with its position, as viem and the SDK's log fetcher give it. */
export interface SubgraphLog {
  address: string;
  eventName: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  blockHash: string;
  blockTimestamp: bigint;
  logIndex: number;
  transactionHash: string;
  transactionIndex: number;
  from?: string;
}

export interface Handler {
  /** Signature as the manifest writes it: `VoteCast(indexed address,indexed uint256,uint8)`. */
  signature: string;
  handler: string;
  /** Declared eth_calls: label → `Contract[event.address].fn(event.params.x)`. */
  calls: Record<string, string>;
}

/** The manifest's event handlers, per data source (`CommunityFactory`) and template (`Community`). */
export function manifestHandlers(): { factory: Handler[]; community: Handler[] } {
  const text = readFileSync(join(subgraphDir, "subgraph.template.yaml"), "utf8");
  const [sources, templates] = text.split(/^templates:/m) as [string, string];
  const parse = (section: string): Handler[] => {
    const handlers: Handler[] = [];
    const pattern = /- event: (.+)\n\s+handler: (\w+)\n((?:\s+calls:\n(?:\s{12,}\w+: .+\n)+)?)/g;
    for (const match of section.matchAll(pattern)) {
      const calls: Record<string, string> = {};
      for (const line of (match[3] ?? "").matchAll(/^\s{12,}(\w+): (.+)$/gm)) {
        calls[line[1] as string] = (line[2] as string).trim();
      }
      handlers.push({ signature: (match[1] as string).trim(), handler: match[2] as string, calls });
    }
    return handlers;
  };
  return { factory: parse(sources), community: parse(templates) };
}

/** The manifest form of an ABI event's signature (with `indexed`). */
export function manifestSignature(event: AbiEvent): string {
  const type = (p: AbiParameter): string =>
    p.type.startsWith("tuple")
      ? `(${((p as { components?: readonly AbiParameter[] }).components ?? []).map(type).join(",")})${p.type.slice(5)}`
      : p.type;
  return `${event.name}(${event.inputs.map((i) => `${i.indexed ? "indexed " : ""}${type(i)}`).join(",")})`;
}

const events = (abi: Abi) => abi.filter((item): item is AbiEvent => item.type === "event");

/** One parameter in the test entry's text form (test/as/events.ts). */
function encodeParam(type: string, value: unknown): string {
  const le = (v: unknown) => Buffer.from(encodeBigInt(BigInt(v as bigint))).toString("hex");
  const raw = (v: unknown) => String(v).replace(/^0x/, "");
  if (type === "address") return `address=${raw(value)}`;
  if (/^u?int\d*$/.test(type)) return `uint=${le(value)}`;
  if (/^bytes\d+$/.test(type)) return `fixed=${raw(value)}`;
  if (type === "bytes") return `bytes=${raw(value)}`;
  if (type === "string") return `string=${Buffer.from(String(value), "utf8").toString("hex")}`;
  const list = value as unknown[];
  const items = (encode: (v: unknown) => string) => list.map((v) => `x${encode(v)}`).join(",");
  if (type === "address[]") return `address[]=${items(raw)}`;
  if (/^u?int\d*\[\]$/.test(type)) return `uint[]=${items(le)}`;
  if (type === "bytes[]") return `bytes[]=${items(raw)}`;
  throw new Error(`no test encoding for ${type}`);
}

export interface SubgraphOptions {
  chainId: number;
  factory: string;
  /** Answers the declared eth_calls (see host.ts). */
  call?: (request: CallRequest) => EthereumValue[] | null;
}

/** A subgraph fed block by block with decoded logs. */
export async function createSubgraph(options: SubgraphOptions) {
  const [factoryModule, communityModule] = await Promise.all([
    compileEntry("factory"),
    compileEntry("community"),
  ]);
  const host = createHost({ schema: loadSchema(), call: options.call });
  const handlers = manifestHandlers();
  const bySource = {
    factory: new Map<string, { handler: Handler; event: AbiEvent }>(),
    community: new Map<string, { handler: Handler; event: AbiEvent }>(),
  };
  for (const [source, abi] of [
    ["factory", communityFactoryAbi],
    ["community", liquidGovernorAbi],
  ] as const) {
    for (const handler of handlers[source]) {
      const event = events(abi as Abi).find((e) => manifestSignature(e) === handler.signature);
      if (!event) throw new Error(`${handler.signature} is not an event of the ${source} ABI`);
      bySource[source].set(event.name, { handler, event });
    }
  }
  const factoryContext = new Map<string, StoreValue>([
    ["chainId", { kind: "Int", value: options.chainId }],
  ]);
  const communities = new Map<string, Map<string, StoreValue>>();
  let triggers = 0;

  const trigger = (log: SubgraphLog) => {
    const address = log.address.toLowerCase();
    const source =
      address === options.factory.toLowerCase()
        ? { kind: "factory" as const, module: factoryModule, context: factoryContext }
        : communities.has(address)
          ? {
              kind: "community" as const,
              module: communityModule,
              context: communities.get(address),
            }
          : undefined;
    if (!source) return;
    const entry = bySource[source.kind].get(log.eventName);
    if (!entry) return;
    const params = entry.event.inputs.map((input) =>
      encodeParam(input.type, log.args[input.name as string]),
    );
    const created = host.creations.length;
    host.run(
      source.module,
      entry.handler.handler,
      {
        address,
        params,
        blockNumber: log.blockNumber,
        blockTimestamp: log.blockTimestamp,
        blockHash: log.blockHash,
        transactionHash: log.transactionHash,
        transactionIndex: log.transactionIndex,
        logIndex: log.logIndex,
        from: log.from ?? "0x0000000000000000000000000000000000000000",
      },
      source.context,
    );
    triggers++;
    return host.creations.slice(created);
  };

  /** Processes one block's logs (any order in, log order applied). */
  function block(logs: readonly SubgraphLog[]): void {
    const ordered = [...logs].sort((a, b) => a.logIndex - b.logIndex);
    let fresh: string[] = [];
    const start = (creations: ReturnType<typeof trigger>) => {
      for (const creation of creations ?? []) {
        if (creation.template !== "Community")
          throw new Error(`unknown template ${creation.template}`);
        const address = (creation.params[0] as string).toLowerCase();
        fresh.push(address);
        communities.set(address, creation.context);
      }
    };
    const existing = new Set(communities.keys());
    for (const log of ordered) {
      const address = log.address.toLowerCase();
      if (address === options.factory.toLowerCase() || existing.has(address)) start(trigger(log));
    }
    // graph-node then runs the block's triggers of the data sources created in it.
    while (fresh.length > 0) {
      const now = new Set(fresh);
      fresh = [];
      for (const log of ordered) if (now.has(log.address.toLowerCase())) start(trigger(log));
    }
  }

  /** Feeds `logs` (any number of blocks, in chain order) block by block. */
  function feed(logs: readonly SubgraphLog[]): void {
    let i = 0;
    while (i < logs.length) {
      const number = (logs[i] as SubgraphLog).blockNumber;
      let j = i;
      while (j < logs.length && (logs[j] as SubgraphLog).blockNumber === number) j++;
      block(logs.slice(i, j));
      i = j;
    }
  }

  /** The declared calls graph-node would make before handling `log` of a `source` data source. */
  function declared(log: SubgraphLog, source: "factory" | "community"): DeclaredCall[] {
    const entry = bySource[source].get(log.eventName);
    return entry ? declaredCalls(entry.handler, entry.event, log) : [];
  }

  return {
    host,
    block,
    feed,
    declared,
    /** Event names some handler takes. */
    handled: [...bySource.factory.keys(), ...bySource.community.keys()],
    rows: host.rows,
    communities,
    get triggers() {
      return triggers;
    },
  };
}

export type Subgraph = Awaited<ReturnType<typeof createSubgraph>>;

/** A declared eth_call, evaluated for one log: what graph-node would call before the handler runs. */
export interface DeclaredCall {
  label: string;
  contract: string;
  address: string;
  functionName: string;
  args: unknown[];
}

/**
 * Evaluates a handler's declared calls (`Contract[event.address].fn(event.params.x, ...)`) for `log`,
 * checking them against the ABIs: the contract is one the manifest names, the function exists with
 * as many inputs, and each argument is `event.address` or a parameter of the event.
 */
export function declaredCalls(handler: Handler, event: AbiEvent, log: SubgraphLog): DeclaredCall[] {
  const abis: Record<string, Abi> = {
    LiquidGovernor: liquidGovernorAbi as Abi,
    CommunityFactory: communityFactoryAbi as Abi,
  };
  return Object.entries(handler.calls).map(([label, expression]) => {
    const match = /^(\w+)\[(event\.address|event\.params\.\w+)\]\.(\w+)\((.*)\)$/.exec(expression);
    if (!match) throw new Error(`declared call ${label}: cannot read ${expression}`);
    const [, contract, target, functionName, argList] = match as unknown as string[];
    const abi = abis[contract as string];
    if (!abi) throw new Error(`declared call ${label}: no ABI named ${contract}`);
    const fn = abi.find((item) => item.type === "function" && item.name === functionName);
    if (fn?.type !== "function")
      throw new Error(`declared call ${label}: ${contract} has no ${functionName}`);
    const resolve = (path: string): unknown => {
      if (path === "event.address") return log.address.toLowerCase();
      const name = path.replace(/^event\.params\./, "");
      const input = event.inputs.find((i) => i.name === name);
      if (!path.startsWith("event.params.") || !input) {
        throw new Error(`declared call ${label}: ${path} is not a parameter of ${event.name}`);
      }
      return log.args[name];
    };
    const args =
      (argList as string).length === 0 ? [] : (argList as string).split(",").map((a) => a.trim());
    if (args.length !== fn.inputs.length) {
      throw new Error(
        `declared call ${label}: ${functionName} takes ${fn.inputs.length} arguments`,
      );
    }
    for (const [i, arg] of args.entries()) {
      if (arg === "event.address") continue;
      const input = event.inputs.find((p) => p.name === arg.replace(/^event\.params\./, ""));
      if (input && input.type !== fn.inputs[i]?.type) {
        throw new Error(
          `declared call ${label}: ${arg} is ${input.type}, ${functionName} takes ${fn.inputs[i]?.type}`,
        );
      }
    }
    return {
      label,
      contract: contract as string,
      address: String(resolve(target as string)).toLowerCase(),
      functionName: functionName as string,
      args: args.map(resolve),
    };
  });
}
