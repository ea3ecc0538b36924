import {
  type AbiFunction,
  type AbiParameter,
  type Address,
  encodeFunctionData,
  type Hex,
  isHex,
  parseAbiItem,
  parseEther,
} from "viem";
import { CliInputError } from "../../input/inputError.ts";
import { parseAddress } from "./values.ts";

/** One action of an executable proposal, as the SDK's `proposeExecutable` takes it. */
export interface CliAction {
  target: Address;
  value: bigint;
  data: Hex;
}

/** Resolves a target: an address, or the word `community` for the community itself. */
function target(text: string, community: () => Address, what: string): Address {
  if (text.trim().toLowerCase() === "community") return community();
  return parseAddress(text, what) as Address;
}

/**
 * Parses a value in wei: a whole number of wei, or ether with an `ether` suffix (`0.5ether`).
 * @example
 * parseWei("0.5ether") // 500000000000000000n
 */
export function parseWei(text: string, what = "value"): bigint {
  const given = text.trim();
  if (/^\d+$/.test(given)) return BigInt(given);
  const ether = /^(\d+(?:\.\d{1,18})?)\s*ether$/i.exec(given);
  if (ether?.[1]) return parseEther(ether[1]);
  throw new CliInputError(`${what} "${text}" must be wei (a whole number) or ether like 0.5ether`);
}

/**
 * Parses `--action <target>,<value>,<calldata>`: raw calldata, for calls `--call` cannot spell.
 * @example
 * parseAction("0x70997970C51812dc3A010C7d01b50e0d17dc79C8,0,0x", community)
 * // { target: "0x7099…79C8", value: 0n, data: "0x" }
 */
export function parseAction(text: string, community: () => Address): CliAction {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.length !== 3) {
    throw new CliInputError(`--action "${text}" must be <target>,<value>,<calldata>`);
  }
  const [to = "", value = "", data = ""] = parts;
  if (!isHex(data, { strict: true }) || data.length % 2 !== 0) {
    throw new CliInputError(`--action calldata "${data}" must be 0x-prefixed hex bytes`);
  }
  return {
    target: target(to, community, "--action target"),
    value: parseWei(value, "--action value"),
    data: data as Hex,
  };
}

/** Splits a command line on spaces, keeping '…' and "…" quoted words together. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) words.push(match[1] ?? match[2] ?? match[3] ?? "");
  return words;
}

/** Converts one command-line word (or JSON value inside an array) to the ABI type's JS value. */
function argument(value: unknown, parameter: AbiParameter, what: string): unknown {
  const type = parameter.type;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    let items = value;
    if (typeof value === "string") {
      try {
        items = JSON.parse(value);
      } catch {
        items = undefined;
      }
    }
    if (!Array.isArray(items)) {
      throw new CliInputError(`${what} "${String(value)}" must be a JSON array for ${type}`);
    }
    const element = { ...parameter, type: array[1] ?? "" } as AbiParameter;
    return items.map((item, index) => argument(item, element, `${what}[${index}]`));
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (/^u?int\d*$/.test(type)) {
    if (!/^-?\d+$/.test(text)) throw new CliInputError(`${what} "${text}" must be a whole number`);
    return BigInt(text);
  }
  if (type === "address") return parseAddress(text, what);
  if (type === "bool") {
    if (text !== "true" && text !== "false") {
      throw new CliInputError(`${what} "${text}" must be true or false`);
    }
    return text === "true";
  }
  if (type === "string") return text;
  if (/^bytes\d*$/.test(type)) {
    if (!isHex(text, { strict: true }) || text.length % 2 !== 0) {
      throw new CliInputError(`${what} "${text}" must be 0x-prefixed hex bytes`);
    }
    return text;
  }
  throw new CliInputError(
    `${what}: --call cannot spell a ${type}; encode the call yourself and pass --action <target>,<value>,<calldata>`,
  );
}

/**
 * Parses `--call '<target> <signature> <args…>'` and ABI-encodes the call: numbers for int/uint,
 * true/false, addresses, 0x hex for bytes, JSON arrays for arrays; quote an argument with spaces.
 * `community` stands for the community's address. The value sent is 0 (use --action to send ether).
 * @example
 * parseCall("community setQuorum(uint16) 2500", community)
 * // { target: community, value: 0n, data: "0x…" }
 */
export function parseCall(text: string, community: () => Address): CliAction {
  const [to, signature, ...args] = splitWords(text);
  if (!to || !signature) {
    throw new CliInputError(
      `--call "${text}" must be '<target> <signature> <args…>', e.g. 'community setQuorum(uint16) 2500'`,
    );
  }
  let abiItem: AbiFunction;
  try {
    const parsed = parseAbiItem(
      signature.startsWith("function ") ? signature : `function ${signature}`,
    );
    if (parsed.type !== "function") throw new Error("not a function");
    abiItem = parsed;
  } catch {
    throw new CliInputError(
      `--call signature "${signature}" must look like setQuorum(uint16) or createTopic(string)`,
    );
  }
  if (args.length !== abiItem.inputs.length) {
    throw new CliInputError(
      `--call ${abiItem.name} takes ${abiItem.inputs.length} argument${abiItem.inputs.length === 1 ? "" : "s"}, got ${args.length}`,
    );
  }
  const values = abiItem.inputs.map((input, index) =>
    argument(args[index], input, `--call ${abiItem.name} argument ${index + 1}`),
  );
  let data: Hex;
  try {
    data = encodeFunctionData({ abi: [abiItem], functionName: abiItem.name, args: values });
  } catch (error) {
    const message = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message;
    throw new CliInputError(`--call ${abiItem.name}: ${message}`);
  }
  return { target: target(to, community, "--call target"), value: 0n, data };
}
