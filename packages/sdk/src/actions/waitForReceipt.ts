import type { Account, Chain, Client, Hash, TransactionReceipt, Transport } from "viem";
import { getTransactionReceipt, waitForTransactionReceipt } from "viem/actions";
import { getAction } from "viem/utils";

/** Parameters of {@link waitForReceipt}. */
export interface WaitForReceiptParameters {
  /** The transaction. */
  hash: Hash;
  /** How often to ask the node, in ms (default: the client's `pollingInterval`). */
  pollingInterval?: number | undefined;
  /** Give up after this many ms (default: viem's, 180 s). */
  timeout?: number | undefined;
}

/**
 * Waits for a transaction's receipt, whatever its status: viem's `waitForTransactionReceipt` (which
 * also follows a transaction the wallet replaced) raced against a plain poll of
 * `eth_getTransactionReceipt` at the same interval. The poll covers a race in the former on a chain
 * that mines only on demand (anvil, the demo): a block announced while it is still looking for a
 * replacement in the previous block is skipped, and with no later block the wait would only end at
 * its timeout. On a chain that keeps making blocks both end together.
 * @example
 * import { waitForReceipt } from "@plenum/sdk";
 * const receipt = await waitForReceipt(publicClient, { hash, pollingInterval: 250 });
 * if (receipt.status !== "success") console.log(`reverted in block ${receipt.blockNumber}`);
 */
export async function waitForReceipt(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  { hash, pollingInterval, timeout }: WaitForReceiptParameters,
): Promise<TransactionReceipt> {
  const interval = pollingInterval ?? client.pollingInterval;
  let settled = false;
  const poll = async (): Promise<TransactionReceipt> => {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, interval));
      if (settled) return new Promise<never>(() => {});
      try {
        return await getAction(client, getTransactionReceipt, "getTransactionReceipt")({ hash });
      } catch {
        // Not mined yet, or a failed request: viem's wait reports errors and the timeout.
      }
    }
  };
  const wait = getAction(
    client,
    waitForTransactionReceipt,
    "waitForTransactionReceipt",
  )({ hash, pollingInterval: interval, ...(timeout === undefined ? {} : { timeout }) });
  try {
    return await Promise.race([wait, poll()]);
  } finally {
    settled = true;
  }
}
