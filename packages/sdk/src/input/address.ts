// Addresses in files and flags, checked as strictly as the SDK's `checkAddress`, with the place they
// came from in the error.
import { zeroAddress } from "viem";
import { checkAddress, InvalidAddressError } from "../address/checkAddress.ts";
import { CliInputError, type InputLocation } from "./inputError.ts";

/**
 * Parses an address as strictly as the SDK's `checkAddress` (0x + 40 hex digits; a mixed-case one
 * must match its EIP-55 checksum), or `none`/`0`/the zero address for "no one" when `allowNone`.
 * `what` names where it came from (`--to`, `member`); `location` points into a file.
 * @example
 * parseAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "--to") // "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
 * parseAddress("none", "--to", true) // null
 */
export function parseAddress(
  text: string,
  what: string | undefined,
  allowNone = false,
  location?: InputLocation,
): `0x${string}` | null {
  const value = text.trim();
  if (allowNone && /^(none|0)$/i.test(value)) return null;
  let address: `0x${string}`;
  try {
    address = checkAddress(value);
  } catch (error) {
    if (!(error instanceof InvalidAddressError)) throw error;
    throw new CliInputError(`${what ? `${what} ` : ""}${error.shortMessage}`, location);
  }
  if (allowNone && address === zeroAddress) return null;
  return address;
}
