import { type Address, type Hex, hexToBytes, keccak256 } from "viem";

const bitsCache = new Map<string, readonly [number, number][]>();

// The three bits an address sets in a block's 2048-bit logs bloom (yellow paper, M3:2048): for each
// of the first three byte pairs of keccak256(address), its low 11 bits pick a bit, counted from the
// bloom's last byte.
function bloomBits(address: Address): readonly [number, number][] {
  const key = address.toLowerCase();
  let bits = bitsCache.get(key);
  if (!bits) {
    const hash = hexToBytes(keccak256(key as Hex));
    bits = [0, 2, 4].map((i) => {
      const bit = (((hash[i] as number) << 8) | (hash[i + 1] as number)) & 2047;
      return [255 - (bit >> 3), 1 << (bit & 7)] as [number, number];
    });
    bitsCache.set(key, bits);
  }
  return bits;
}

/**
 * Whether a block's logs bloom may contain a log of one of `addresses` (false: it certainly has none).
 * A missing or all-zero bloom answers true: some chains leave it empty, so it proves nothing there.
 *
 * @example
 * ```ts
 * if (bloomMayContain(header.logsBloom, [factory, ...communities])) logs = await getLogs({ blockHash });
 * ```
 */
export function bloomMayContain(bloom: Hex | null, addresses: readonly Address[]): boolean {
  // 2 + 2 × 256 hex characters, not all zero.
  if (bloom?.length !== 514 || /^0x0*$/.test(bloom)) return true;
  const bytes = hexToBytes(bloom);
  return addresses.some((address) =>
    bloomBits(address).every(([index, mask]) => ((bytes[index] as number) & mask) !== 0),
  );
}
