import { describe, expect, it } from "vitest";
import { formatBps, formatMass, percentOf } from "./mass.ts";

describe("formatMass", () => {
  it("formatMass() shows single-choice masses as whole weights", () => {
    expect(formatMass(77n, "single")).toBe("77");
    expect(formatMass("12345", "single")).toBe("12,345");
  });
  it("formatMass() shows quadratic masses as decimals of the SDK's 10^9 scale", () => {
    expect(formatMass(14_890_000_000n, "quadratic")).toBe("14.89");
    expect(formatMass(1_732_050_807n, "quadratic")).toBe("1.73");
    expect(formatMass(0n, "quadratic")).toBe("0.00");
  });
  it("formatMass() rounds half up at the last decimal", () => {
    expect(formatMass(1_005_000_000n, "quadratic")).toBe("1.01");
    expect(formatMass(1_004_999_999n, "quadratic")).toBe("1.00");
  });
});

describe("formatBps and percentOf", () => {
  it("formatBps() writes basis points as a percentage", () => {
    expect(formatBps(5684)).toBe("56.8%");
    expect(formatBps(7500)).toBe("75%");
    expect(formatBps(null)).toBe("–");
  });
  it("percentOf() is 0 of an empty whole", () => {
    expect(percentOf(1n, 4n)).toBe(25);
    expect(percentOf(3n, 0n)).toBe(0);
  });
});
