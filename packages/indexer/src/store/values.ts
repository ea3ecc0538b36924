// One place where values cross the database boundary: 64-bit and 256-bit integers, ids, and the JSON
// encoding of decoded event arguments (which hold bigints).
import { BaseError } from "@plenum/sdk";
import type { Address } from "viem";

/**
 * A database integer as a bigint, whatever the driver returned: pg gives int8 and numeric as strings,
 * PGlite gives int8 as bigint and numeric as a string. Floats are refused rather than rounded.
 *
 * @example
 * ```ts
 * toBigInt("115792089237316195423570985008687907853269984665640564039457584007913129639935"); // 2n ** 256n - 1n
 * toBigInt(7); // 7n
 * ```
 */
export function toBigInt(value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?[0-9]+$/.test(value)) return BigInt(value);
  throw new BaseError(`Not an integer from the database: ${String(value)}.`, {
    name: "StoreValueError",
  });
}

/**
 * A CAIP-10 account id, `eip155:<chainId>:<lowercase address>`: the stable id of an account or a
 * community across chains.
 *
 * @example
 * ```ts
 * accountId(31337, "0x8EFa1819Ff5B279077368d44B593a4543280e402"); // "eip155:31337:0x8efa1819ff5b279077368d44b593a4543280e402"
 * ```
 */
export function accountId(chainId: number, address: Address | string): string {
  return `eip155:${chainId}:${address.toLowerCase()}`;
}

const BIGINT = "$bigint";

/**
 * Serialises decoded event arguments for a `jsonb` column: bigints become `{ "$bigint": "…" }`, so
 * {@link decodeArgs} gives back exactly what viem decoded.
 *
 * @example
 * ```ts
 * decodeArgs(encodeArgs({ proposalId: 3n, votes: [1, 2] })); // { proposalId: 3n, votes: [1, 2] }
 * ```
 */
export function encodeArgs(args: unknown): unknown {
  if (typeof args === "bigint") return { [BIGINT]: args.toString() };
  if (Array.isArray(args)) return args.map(encodeArgs);
  if (args !== null && typeof args === "object") {
    return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, encodeArgs(v)]));
  }
  return args;
}

/**
 * The inverse of {@link encodeArgs}.
 *
 * @example
 * ```ts
 * decodeArgs({ weight: { $bigint: "5" } }); // { weight: 5n }
 * ```
 */
export function decodeArgs(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(decodeArgs);
  if (json !== null && typeof json === "object") {
    const entries = Object.entries(json);
    if (entries.length === 1 && entries[0]?.[0] === BIGINT) return BigInt(entries[0][1] as string);
    return Object.fromEntries(entries.map(([k, v]) => [k, decodeArgs(v)]));
  }
  return json;
}
