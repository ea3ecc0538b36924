import { type Address, getAddress } from "viem";
import { BaseError } from "../errors/base.ts";

/** Why a value is not an address. */
export type InvalidAddressReason = "empty" | "prefix" | "hex" | "length" | "checksum";

/**
 * A value given as an address is not one: not `0x` + 40 hex digits, or mixed-case with a wrong
 * EIP-55 checksum (almost always a mistyped character). `shortMessage` says which, in one sentence.
 * @example
 * import { InvalidAddressError, checkAddress } from "@plenum/sdk";
 * try {
 *   checkAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C9", "account");
 * } catch (error) {
 *   if (error instanceof InvalidAddressError) console.log(error.reason); // "checksum"
 * }
 */
export class InvalidAddressError extends BaseError {
  override name = "InvalidAddressError";
  /** What was given. */
  readonly value: unknown;
  /** Why it was refused. */
  readonly reason: InvalidAddressReason;
  /** The parameter it was given for, when known (`community`, `account`, …). */
  readonly parameter: string | undefined;

  constructor({
    value,
    reason,
    parameter,
  }: {
    value: unknown;
    reason: InvalidAddressReason;
    parameter?: string | undefined;
  }) {
    super(`${parameter ? `${parameter} ` : ""}${shown(value)} ${explain(value, reason)}`);
    this.value = value;
    this.reason = reason;
    this.parameter = parameter;
  }
}

/** The value as a person would recognise it: bare when it is plain text, else quoted. */
function shown(value: unknown): string {
  if (typeof value !== "string") return String(value);
  return /^[\x21-\x7e]+$/.test(value) ? value : JSON.stringify(value);
}

function explain(value: unknown, reason: InvalidAddressReason): string {
  const text = typeof value === "string" ? value : "";
  const invalid = "is not a valid address:";
  switch (reason) {
    case "empty":
      return `${invalid} it is empty (an address is 0x followed by 40 hex digits)`;
    case "prefix":
      return `${invalid} it must start with 0x`;
    case "hex": {
      const bad = /[^0-9a-fA-F]/.exec(text.slice(2))?.[0] ?? "";
      return `${invalid} it contains ${JSON.stringify(bad)}, which is not a hex digit`;
    }
    case "length": {
      const digits = text.length - 2;
      return `${invalid} it has ${digits} hex digit${digits === 1 ? "" : "s"} after 0x instead of 40`;
    }
    case "checksum":
      return `${invalid} its checksum does not match (did you mistype a character?)`;
  }
}

/** Why `value` is not an address, or `undefined` when it is one. */
function problemOf(value: unknown): InvalidAddressReason | undefined {
  if (value === undefined || value === null || value === "") return "empty";
  if (typeof value !== "string") return "prefix";
  if (!value.startsWith("0x")) return "prefix";
  if (/[^0-9a-fA-F]/.test(value.slice(2))) return "hex";
  if (value.length !== 42) return "length";
  const digits = value.slice(2);
  // EIP-55: all-lower and all-upper carry no checksum; mixed case must match it exactly.
  if (digits === digits.toLowerCase() || digits === digits.toUpperCase()) return undefined;
  return getAddress(value) === value ? undefined : "checksum";
}

/**
 * Checks that `value` is an address as strictly as wallets and block explorers do: `0x` and 40 hex
 * digits, and when the digits mix upper and lower case, a matching EIP-55 checksum (all lower or
 * all upper case carries none). Returns it checksummed; throws an {@link InvalidAddressError} that
 * names `parameter` otherwise. Every SDK action runs it on its address parameters before calling
 * the node.
 * @example
 * import { checkAddress } from "@plenum/sdk";
 * checkAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
 * // "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
 * checkAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C9", "account");
 * // throws InvalidAddressError: "account 0x7099…79C9 is not a valid address: its checksum does not match …"
 */
export function checkAddress(value: unknown, parameter?: string): Address {
  const reason = problemOf(value);
  if (reason) throw new InvalidAddressError({ value, reason, parameter });
  return getAddress(value as string);
}
