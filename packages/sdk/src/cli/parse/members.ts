import { getAddress, isAddress } from "viem";
import { parseCsv } from "./csv.ts";
import { CliInputError } from "./inputError.ts";

/** A member to add, with the CSV line it came from. */
export interface MemberRow {
  account: `0x${string}`;
  weight: bigint;
  line: number;
}

const MAX_WEIGHT = (1n << 64n) - 1n;

/**
 * Parses a members CSV: `address,weight` per line (weight defaults to 1; a header line is allowed).
 * Rejects bad addresses, weights outside 1..2^64-1 and duplicates, naming the line.
 * @example
 * parseMembersCsv("address,weight\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8,4")
 */
export function parseMembersCsv(text: string, file?: string): MemberRow[] {
  const rows: MemberRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of parseCsv(text, file)) {
    const [address = "", weightText = "1", ...rest] = fields;
    if (
      rows.length === 0 &&
      seen.size === 0 &&
      !address.startsWith("0x") &&
      /address/i.test(address)
    ) {
      continue; // header
    }
    if (rest.some((field) => field !== "")) {
      throw new CliInputError(`expected "address,weight", found ${fields.length} fields`, {
        file,
        line,
      });
    }
    if (!isAddress(address, { strict: false })) {
      throw new CliInputError(`"${address}" is not an address`, { file, line });
    }
    if (!/^\d+$/.test(weightText)) {
      throw new CliInputError(`weight "${weightText}" is not a whole number`, { file, line });
    }
    const weight = BigInt(weightText);
    if (weight < 1n || weight > MAX_WEIGHT) {
      throw new CliInputError(`weight ${weight} is outside 1..2^64-1`, { file, line });
    }
    const account = getAddress(address);
    const earlier = seen.get(account);
    if (earlier !== undefined) {
      throw new CliInputError(`${account} already appears on line ${earlier}`, { file, line });
    }
    seen.set(account, line);
    rows.push({ account, weight, line });
  }
  if (rows.length === 0) throw new CliInputError("no members found", { file });
  return rows;
}
