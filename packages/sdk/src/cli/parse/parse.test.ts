import { describe, expect, it } from "vitest";
import { parseAgendaCsv, parseAgendaMarkdown } from "../../input/agenda.ts";
import { parseCsv } from "../../input/csv.ts";
import { CliInputError } from "../../input/inputError.ts";
import { parseMembersCsv } from "../../input/members.ts";
import {
  parseAddress,
  parseBallot,
  parseDuration,
  parsePercent,
  parseTopics,
  parseWhole,
} from "./values.ts";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("parseCsv", () => {
  it("parseCsv() keeps quoted commas and doubled quotes, and skips blanks and comments", () => {
    expect(parseCsv('# members\n\n"Smith, Ann","say ""hi"""\nb,c\n')).toEqual([
      { line: 3, fields: ["Smith, Ann", 'say "hi"'] },
      { line: 4, fields: ["b", "c"] },
    ]);
  });
  it("parseCsv() names the line of an unterminated quote", () => {
    expect(() => parseCsv('a\n"broken,b', "m.csv")).toThrow(
      "m.csv line 2: unterminated quoted field",
    );
  });
});

describe("parseMembersCsv", () => {
  it("parseMembersCsv() reads a header, checksums addresses and defaults weight to 1", () => {
    expect(parseMembersCsv(`address,weight\n${ALICE.toLowerCase()},4\n${BOB}`)).toEqual([
      { account: ALICE, weight: 4n, line: 2 },
      { account: BOB, weight: 1n, line: 3 },
    ]);
  });
  it.each([
    [`${ALICE},0`, "members.csv line 1: weight 0 is outside 1..2^64-1"],
    [
      `${ALICE},18446744073709551616`,
      "members.csv line 1: weight 18446744073709551616 is outside 1..2^64-1",
    ],
    [`${ALICE},2.5`, 'members.csv line 1: weight "2.5" is not a whole number'],
    [`${ALICE},many`, 'members.csv line 1: weight "many" is not a whole number'],
    [
      "0x1234,3",
      "members.csv line 1: 0x1234 is not a valid address: it has 4 hex digits after 0x instead of 40",
    ],
    [
      `${ALICE.slice(0, 41)}z,3`,
      `members.csv line 1: ${ALICE.slice(0, 41)}z is not a valid address: it contains "z", which is not a hex digit`,
    ],
    [
      `${ALICE.slice(0, 41)}9,3`,
      `members.csv line 1: ${ALICE.slice(0, 41)}9 is not a valid address: its checksum does not match (did you mistype a character?)`,
    ],
    [
      ",3",
      'members.csv line 1: "" is not a valid address: it is empty (an address is 0x followed by 40 hex digits)',
    ],
    [`${ALICE},1,extra`, 'members.csv line 1: expected "address,weight", found 3 fields'],
    [
      `${ALICE},1\n${ALICE.toLowerCase()},2`,
      `members.csv line 2: ${ALICE} already appears on line 1`,
    ],
  ])("parseMembersCsv() rejects %j with a line number", (text, message) => {
    expect(() => parseMembersCsv(text, "members.csv")).toThrow(new CliInputError(message).message);
  });
  it("parseMembersCsv() reports every bad line at once, in file order", () => {
    const text = [
      "address,weight",
      `${ALICE.slice(0, 41)}9,3`,
      `${BOB},2`,
      `${BOB.toLowerCase()},x`,
      '"unterminated,1',
      "0x12,1",
    ].join("\n");
    let error: unknown;
    try {
      parseMembersCsv(text, "m.csv");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliInputError);
    expect((error as CliInputError).problems).toEqual([
      `m.csv line 5: unterminated quoted field`,
      `m.csv line 2: ${ALICE.slice(0, 41)}9 is not a valid address: its checksum does not match (did you mistype a character?)`,
      'm.csv line 4: weight "x" is not a whole number',
      "m.csv line 6: 0x12 is not a valid address: it has 2 hex digits after 0x instead of 40",
    ]);
  });
});

