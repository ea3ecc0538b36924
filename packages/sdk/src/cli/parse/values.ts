import { parseEther } from "viem";
import { ABSTAIN, RETRACT } from "../../actions/internal/ballot.ts";
import { CliInputError } from "../../input/inputError.ts";

export { parseAddress } from "../../input/address.ts";

/**
 * Parses a duration: plain seconds or a number with s/m/h/d/w (`90m`, `2h`, `7d`).
 * @example
 * parseDuration("2h") // 7200
 */
export function parseDuration(text: string, what = "duration"): number {
  const match = /^(\d+)\s*([smhdw]?)$/i.exec(text.trim());
  if (!match) throw new CliInputError(`${what} "${text}" must look like 3600, 90m, 2h or 7d`);
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[
    (match[2] ?? "").toLowerCase() as "" | "s" | "m" | "h" | "d" | "w"
  ];
  const seconds = Number(match[1]) * unit;
  if (!Number.isSafeInteger(seconds) || seconds > 2 ** 32 - 1) {
    throw new CliInputError(`${what} "${text}" is too long`);
  }
  return seconds;
}

/**
 * Parses a percentage (`20%`, `20`, `12.5%`) into basis points.
 * @example
 * parsePercent("12.5%") // 1250
 */
export function parsePercent(text: string, what = "percentage"): number {
  const match = /^(\d+(?:\.\d{1,2})?)\s*%?$/.exec(text.trim());
  const basisPoints = match ? Math.round(Number(match[1]) * 100) : Number.NaN;
  if (!Number.isInteger(basisPoints) || basisPoints > 10_000) {
    throw new CliInputError(`${what} "${text}" must be between 0% and 100%`);
  }
  return basisPoints;
}

/**
 * Parses a whole number given as a flag, between `min` and `max` (decimal digits only: not `1e3`,
 * `0x10` or `-1`).
 * @example
 * parseWhole("8", "--max-depth", 1n, 16n) // 8n
 */
export function parseWhole(text: string, what: string, min: bigint, max: bigint): bigint {
  const value = text.trim();
  if (!/^\d+$/.test(value) || BigInt(value) < min || BigInt(value) > max) {
    throw new CliInputError(`${what} "${text}" must be a whole number from ${min} to ${max}`);
  }
  return BigInt(value);
}

/**
 * Parses an amount of ether (decimal, up to 18 decimals: `0.5`, `2`) into wei.
 * @example
 * parseEtherAmount("0.5", "--value") // 500000000000000000n
 */
export function parseEtherAmount(text: string, what: string): bigint {
  const value = text.trim();
  if (!/^\d+(\.\d{1,18})?$/.test(value)) {
    throw new CliInputError(
      `${what} "${text}" must be an amount of ether such as 0.5 or 2 (at most 18 decimals)`,
    );
  }
  return parseEther(value);
}

/** Parses a comma-separated list of topic ids. */
export function parseTopics(text: string): number[] {
  const topics = text.split(",").map((part) => part.trim());
  return topics.map((topic) => {
    if (!/^\d+$/.test(topic) || Number(topic) > 255) {
      throw new CliInputError(`topic "${topic}" must be a topic id from 0 to 255`);
    }
    return Number(topic);
  });
}

/** A ballot as typed on the command line. */
export type CliBallot =
  | { type: "option"; option: number }
  | { type: "abstain" }
  | { type: "quadratic"; votes: bigint[] };

/**
 * Parses a ballot: an option index, `abstain`, or a comma-separated quadratic vector (`3,0,4`).
 * @example
 * parseBallot("3,0,4") // { type: "quadratic", votes: [3n, 0n, 4n] }
 */
export function parseBallot(text: string, proposal = "<id>"): CliBallot {
  const value = text.trim().toLowerCase();
  if (value === "abstain") return { type: "abstain" };
  if (/^\d+$/.test(value)) {
    const option = Number(value);
    // The contract reads these two option values as commands, not as options.
    if (option === RETRACT) {
      throw new CliInputError(
        `ballot "${text}" is not an option: to withdraw your ballot use "plenum retract ${proposal}"`,
      );
    }
    if (option === ABSTAIN) {
      throw new CliInputError(`ballot "${text}" is not an option: to abstain, vote "abstain"`);
    }
    if (option > 31) {
      throw new CliInputError(
        `ballot "${text}" is not an option: proposals have at most 32 options (0 to 31)`,
      );
    }
    return { type: "option", option };
  }
  if (/^\d+(\s*,\s*\d+)+$/.test(value)) {
    return { type: "quadratic", votes: value.split(",").map((part) => BigInt(part.trim())) };
  }
  throw new CliInputError(
    `ballot "${text}" must be an option number, "abstain", or quadratic votes like 3,0,4`,
  );
}
