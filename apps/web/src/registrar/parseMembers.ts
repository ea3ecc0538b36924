// A members CSV as the registrar desk checks it: the SDK's parser (the CLI's), its problems one per
// bad line.
import { InputError, type MemberRow, parseMembersCsv } from "@plenum/sdk";

/** The rows to send, or the problems that stop them. */
export type MembersCheck = { ok: true; rows: MemberRow[] } | { ok: false; problems: string[] };

/**
 * Checks a members CSV (`address,weight` per line, an optional header) before anything is signed.
 * @example
 * checkMembersCsv("0x7099…79C8,4\nnot-an-address,2") // { ok: false, problems: ["line 2: …"] }
 */
export function checkMembersCsv(text: string): MembersCheck {
  try {
    return { ok: true, rows: parseMembersCsv(text) };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, problems: error.problems };
    throw error;
  }
}
