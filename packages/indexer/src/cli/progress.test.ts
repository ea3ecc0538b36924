import { describe, expect, it } from "vitest";
import { etaSeconds, progressBar } from "./progress.ts";

describe("backfill progress", () => {
  it("estimates the time left from the rate so far", () => {
    expect(etaSeconds({ fromBlock: 100n, startedMs: 1_000 }, 300n, 1_100n, 5_000)).toBe(16);
    expect(etaSeconds({ fromBlock: 100n, startedMs: 1_000 }, 100n, 1_100n, 5_000)).toBeUndefined();
    expect(etaSeconds({ fromBlock: 100n, startedMs: 1_000 }, 1_100n, 1_100n, 5_000)).toBe(0);
  });

  it("draws the bar", () => {
    expect(progressBar(500n, 1_000n, 10, 65)).toBe(
      "backfill [##########----------]  50%  block 500/1000  10 events  ETA 1m05s",
    );
    expect(progressBar(1_000n, 1_000n, 0, undefined)).toBe(
      "backfill [####################] 100%  block 1000/1000  0 events",
    );
  });
});
