import { encodeFunctionData, keccak256, parseAbiItem, stringToHex } from "viem";
import { describe, expect, it } from "vitest";
import { inlineMetadata, uriMetadata } from "../../input/metadata.ts";
import { parseAction, parseCall, parseWei, splitWords } from "./actions.ts";

const COMMUNITY = "0xB30dAf0240261Be564Cea33260F01213c47AAa0D";
const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const community = () => COMMUNITY as `0x${string}`;

describe("splitWords", () => {
  it("splitWords() keeps quoted words together", () => {
    expect(splitWords(`community createTopic(string) 'Climate policy' "a b" c`)).toEqual([
      "community",
      "createTopic(string)",
      "Climate policy",
      "a b",
      "c",
    ]);
  });
});

describe("parseCall", () => {
  it("parseCall() encodes a call to the community by name", () => {
    expect(parseCall("community setQuorum(uint16) 2500", community)).toEqual({
      target: COMMUNITY,
      value: 0n,
      data: encodeFunctionData({ abi: [parseAbiItem("function setQuorum(uint16)")], args: [2500] }),
    });
  });
  it("parseCall() converts addresses, booleans, bytes, strings and JSON arrays", () => {
    const { data } = parseCall(
      `${ALICE} f(address,bool,bytes4,string,uint256[]) ${ALICE.toLowerCase()} true 0x12345678 'two words' [1,"2"]`,
      community,
    );
    expect(data).toBe(
      encodeFunctionData({
        abi: [parseAbiItem("function f(address,bool,bytes4,string,uint256[])")],
        args: [ALICE, true, "0x12345678", "two words", [1n, 2n]],
      }),
    );
  });
  it.each([
    ["community", "must be '<target> <signature> <args…>'"],
    ["community setQuorum 1", 'signature "setQuorum" must look like'],
    ["community setQuorum(uint16)", "setQuorum takes 1 argument, got 0"],
    ["community setQuorum(uint16) 1 2", "setQuorum takes 1 argument, got 2"],
    ["community setQuorum(uint16) 2.5", '"2.5" must be a whole number'],
    ["community setQuorum(uint16) 70000", "--call setQuorum: "],
    ["community f(bool) yes", '"yes" must be true or false'],
    ["community f(uint256[]) 1,2", "must be a JSON array for uint256[]"],
    ["community f((uint256,bool)) x", "--call cannot spell a tuple"],
    [
      "0x1234 f()",
      "--call target 0x1234 is not a valid address: it has 4 hex digits after 0x instead of 40",
    ],
  ])("parseCall(%j) is refused: %s", (text, message) => {
    expect(() => parseCall(text, community)).toThrow(message);
  });
});

describe("parseAction", () => {
  it("parseAction() takes a target, a value in wei or ether, and calldata", () => {
    expect(parseAction(`${ALICE},0.5ether,0x`, community)).toEqual({
      target: ALICE,
      value: 500_000_000_000_000_000n,
      data: "0x",
    });
    expect(parseAction("community, 7, 0xabcd", community)).toEqual({
      target: COMMUNITY,
      value: 7n,
      data: "0xabcd",
    });
  });
  it.each([
    [`${ALICE},0`, "must be <target>,<value>,<calldata>"],
    [`${ALICE},0,0x123`, "must be 0x-prefixed hex bytes"],
    [`${ALICE},-1,0x`, "must be wei (a whole number) or ether like 0.5ether"],
    ["alice,0,0x", "--action target alice is not a valid address: it must start with 0x"],
  ])("parseAction(%j) is refused: %s", (text, message) => {
    expect(() => parseAction(text, community)).toThrow(message);
  });
  it("parseWei() reads wei and ether", () => {
    expect(parseWei("12")).toBe(12n);
    expect(parseWei("1ether")).toBe(10n ** 18n);
  });
});

describe("proposal metadata", () => {
  it("inlineMetadata() writes the document in key order, leaving out what is absent", () => {
    const document = '{"title":"Library hours"}';
    expect(inlineMetadata({ title: " Library hours ", description: "" })).toEqual({
      metadataURI: `data:application/json;base64,${Buffer.from(document).toString("base64")}`,
      metadataHash: keccak256(stringToHex(document)),
    });
    const full = '{"title":"Night","description":"Pick one","options":["Tue","Wed"]}';
    expect(
      inlineMetadata({ title: "Night", description: "Pick one", options: ["Tue", "Wed"] })
        .metadataHash,
    ).toBe(keccak256(stringToHex(full)));
  });
  it("uriMetadata() hashes the URI string", () => {
    expect(uriMetadata("ipfs://bafy")).toEqual({
      metadataURI: "ipfs://bafy",
      metadataHash: keccak256(stringToHex("ipfs://bafy")),
    });
  });
});
