// Which eth_getLogs failures are a range to split rather than a failure to retry as is.
import { ResponseBodyTooLargeError } from "viem";
import { describe, expect, it } from "vitest";
import { isRangeError } from "../../src/recount/retry.ts";

describe("isRangeError()", () => {
  it("isRangeError() splits on node refusals and on viem's response size limit, not on rate limits", () => {
    expect(
      isRangeError(new ResponseBodyTooLargeError({ maxSize: 10_485_760, size: 60_000_000 })),
    ).toBe(true);
    expect(isRangeError(new Error("query returned more than 10000 results"))).toBe(true);
    expect(isRangeError(new Error("Log response size exceeded."))).toBe(true);
    expect(isRangeError(new Error("rate limit exceeded: too many requests"))).toBe(false);
    expect(isRangeError(new Error("connection reset"))).toBe(false);
  });
});
