import {
  type Address,
  type Chain,
  type Hash,
  type Hex,
  keccak256,
  type LocalAccount,
  type PublicClient,
} from "viem";
import type { Logger } from "../internal/logger.ts";
import { isTransportError, toRelayerError } from "./chainErrors.ts";
import { RelayerError } from "./errors.ts";

/** A transaction the relayer pays for: a contract call with its gas limit. */
export interface Submission {
  to: Address;
  data: Hex;
  gas: bigint;
}

/** Sends transactions from one account, one at a time, with nonces that never collide. */
export interface Submitter {
  /**
   * Signs and broadcasts `submission`; resolves with its hash once the node has accepted it. The
   * same `submission` (same `to` and `data`) sent again within the dedupe window resolves with the
   * first hash and sends nothing.
   */
  submit(submission: Submission): Promise<{ hash: Hash; duplicate: boolean }>;
  /**
   * The hash of `to`+`data` if it was sent within the dedupe window, so that a retry skips all
   * checks; a send whose outcome was unknown counts if the node now knows its hash.
   */
  lookup(submission: Pick<Submission, "to" | "data">): Promise<Hash | undefined>;
  /** Forgets a sent call, so that the next identical submission is sent again. */
  forget(submission: Pick<Submission, "to" | "data">): void;
  /** Transactions accepted by the node since start. */
  sent(): number;
}

/** Options of {@link createSubmitter}. */
export interface SubmitterOptions {
  client: PublicClient;
  account: LocalAccount;
  chain: () => Promise<Chain>;
  logger: Logger;
  /** Broadcast attempts of one signed transaction when the node cannot be reached. 4 by default. */
  broadcastAttempts?: number;
  /** Delay before the first rebroadcast; doubles each time. 250 ms by default. */
  retryDelayMs?: number;
  /** How long a sent call is remembered for deduplication. 1 hour by default. */
  dedupeWindowMs?: number;
  /** Most calls remembered. 10,000 by default. */
  dedupeEntries?: number;
  /** How long a fee estimate is reused. 2 s by default. */
  feeCacheMs?: number;
}

interface Recent {
  hash: Hash;
  /** `sent`: the node accepted it. `unknown`: the broadcast never got an answer. */
  status: "sent" | "unknown";
  at: number;
}

const accepted = /already known|known transaction|already imported|alreadyknown|already exists/i;
const nonceTaken = /nonce too low|nonce has already been used|oldnonce|invalid nonce/i;

/**
 * One queue of sends for the relayer's account. Sends are serialised, so two requests never sign
 * with the same nonce; the nonce is tracked here, read from the node's pending count whenever it
 * is unknown (at start, after an unknown outcome, after "nonce too low" for a hash the node lacks).
 * A signed transaction is rebroadcast as is (same hash) when the node cannot be reached, so a retry
 * can never produce a second transaction; if no attempt got an answer, the call is remembered as
 * `unknown`, the nonce is read from the node again before the next send, and a later identical
 * request first asks the node whether that hash arrived.
 * @example
 * const submitter = createSubmitter({ client, account, chain: async () => chain, logger });
 * const { hash } = await submitter.submit({ to: community, data, gas: 400_000n });
 */
