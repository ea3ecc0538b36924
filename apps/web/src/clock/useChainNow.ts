"use client";
// The chain's clock as seen from the browser. Proposals end at a chain timestamp, and a local demo
// chain runs ahead of the wall clock (its time is moved forward), so "time left" is measured against
// the chain: the pending block's timestamp (the latest block's where "pending" is not served), then
// advanced with the local clock.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
// The action alone, not a public client: `usePublicClient` extends the client with every public
// action (signature recovery, multicall, CCIP…), which would all land in the first load.
import { getBlock } from "viem/actions";
import { useClient } from "wagmi";

/** How often the chain's clock is read again (ms). */
const RESYNC_MS = 30_000;

/**
 * The chain's current time in Unix seconds (undefined until first read), ticking every `tickMs`.
 * @example
 * const now = useChainNow();
 * const left = now === undefined ? undefined : proposal.voteEnd - now;
 */
export function useChainNow(tickMs = 5_000): bigint | undefined {
  const client = useClient();
  const { data: offset } = useQuery({
    queryKey: ["chain-clock-offset", client?.chain.id],
    enabled: Boolean(client),
    refetchInterval: RESYNC_MS,
    queryFn: async () => {
      if (!client) return 0;
      const local = Date.now() / 1000;
      const block = await getBlock(client, { blockTag: "pending" }).catch(() =>
        getBlock(client, { blockTag: "latest" }),
      );
      return Math.max(0, Number(block.timestamp) - local);
    },
  });
  const [wall, setWall] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWall(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  if (offset === undefined) return undefined;
  return BigInt(Math.floor(wall / 1000 + offset));
}
