import { describe, expect, it } from "vitest";
import { parseAgendaCsv, parseAgendaMarkdown } from "./agenda.ts";
import { parseCsv } from "./csv.ts";
import { CliInputError } from "./inputError.ts";
import { parseMembersCsv } from "./members.ts";
import { parseBallot, parseDuration, parsePercent, parseTopics } from "./values.ts";

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
    expect(() => parseCsv('a\n"broken,b', "m.csv")).toThrow("m.csv:2: unterminated quoted field");
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
    [`${ALICE},0`, "members.csv:1: weight 0 is outside 1..2^64-1"],
    [
      `${ALICE},18446744073709551616`,
      "members.csv:1: weight 18446744073709551616 is outside 1..2^64-1",
    ],
    [`${ALICE},2.5`, 'members.csv:1: weight "2.5" is not a whole number'],
    ["0x1234,3", 'members.csv:1: "0x1234" is not an address'],
    [`${ALICE},1,extra`, 'members.csv:1: expected "address,weight", found 3 fields'],
    [`${ALICE},1\n${ALICE.toLowerCase()},2`, `members.csv:2: ${ALICE} already appears on line 1`],
  ])("parseMembersCsv() rejects %j with a line number", (text, message) => {
    expect(() => parseMembersCsv(text, "members.csv")).toThrow(
      new CliInputError(message.replace(/^members\.csv:\d+: /, ""), {
        file: "members.csv",
        line: Number(/:(\d+):/.exec(message)?.[1]),
      }).message,
    );
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
      'a.csv:1: options "40" must be a whole number from 2 to 32',
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
    expect(() => parseBallot("yes")).toThrow('ballot "yes" must be an option number');
  });
});
