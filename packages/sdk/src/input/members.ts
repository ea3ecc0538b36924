import { parseAddress } from "./address.ts";
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
 * Addresses are checked as strictly as the SDK's `checkAddress` (a mixed-case address must match its
 * checksum). Every bad line is reported, not only the first: bad addresses, weights outside
 * 1..2^64-1, extra fields and duplicates, each with its line, in one {@link CliInputError}.
 * @example
 * parseMembersCsv("address,weight\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8,4")
 */
export function parseMembersCsv(text: string, file?: string): MemberRow[] {
  const rows: MemberRow[] = [];
  const problems: CliInputError[] = [];
  const seen = new Map<string, number>();
  let first = true;
  for (const { line, fields } of parseCsv(text, file, problems)) {
    const [address = "", weightText = "1", ...rest] = fields;
    const header = first && !address.startsWith("0x") && /address/i.test(address);
    first = false;
    if (header) continue;
    const at = { file, line };
    if (rest.some((field) => field !== "")) {
      problems.push(
        new CliInputError(`expected "address,weight", found ${fields.length} fields`, at),
      );
      continue;
    }
    let account: `0x${string}` | undefined;
    try {
      account = parseAddress(address, undefined, false, at) as `0x${string}`;
    } catch (error) {
      if (!(error instanceof CliInputError)) throw error;
      problems.push(error);
    }
    let weight: bigint | undefined;
    if (!/^\d+$/.test(weightText)) {
      problems.push(new CliInputError(`weight "${weightText}" is not a whole number`, at));
    } else {
      weight = BigInt(weightText);
      if (weight < 1n || weight > MAX_WEIGHT) {
        problems.push(new CliInputError(`weight ${weight} is outside 1..2^64-1`, at));
        weight = undefined;
      }
    }
    if (account === undefined || weight === undefined) continue;
    const earlier = seen.get(account);
    if (earlier !== undefined) {
      problems.push(new CliInputError(`${account} already appears on line ${earlier}`, at));
      continue;
    }
    seen.set(account, line);
    rows.push({ account, weight, line });
  }
  const failure = CliInputError.all(problems);
  if (failure) throw failure;
  if (rows.length === 0) throw new CliInputError("no members found", { file });
  return rows;
}