describe("agenda", () => {
  it("parseAgendaMarkdown() takes every list item, with optional <uri>", () => {
    const items = parseAgendaMarkdown(
      "# Day 1\nIntro text\n1. Transit levy <ipfs://bafy123>\n- Library hours\n",
    );
    expect(items.map(({ title, metadataURI, line }) => ({ title, metadataURI, line }))).toEqual([
      { title: "Transit levy", metadataURI: "ipfs://bafy123", line: 3 },
      {
        title: "Library hours",
        metadataURI: "data:application/json;base64,eyJ0aXRsZSI6IkxpYnJhcnkgaG91cnMifQ==",
        line: 4,
      },
    ]);
    // keccak256('{"title":"Library hours"}'): with no URI the hash covers the inline JSON document.
    expect(items[1]?.metadataHash).toBe(
      "0x5d9e62ddd01de9d530d8fde6a75a9eeaf7a18f95176a5bd657f16c2aef9abcf5",
    );
  });
  it("parseAgendaMarkdown() fails on a file without list items", () => {
    expect(() => parseAgendaMarkdown("just prose", "a.md")).toThrow(
      "a.md: no list items found (use - or 1. lines)",
    );
  });
  it("parseAgendaCsv() reads title, uri and options, and names bad lines", () => {
    const items = parseAgendaCsv('title,uri,options\n"Bill 1, transit",,3\nBill 2,ipfs://x,');
    expect(items.map(({ title, optionCount, line }) => ({ title, optionCount, line }))).toEqual([
      { title: "Bill 1, transit", optionCount: 3, line: 2 },
      { title: "Bill 2", optionCount: undefined, line: 3 },
    ]);
    expect(() => parseAgendaCsv("Bill,,40", "a.csv")).toThrow(
      'a.csv line 1: options "40" must be a whole number from 2 to 32',
    );
  });
});

describe("values", () => {
  it("parseDuration() accepts units and rejects garbage", () => {
    expect([
      parseDuration("3600"),
      parseDuration("90m"),
      parseDuration("2h"),
      parseDuration("7d"),
    ]).toEqual([3600, 5400, 7200, 604_800]);
    expect(() => parseDuration("soon", "period")).toThrow(
      'period "soon" must look like 3600, 90m, 2h or 7d',
    );
  });
  it("parsePercent() converts to basis points", () => {
    expect([parsePercent("20%"), parsePercent("12.5"), parsePercent("100%")]).toEqual([
      2000, 1250, 10_000,
    ]);
    expect(() => parsePercent("120%", "quorum")).toThrow(
      'quorum "120%" must be between 0% and 100%',
    );
  });
  it("parseTopics() and parseBallot() parse command-line values", () => {
    expect(parseTopics("0, 2")).toEqual([0, 2]);
    expect(() => parseTopics("x")).toThrow('topic "x" must be a topic id from 0 to 255');
    expect(parseBallot("2")).toEqual({ type: "option", option: 2 });
    expect(parseBallot("Abstain")).toEqual({ type: "abstain" });
    expect(parseBallot("3, 0,4")).toEqual({ type: "quadratic", votes: [3n, 0n, 4n] });
    expect(() => parseBallot("254", "7")).toThrow(
      'ballot "254" is not an option: to withdraw your ballot use "plenum retract 7"',
    );
    expect(() => parseBallot("255")).toThrow('to abstain, vote "abstain"');
    expect(() => parseBallot("yes")).toThrow('ballot "yes" must be an option number');
  });
});

describe("parseWhole and parseAddress", () => {
  it("parseWhole() takes decimal digits within the range only", () => {
    expect(parseWhole("8", "--max-depth", 1n, 16n)).toBe(8n);
    for (const text of ["0", "17", "1e1", "0x10", "-1", "", "eight"]) {
      expect(() => parseWhole(text, "--max-depth", 1n, 16n)).toThrow(
        `--max-depth "${text}" must be a whole number from 1 to 16`,
      );
    }
  });
  it("parseAddress() accepts none, 0 and the zero address as no one only when allowed", () => {
    expect(parseAddress("none", "--to", true)).toBeNull();
    expect(parseAddress("0", "--to", true)).toBeNull();
    expect(parseAddress(`0x${"0".repeat(40)}`, "--to", true)).toBeNull();
    expect(parseAddress(` ${ALICE.toLowerCase()} `, "--to")).toBe(ALICE);
    expect(() => parseAddress("none", "--factory")).toThrow(
      "--factory none is not a valid address: it must start with 0x",
    );
    expect(() => parseAddress("0x00", "--to", true)).toThrow(
      "--to 0x00 is not a valid address: it has 2 hex digits after 0x instead of 40",
    );
  });
});
