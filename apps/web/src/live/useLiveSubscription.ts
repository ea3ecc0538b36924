"use client";
// A GraphQL subscription held open while a component is mounted, reopened after a lost connection.
import type { TadaDocumentNode } from "gql.tada";
import { useEffect, useRef, useState } from "react";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { openTyped } from "../graphql/request.ts";

/** Whether updates are arriving: `connecting` first, `live` once open, `reconnecting` after a loss. */
export type LiveStatus = "connecting" | "live" | "reconnecting";

/** Wait before reopening a lost subscription (ms). */
const RETRY_MS = 1_500;

/**
 * Subscribes to `document` with `variables` (through the SDK's `subscribeIndexer`) and calls `onData`
 * for each result; `onOpen` runs each time the subscription (re)opens, so the caller can re-read what
 * it may have missed (a read started before the subscription was in place can miss an update).
 * Returns the connection's status.
 * @example
 * const status = useLiveSubscription(BallotsSubscription, { proposal: id }, () => refetch(), () => refetch());
 */
export function useLiveSubscription<result, variables extends Record<string, unknown>>(
  document: TadaDocumentNode<result, variables>,
  variables: variables | undefined,
  onData: (data: result) => void,
  onOpen?: () => void,
): LiveStatus {
  const { indexerUrl } = useAppConfig();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const handlers = useRef({ onData, onOpen });
  handlers.current = { onData, onOpen };
  const key = JSON.stringify(variables ?? {});

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `variables`.
  useEffect(() => {
    const controller = new AbortController();
    const run = async () => {
      while (!controller.signal.aborted) {
        try {
          const results = await openTyped(indexerUrl, document, variables, controller.signal);
          setStatus("live");
          handlers.current.onOpen?.();
          for await (const data of results) handlers.current.onData(data);
        } catch {
          // A lost connection or a refused query: try again below.
        }
        if (controller.signal.aborted) return;
        setStatus("reconnecting");
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    };
    void run();
    return () => controller.abort();
  }, [indexerUrl, document, key]);

  return status;
}
