// Waking the follower when the chain has a new head: a timer (polling) always, and an
// `eth_subscribe("newHeads")` over WebSocket when a URL is given and the node offers it.
import { webSocket } from "viem";
import type { Logger } from "../internal/logger.ts";
import type { SyncStats } from "./rpc.ts";

/**
 * Options of {@link createHeadWatcher}.
 *
 * @example
 * ```ts
 * const options: HeadWatcherOptions = { webSocketUrl: "ws://127.0.0.1:8545", stats, logger };
 * ```
 */
export interface HeadWatcherOptions {
  /** `ws://` or `wss://` URL of the node; without it the follower only polls. */
  webSocketUrl?: string | undefined;
  signal?: AbortSignal | undefined;
  stats: SyncStats;
  logger: Logger;
  /** Longest wait for the subscription to start in `ready` (default 5,000 ms). */
  connectTimeoutMs?: number | undefined;
}

/**
 * Wakes the follower early: `wait(ms)` resolves after `ms`, or as soon as a head arrives over the
 * WebSocket (or one arrived since the last wait), or on abort. `ready` resolves once the
 * subscription runs, failed, or took too long. A failing subscription only logs: polling goes on.
 *
 * @example
 * ```ts
 * const heads = createHeadWatcher({ webSocketUrl: "ws://127.0.0.1:8545", stats, logger });
 * await heads.ready;
 * await heads.wait(1_000);
 * heads.close();
 * ```
 */
export function createHeadWatcher(options: HeadWatcherOptions) {
  const { stats, logger, signal } = options;
  let pending = false;
  let closed = false;
  let wake: (() => void) | undefined;
  let unsubscribe: (() => Promise<unknown>) | undefined;
  let closeSocket: (() => Promise<void>) | undefined;
  let ready: Promise<void> = Promise.resolve();

  const failed = (error: unknown) => {
    stats.wsActive = false;
    if (closed) return;
    logger.warn("newHeads subscription failed; polling", {
      error:
        (error as { shortMessage?: string }).shortMessage ??
        (error as Error).message ??
        String(error),
    });
  };

  if (options.webSocketUrl) {
    const transport = webSocket(options.webSocketUrl, { reconnect: true, keepAlive: true })({});
    closeSocket = async () => (await transport.value?.getRpcClient())?.close();
    const subscribed = (async () => {
      const subscription = await transport.value?.subscribe({
        params: ["newHeads"],
        onData: () => {
          stats.wsHeads++;
          pending = true;
          wake?.();
        },
        onError: failed,
      });
      unsubscribe = subscription?.unsubscribe;
      stats.wsActive = !closed;
    })().catch(failed);
    const timeout = new Promise<void>((resolve) =>
      setTimeout(resolve, options.connectTimeoutMs ?? 5_000).unref(),
    );
    ready = Promise.race([subscribed, timeout]);
  }

  return {
    ready,
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
      closed = true;
      stats.wsActive = false;
      const stop = async () => {
        await unsubscribe?.().catch(() => undefined);
        await closeSocket?.();
      };
      stop().catch(() => undefined);
    },
  };
}
