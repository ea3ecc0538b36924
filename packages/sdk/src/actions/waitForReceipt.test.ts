import { createClient, custom, type Hash } from "viem";
import { describe, expect, it } from "vitest";
import { waitForSuccess } from "./internal/write.ts";
import { waitForReceipt } from "./waitForReceipt.ts";

const HASH = `0x${"ab".repeat(32)}` as Hash;
const SENDER = `0x${"11".repeat(20)}`;
const BLOCK = "0x10";

/** A node that mines on demand and has gone idle: its block number never moves again. */
function idleNode(receiptAfterCalls: number, status: "0x1" | "0x0" = "0x1") {
  let receiptCalls = 0;
  const calls: string[] = [];
  const request = async ({ method }: { method: string }) => {
    calls.push(method);
    switch (method) {
      case "eth_chainId":
        return "0x7a69";
      case "eth_blockNumber":
        return BLOCK;
      case "eth_getTransactionByHash":
        return {
          hash: HASH,
          from: SENDER,
          to: SENDER,
          nonce: "0x1",
          value: "0x0",
          input: "0x",
          gas: "0x5208",
          gasPrice: "0x1",
          type: "0x0",
          blockHash: null,
          blockNumber: null,
          transactionIndex: null,
          v: "0x1b",
          r: "0x1",
          s: "0x1",
        };
      case "eth_getBlockByNumber":
        return {
          number: BLOCK,
          hash: `0x${"cd".repeat(32)}`,
          parentHash: `0x${"00".repeat(32)}`,
          timestamp: "0x1",
          transactions: [],
        };
      case "eth_getTransactionReceipt":
        receiptCalls += 1;
        if (receiptCalls <= receiptAfterCalls) return null;
        return {
          transactionHash: HASH,
          blockHash: `0x${"ef".repeat(32)}`,
          blockNumber: BLOCK,
          transactionIndex: "0x0",
          from: SENDER,
          to: SENDER,
          cumulativeGasUsed: "0x5208",
          gasUsed: "0x5208",
          effectiveGasPrice: "0x1",
          contractAddress: null,
          logs: [],
          logsBloom: `0x${"00".repeat(256)}`,
          status,
          type: "0x0",
        };
      default:
        throw new Error(`unexpected ${method}`);
    }
  };
  return { client: createClient({ transport: custom({ request }), pollingInterval: 20 }), calls };
}

describe("waitForSuccess", () => {
  it("finds a receipt that appears after the last block was announced (an idle anvil)", async () => {
    // viem's own wait checks the receipt once per new block; here no block follows, so only the
    // plain receipt poll can see the transaction mined.
    const { client, calls } = idleNode(3);
    const receipt = await waitForSuccess(client, HASH, { timeout: 5_000 });
    expect(receipt.transactionHash).toBe(HASH);
    expect(receipt.blockNumber).toBe(16n);
    expect(calls.filter((m) => m === "eth_getTransactionReceipt").length).toBe(4);
  });

  it("waitForReceipt hands back a reverted receipt as it is", async () => {
    const { client } = idleNode(2, "0x0");
    const receipt = await waitForReceipt(client, { hash: HASH, timeout: 5_000 });
    expect(receipt.status).toBe("reverted");
  });

  it("still names a reverted transaction", async () => {
    const { client } = idleNode(1, "0x0");
    await expect(waitForSuccess(client, HASH, { timeout: 5_000 })).rejects.toThrow(
      `transaction ${HASH} reverted`,
    );
  });

  it("still ends at the timeout when the transaction is never mined", async () => {
    const { client } = idleNode(Number.POSITIVE_INFINITY);
    await expect(waitForSuccess(client, HASH, { timeout: 300 })).rejects.toThrow(
      /Timed out while waiting for transaction/,
    );
  });
});
