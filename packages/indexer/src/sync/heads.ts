// Waking the follower when the chain has a new head: a timer (polling) always, and an
// `eth_subscribe("newHeads")` over WebSocket when a URL is given and the node offers it.
import { createPublicClient, webSocket } from "viem";
import type { Logger } from "../internal/logger.ts";
import type { SyncStats } from "./rpc.ts";

/** Options of {@link createHeadWatcher}. */
export interface HeadWatcherOptions {
  /** `ws://` or `wss://` URL of the node; without it the follower only polls. */
  webSocketUrl?: string | undefined;
  signal?: AbortSignal | undefined;
  stats: SyncStats;
  logger: Logger;
}

/**
 * Wakes the follower early: `wait(ms)` resolves after `ms`, or as soon as a head arrives over the
 * WebSocket (or one arrived since the last wait), or on abort. A failing subscription only logs:
 * polling goes on, and viem reconnects the socket.
 *
 * @example
 * ```ts
 * const heads = createHeadWatcher({ webSocketUrl: "ws://127.0.0.1:8545", stats, logger });
 * await heads.wait(1_000);
 * heads.close();
 * ```
 */
export function createHeadWatcher(options: HeadWatcherOptions) {
  const { stats, logger, signal } = options;
  let pending = false;
  let wake: (() => void) | undefined;
  let unwatch: (() => void) | undefined;
  let closeSocket: (() => Promise<void>) | undefined;

  if (options.webSocketUrl) {
    const transport = webSocket(options.webSocketUrl, { reconnect: true, keepAlive: true });
    const client = createPublicClient({ transport });
    unwatch = client.watchBlockNumber({
      // Subscribe (eth_subscribe "newHeads") rather than poll over the socket.
      poll: false as never,
      onBlockNumber: () => {
        stats.wsHeads++;
        stats.wsActive = true;
        pending = true;
        wake?.();
      },
      onError: (error) => {
        stats.wsActive = false;
        logger.warn("newHeads subscription failed; polling", {
          error: (error as { shortMessage?: string }).shortMessage ?? error.message,
        });
      },
    });
    closeSocket = async () => {
      const rpcClient = await client.transport.getRpcClient();
      rpcClient.close();
    };
  }

  return {
    wait(ms: number): Promise<void> {
      if (pending || signal?.aborted) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          wake = undefined;
          pending = false;
          resolve();
        };
        const timer = setTimeout(done, ms);
        wake = done;
        signal?.addEventListener("abort", done, { once: true });
      });
    },
    close(): void {
      unwatch?.();
      stats.wsActive = false;
      closeSocket?.().catch(() => undefined);
    },
  };
}
