import { describe, expect, it } from "vitest";
import { quadraticBudget } from "./quadraticBudget.ts";

const voter = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("quadraticBudget", () => {
  it("quadraticBudget() costs an allocation Σ v² and tells what is left", () => {
    expect(quadraticBudget([3n, 4n], 26n, voter)).toEqual({
      cost: 25n,
      credits: 26n,
      left: 1n,
      over: false,
      refusal: undefined,
    });
  });
  it("quadraticBudget() spends the budget exactly", () => {
    expect(quadraticBudget([1n, 1n, 1n, 0n], 3n, voter).over).toBe(false);
  });
  it("quadraticBudget() refuses one credit too many with the SDK's numbers", () => {
    const budget = quadraticBudget([2n, 0n, 0n, 0n], 3n, voter);
    expect(budget.over).toBe(true);
    expect(budget.left).toBe(0n);
    expect(budget.refusal).toBe("quadratic ballot costs 4 credits, you have 3");
  });
});
