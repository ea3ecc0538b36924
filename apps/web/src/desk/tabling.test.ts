import { describe, expect, it } from "vitest";
import { tableAgenda, tableProposal } from "./tabling.ts";

describe("tabling", () => {
  it("tableProposal() carries the options in the metadata and counts them", () => {
    const result = tableProposal({
      title: " Library hours ",
      description: "",
      options: "Mornings\n\nEvenings\n",
      topic: 1,
      mode: "quadratic",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.titles).toEqual(["Library hours"]);
    expect(result.proposals[0]).toMatchObject({ topic: 1, mode: "quadratic", optionCount: 2 });
    const uri = result.proposals[0]?.metadataURI ?? "";
    const json = JSON.parse(atob(uri.slice("data:application/json;base64,".length)));
    expect(json).toEqual({ title: "Library hours", options: ["Mornings", "Evenings"] });
  });
  it("tableProposal() refuses fewer than two options", () => {
    expect(
      tableProposal({ title: "x", description: "", options: "Only", topic: 0, mode: "single" }),
    ).toEqual({ ok: false, problems: ["a proposal needs 2 to 32 options, one per line, not 1"] });
  });
  it("tableAgenda() reads Markdown and CSV with the SDK's parser, problems by line", () => {
    const md = tableAgenda({
      text: "# Day 1\n1. Library hours\n2. Bus levy <ipfs://bafy>",
      format: "markdown",
      topic: 0,
      mode: "single",
      optionCount: 2,
    });
    expect(md.ok && md.titles).toEqual(["Library hours", "Bus levy"]);
    expect(md.ok && md.proposals[1]?.metadataURI).toBe("ipfs://bafy");
    const empty = tableAgenda({
      text: "# nothing",
      format: "markdown",
      topic: 0,
      mode: "single",
      optionCount: 2,
    });
    expect(empty).toEqual({ ok: false, problems: ["no list items found (use - or 1. lines)"] });
  });
});
