import { keccak256, stringToHex } from "viem";
import { describe, expect, it } from "vitest";
import { indexedProposalId, optionLabels } from "./tally.ts";

const inline = (json: string) => ({
  uri: `data:application/json;base64,${Buffer.from(json, "utf8").toString("base64")}`,
  hash: keccak256(stringToHex(json)),
});

describe("optionLabels", () => {
  it("reads the labels of an inline document whose hash matches", () => {
    const { uri, hash } = inline('{"title":"Où ?","options":["Salle","Parc","En ligne"]}');
    expect(optionLabels(uri, hash, 3)).toEqual(["Salle", "Parc", "En ligne"]);
  });

  it("ignores a document that does not match its hash, names the wrong number of options, or lives elsewhere", () => {
    const { uri, hash } = inline('{"title":"x","options":["Yes","No"]}');
    expect(optionLabels(uri, keccak256(stringToHex("other")), 2)).toBeUndefined();
    expect(optionLabels(uri, hash, 3)).toBeUndefined();
    expect(optionLabels("ipfs://bafy", keccak256(stringToHex("ipfs://bafy")), 2)).toBeUndefined();
    const untitled = inline('{"title":"x"}');
    expect(optionLabels(untitled.uri, untitled.hash, 2)).toBeUndefined();
  });
});

describe("indexedProposalId", () => {
  it("is the CAIP-10 community in lower case and the proposal id", () => {
    expect(indexedProposalId(31337, "0x8EFa1819Ff5B279077368d44B593a4543280e402", 12n)).toBe(
      "eip155:31337:0x8efa1819ff5b279077368d44b593a4543280e402-12",
    );
  });
});
