// Sends a call builder's `{ to, data, value? }` as a raw transaction with the gas headroom the README
// describes, and explains a reverted receipt instead of just failing on it.
//
// Why the headroom: a bare `eth_estimateGas` runs in the second of the latest block. Weights, totals,
// delegations and subtree masses are checkpointed per second, so when the transaction is mined a second
// later (a loaded CI machine) each checkpoint needs a new storage slot (~20k gas) that the estimate did
// not pay for; the inner call runs out of gas and the receipt says `reverted`.
import type { Address, Hex, PublicClient, TransactionReceipt } from "viem";
import { decodeContractError } from "../../src/errors/decode.ts";
import type { clientsFor } from "./anvil.ts";

type Wallet = ReturnType<ReturnType<typeof clientsFor>["wallet"]>;

/** A call as the SDK's `.call()` builders return it. */
export interface RawCall {
  to: Address;
  data: Hex;
  value?: bigint;
}

/** A raw transaction that was mined but reverted, with what the node says about why. */
export class RawCallRevertedError extends Error {
  override name = "RawCallRevertedError";
  constructor(
    readonly receipt: TransactionReceipt,
    readonly reason: string,
  ) {
    super(
      `raw transaction ${receipt.transactionHash} reverted in block ${receipt.blockNumber} ` +
        `(gas used ${receipt.gasUsed}): ${reason}`,
    );
  }
}

interface TraceFrame {
  error?: string;
  revertReason?: string;
  to?: string;
  gas?: string;
  gasUsed?: string;
  calls?: TraceFrame[];
}

/** The innermost failing frame of a call trace: where "out of gas" or a custom error happened. */
function innermostError(frame: TraceFrame): TraceFrame | undefined {
  for (const child of frame.calls ?? []) {
    const found = innermostError(child);
    if (found) return found;
  }
  return frame.error ? frame : undefined;
}

/**
 * Why a mined transaction reverted: the innermost error of anvil's call trace, and the decoded revert
 * of the same call replayed with `eth_call` on the state the transaction saw (its block's parent).
 *
 * @example
 * const reason = await explainRevert(publicClient, receipt, { from, to, data, gas });
 */
export async function explainRevert(
  publicClient: PublicClient,
  receipt: TransactionReceipt,
  call: RawCall & { from: Address; gas: bigint },
): Promise<string> {
  const parts: string[] = [`gas limit ${call.gas}`];
  try {
    const trace = (await publicClient.request({
      method: "debug_traceTransaction",
      params: [receipt.transactionHash, { tracer: "callTracer" }],
    } as never)) as TraceFrame;
    const inner = innermostError(trace);
    if (inner) {
      parts.push(
        `trace: ${inner.error}${inner.revertReason ? ` (${inner.revertReason})` : ""} in a call to ` +
          `${inner.to} with ${BigInt(inner.gas ?? 0)} gas`,
      );
    }
  } catch (error) {
    parts.push(`no trace (${(error as Error).message.split("\n")[0]})`);
  }
  try {
    await publicClient.call({
      account: call.from,
      to: call.to,
      data: call.data,
      value: call.value,
      gas: call.gas,
      blockNumber: receipt.blockNumber - 1n,
    });
    parts.push(
      "eth_call on the parent block succeeds: the revert depends on the block itself " +
        "(its timestamp: checkpoints of a later second need new storage slots) or on gas",
    );
  } catch (error) {
    parts.push(
      `eth_call on the parent block: ${decodeContractError(error).message.split("\n")[0]}`,
    );
  }
  return parts.join("; ");
}

/**
 * The SDK's own headroom (`estimateWithHeadroom` in `src/actions/internal/write.ts`, which needs an
 * ABI call rather than raw calldata): a quarter more plus 40,000.
 *
 * @example
 * const gas = withHeadroom(await publicClient.estimateGas({ account, to, data }));
 */
export function withHeadroom(estimate: bigint): bigint {
  return (estimate * 5n) / 4n + 40_000n;
}

/**
 * Sends `call` from `wallet` with the SDK's gas headroom, waits for the receipt and throws a
 * {@link RawCallRevertedError} naming the revert reason if it did not succeed.
 *
 * @example
 * const receipt = await sendRaw(world.admin, publicClient, addMembers.call({ community, members }));
 */
export async function sendRaw(
  wallet: Wallet,
  publicClient: PublicClient,
  call: RawCall,
): Promise<TransactionReceipt> {
  const request = { account: wallet.account, ...call };
  const gas = withHeadroom(await publicClient.estimateGas(request));
  const hash = await wallet.sendTransaction({ ...request, gas });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") {
    const from = wallet.account.address;
    throw new RawCallRevertedError(
      receipt,
      await explainRevert(publicClient, receipt, { ...call, from, gas }),
    );
  }
  return receipt;
}
