// Addresses and CAIP-10 ids for people.
import { type Address, getAddress, isAddress } from "viem";

/**
 * An address shortened for display: `0x7099…79C8`.
 * @example
 * shortAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8") // "0x7099…79C8"
 */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/**
 * The address in a CAIP-10 id (`eip155:31337:0xabc…`), or the value itself if it is one, checksummed.
 * @example
 * caipAddress("eip155:31337:0x70997970c51812dc3a010c7d01b50e0d17dc79c8")
 * // "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
 */
export function caipAddress(id: string): Address {
  const address = id.split(":").pop() ?? id;
  return isAddress(address, { strict: false }) ? getAddress(address) : (address as Address);
}
