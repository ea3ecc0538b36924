// What the CLI tests share: where the CLI is, the dev keys they sign with, and the shape of a run.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Hex, toHex } from "viem";
import { devAccount } from "./anvil.ts";

const sdk = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** tsx from the SDK's dependencies, and the CLI's TypeScript entry it runs. */
export const tsx = join(sdk, "node_modules", ".bin", "tsx");
export const bin = join(sdk, "src", "cli", "bin.ts");
/** The published launcher (`plenum` bin): registers tsx, then runs the entry above. */
export const launcher = join(sdk, "bin", "plenum.mjs");

/**
 * The private key of anvil's well-known dev account `index` (public test keys, local chains only).
 *
 * @example
 * ```ts
 * const env = { PLENUM_PRIVATE_KEY: keyOf(1) };
 * ```
 */
export function keyOf(index: number): Hex {
  const key = devAccount(index).getHdKey().privateKey;
  if (!key) throw new Error(`dev account ${index} has no private key`);
  return toHex(key);
}

/**
 * One finished CLI run: its exit code and what it printed.
 *
 * @example
 * ```ts
 * const run: Run = { code: 0, stdout: "{}", stderr: "" };
 * ```
 */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