export function createSubmitter(options: SubmitterOptions): Submitter {
  const { client, account, logger } = options;
  const attempts = options.broadcastAttempts ?? 4;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const dedupeWindowMs = options.dedupeWindowMs ?? 3_600_000;
  const dedupeEntries = options.dedupeEntries ?? 10_000;
  const feeCacheMs = options.feeCacheMs ?? 2_000;
  // Invariant: when set, `nextNonce` is the nonce of the next transaction this account has not
  // broadcast; it is cleared whenever a broadcast's fate is unknown.
  let nextNonce: number | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let sentCount = 0;
  const recent = new Map<Hex, Recent>();

  const remember = (key: Hex, entry: Recent) => {
    recent.delete(key);
    recent.set(key, entry);
    const cutoff = Date.now() - dedupeWindowMs;
    for (const [oldKey, old] of recent) {
      if (recent.size <= dedupeEntries && old.at >= cutoff) break;
      recent.delete(oldKey);
    }
  };

  const known = async (hash: Hash): Promise<boolean> => {
    try {
      await client.getTransaction({ hash });
      return true;
    } catch (error) {
      if (isTransportError(error)) throw error;
      return false; // TransactionNotFoundError
    }
  };

  /** Broadcasts `raw`; true once the node has it, false if it refused it for its nonce. */
  const broadcast = async (raw: Hex, hash: Hash): Promise<boolean> => {
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(retryDelayMs * 2 ** (attempt - 1));
      try {
        await client.sendRawTransaction({ serializedTransaction: raw });
        return true;
      } catch (error) {
        lastError = error;
        const text = String((error as { details?: unknown }).details ?? "");
        const message = `${text} ${(error as Error).message ?? ""}`;
        if (accepted.test(message)) return true;
        if (nonceTaken.test(message)) {
          // Either an earlier attempt of this very transaction got through (its answer was lost)
          // or another sender used this nonce.
          return await known(hash);
        }
        if (!isTransportError(error)) throw error;
      }
    }
    throw lastError;
  };

  // Fee estimates are reused for a couple of seconds (about a block), not fetched per send.
  let fees:
    | { at: number; value: Promise<{ maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }> }
    | undefined;
  const feesPerGas = (chain: Chain) => {
    if (!fees || Date.now() - fees.at > feeCacheMs) {
      const value = client.estimateFeesPerGas({ chain });
      fees = { at: Date.now(), value };
      value.catch(() => {
        fees = undefined;
      });
    }
    return fees.value;
  };

  const keyOf = (submission: Pick<Submission, "to" | "data">) =>
    keccak256(`${submission.to.toLowerCase()}${submission.data.slice(2)}` as Hex);

  const send = async (submission: Submission): Promise<{ hash: Hash; duplicate: boolean }> => {
    const key = keyOf(submission);
    const previous = recent.get(key);
    if (previous?.status === "sent" && Date.now() - previous.at < dedupeWindowMs) {
      return { hash: previous.hash, duplicate: true };
    }
    if (previous?.status === "unknown") {
      if (await known(previous.hash).catch(() => false)) {
        remember(key, { hash: previous.hash, status: "sent", at: Date.now() });
        return { hash: previous.hash, duplicate: true };
      }
      recent.delete(key);
    }
    const chain = await options.chain();
    // Two tries: the second only if another sender took our nonce.
    for (let round = 0; round < 2; round++) {
      // The node's count is read only when the local one is unknown (at start, after a send whose
      // fate is unknown, after another sender took a nonce); otherwise sends would wait on it.
      const nonce =
        nextNonce ??
        (await client.getTransactionCount({ address: account.address, blockTag: "pending" }));
      const fees = await feesPerGas(chain);
      const raw = await account.signTransaction({
        type: "eip1559",
        chainId: chain.id,
        to: submission.to,
        data: submission.data,
        gas: submission.gas,
        nonce,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      });
      const hash = keccak256(raw);
      let ok: boolean;
      try {
        ok = await broadcast(raw, hash);
      } catch (error) {
        if (isTransportError(error)) {
          nextNonce = undefined;
          remember(key, { hash, status: "unknown", at: Date.now() });
          logger.warn("broadcast outcome unknown", { transactionHash: hash, nonce });
          throw new RelayerError(
            "RPC_UNAVAILABLE",
            "the relayer could not reach its node to send the transaction; it may or may not have been sent, and sending the same request again is safe",
            { transactionHash: hash },
            { retryAfter: 5, cause: error },
          );
        }
        // A definite refusal (underpriced, unfunded, …): the nonce stays free.
        throw toRelayerError(error);
      }
      if (!ok) {
        logger.warn("nonce taken by another sender; resyncing", { nonce });
        nextNonce = undefined;
        continue;
      }
      nextNonce = nonce + 1;
      sentCount++;
      remember(key, { hash, status: "sent", at: Date.now() });
      logger.info("transaction sent", { transactionHash: hash, nonce });
      return { hash, duplicate: false };
    }
    throw new RelayerError(
      "RPC_ERROR",
      "the relayer's account nonce keeps being taken by another sender",
      {},
      { retryAfter: 5 },
    );
  };

  return {
    submit(submission) {
      const result = queue.then(() => send(submission));
      queue = result.catch(() => undefined);
      return result;
    },
    async lookup(submission) {
      const key = keyOf(submission);
      const entry = recent.get(key);
      if (!entry || Date.now() - entry.at >= dedupeWindowMs) return undefined;
      if (entry.status === "sent") return entry.hash;
      // An earlier broadcast whose outcome is unknown: if the node has it, it was sent after all.
      if (!(await known(entry.hash).catch(() => false))) return undefined;
      remember(key, { hash: entry.hash, status: "sent", at: Date.now() });
      return entry.hash;
    },
    forget(submission) {
      recent.delete(keyOf(submission));
    },
    sent: () => sentCount,
  };
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
