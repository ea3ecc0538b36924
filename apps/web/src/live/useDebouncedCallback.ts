"use client";
// Coalesces bursts of calls (a block with many ballots) into one.
import { useCallback, useEffect, useRef } from "react";

/**
 * A function that runs `callback` once, `delayMs` after the last of a burst of calls.
 * @example
 * const refresh = useDebouncedCallback(() => refetch(), 150);
 */
export function useDebouncedCallback(callback: () => void, delayMs: number): () => void {
  const latest = useRef(callback);
  latest.current = callback;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), delayMs);
  }, [delayMs]);
}
