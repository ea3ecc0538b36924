import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, matchesFilters } from "./filters.ts";

const bill = { id: "p-1", topic: 0, mode: "single" as const };

describe("matchesFilters", () => {
  it("matchesFilters() shows everything by default", () => {
    expect(matchesFilters(bill, "closed", DEFAULT_FILTERS, undefined)).toBe(true);
  });
  it("matchesFilters() keeps open or closed proposals as asked", () => {
    expect(matchesFilters(bill, "open", { ...DEFAULT_FILTERS, status: "closed" }, undefined)).toBe(
      false,
    );
    expect(
      matchesFilters(bill, "executed", { ...DEFAULT_FILTERS, status: "closed" }, undefined),
    ).toBe(true);
  });
  it("matchesFilters() filters by topic and mode", () => {
    expect(matchesFilters(bill, "open", { ...DEFAULT_FILTERS, topic: 1 }, undefined)).toBe(false);
    expect(matchesFilters(bill, "open", { ...DEFAULT_FILTERS, mode: "quadratic" }, undefined)).toBe(
      false,
    );
  });
  it("matchesFilters() keeps only proposals awaiting the member's vote", () => {
    const filters = { ...DEFAULT_FILTERS, needsMyVote: true };
    expect(matchesFilters(bill, "open", filters, new Set(["p-1"]))).toBe(true);
    expect(matchesFilters(bill, "open", filters, new Set())).toBe(false);
  });
});
