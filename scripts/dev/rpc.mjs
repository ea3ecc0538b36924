// JSON-RPC and the little ABI coding the dev summary needs (Node builtins, and viem's selector hashing:
// Node has no keccak256).
import { readFileSync } from "node:fs";
import path from "node:path";
import { toEventSelector, toFunctionSelector, toFunctionSignature } from "viem";

/**
 * An error with a short message and optional details, printed without a stack trace; `exitCode` 2
 * for bad input (flags, environment), else 1 (the project's exit code table).
 */
export class DevError extends Error {
  constructor(message, details, exitCode = 1) {
    super(message);
    this.details = details;
    this.exitCode = exitCode;
  }
}

/** Sends one JSON-RPC request. */
export async function rpc(url, method, params) {
  const [result] = await rpcBatch(url, [{ method, params }]);
  return result;
}

/** Sends requests as one JSON-RPC batch; returns their results in order. */
export async function rpcBatch(url, calls) {
  if (calls.length === 0) return [];
  const body = calls.map(({ method, params }, id) => ({ jsonrpc: "2.0", id, method, params }));
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new DevError(`${url} answered HTTP ${response.status}.`);
  const results = [];
  for (const reply of await response.json()) {
    if (reply.error) {
      const call = calls[reply.id];
      throw new DevError(
        `${call.method} failed: ${reply.error.message}`,
        JSON.stringify(call.params),
      );
    }
    results[reply.id] = reply.result;
  }
  return results;
}

/**
 * The community ABI codegen commits (packages/sdk/abis/liquidGovernor.json, the union of the governor's
 * facets) and its function selectors by signature, so the summary needs no forge output.
 */
export function loadGovernorAbi(root) {
  const abi = JSON.parse(
    readFileSync(path.join(root, "packages/sdk/abis/liquidGovernor.json"), "utf8"),
  );
  const selectors = {};
  for (const item of abi) {
    if (item.type !== "function") continue;
    selectors[toFunctionSignature(item)] = toFunctionSelector(item).slice(2);
  }
  return { abi, selectors };
}

/** keccak256 of an event's signature: its first topic. */
export function eventTopic(abi, name) {
  const event = abi.find((item) => item.type === "event" && item.name === name);
  if (!event) throw new DevError(`the community ABI has no event ${name}.`);
  return toEventSelector(event);
}

/** Builds `eth_call` requests to `to` from function signatures and static arguments. */
export function callBuilder(to, selectors) {
  return (signature, ...args) => {
    const selector = selectors[signature];
    if (!selector)
      throw new DevError(`the community ABI has no ${signature}: scripts/dev needs updating.`);
    return {
      method: "eth_call",
      params: [{ to, data: `0x${selector}${args.map(word).join("")}` }, "latest"],
    };
  };
}

/** One ABI word: a number, bigint or address, left-padded. */
export function word(value) {
  return BigInt(value).toString(16).padStart(64, "0");
}

/** Splits return data into 32-byte words. */
export function words(hex) {
  const out = [];
  for (let i = 2; i < hex.length; i += 64) out.push(BigInt(`0x${hex.slice(i, i + 64)}`));
  return out;
}

/** The address in a 32-byte word. */
export function wordAddress(hex) {
  return `0x${hex.slice(-40)}`.toLowerCase();
}

/** Decodes `proposalTally`: (uint256[] tallies, uint256 abstain, uint256 participation, uint256 totalMass). */
export function decodeTally(hex) {
  const w = words(hex);
  const at = Number(w[0] / 32n);
  const length = Number(w[at]);
  return {
    tallies: w.slice(at + 1, at + 1 + length),
    abstain: w[1],
    participation: w[2],
    totalMass: w[3],
  };
}

/** The string at head word `index` of ABI-encoded data (a dynamic field). */
export function decodeString(hex, index) {
  const bytes = Buffer.from(hex.slice(2), "hex");
  const offset = Number(BigInt(`0x${bytes.subarray(index * 32, index * 32 + 32).toString("hex")}`));
  const length = Number(BigInt(`0x${bytes.subarray(offset, offset + 32).toString("hex")}`));
  return bytes.subarray(offset + 32, offset + 32 + length).toString("utf8");
}

/** Title and option labels from a `data:application/json;base64,` metadata URI; otherwise the URI as title. */
export function decodeMetadata(uri) {
  const match = /^data:application\/json;base64,(.*)$/.exec(uri);
  if (!match) return { title: uri, options: [] };
  try {
    const document = JSON.parse(Buffer.from(match[1], "base64").toString("utf8"));
    return { title: String(document.title ?? uri), options: document.options ?? [] };
  } catch {
    return { title: uri, options: [] };
  }
}
