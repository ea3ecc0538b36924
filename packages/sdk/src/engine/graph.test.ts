import { describe, expect, it } from "vitest";
import { assertMaxDepth, maxChainLength } from "./graph.ts";
import { EngineInputError } from "./validate.ts";

function chain(length: number): Map<string, string> {
  const delegations = new Map<string, string>();
  for (let i = 0; i < length; i++) delegations.set(`m${i}`, `m${i + 1}`);
  return delegations;
}

describe("maxChainLength()", () => {
  it("maxChainLength() counts the edges of the longest chain", () => {
    expect(maxChainLength(new Map())).toBe(0);
    expect(maxChainLength(new Map([["a", "b"]]))).toBe(1);
    expect(
      maxChainLength(
        new Map([
          ["a", "b"],
          ["x", "y"],
          ["b", "c"],
          ["y", "z"],
          ["z", "c"],
          ["c", "d"],
        ]),
      ),
    ).toBe(4);
  });

  it("maxChainLength() handles a 100,000-edge chain without recursion", () => {
    // Inserted from the top down, so that the first walk covers the whole chain.
    const delegations = new Map([...chain(100_000)].reverse());
    expect(maxChainLength(delegations)).toBe(100_000);
  });

  it("maxChainLength() throws on a cycle, naming its members", () => {
    const delegations = new Map([
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
      ["d", "b"],
    ]);
    expect(() => maxChainLength(delegations)).toThrow(
      "delegations form a cycle (b -> c -> d -> b); the graph must be a forest",
    );
    expect(() => maxChainLength(new Map([["a", "a"]]))).toThrow("(a -> a)");
  });
});

describe("assertMaxDepth()", () => {
  it("assertMaxDepth() accepts chains up to the limit", () => {
    expect(() => assertMaxDepth(chain(8), 8)).not.toThrow();
    expect(() => assertMaxDepth(new Map(), 0)).not.toThrow();
  });

  it("assertMaxDepth() rejects a chain longer than the limit, naming it", () => {
    let error: unknown;
    try {
      assertMaxDepth(chain(3), 2);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EngineInputError);
    expect((error as EngineInputError).code).toBe("too-deep");
    expect((error as EngineInputError).members).toEqual(["m0", "m1", "m2", "m3"]);
    expect((error as EngineInputError).message).toBe(
      "delegation chain m0 -> m1 -> m2 -> m3 is 3 edges long; the limit is 2",
    );
  });
});
