// The relayer's community list from the indexer's store, when the relayer is mounted in `plenum-indexer`.
import { sql } from "drizzle-orm";
import { type Address, getAddress } from "viem";
import type { Database } from "../store/database.ts";
import type { CommunitiesDescription, CommunityRegistry } from "./communities.ts";

/**
 * Options of {@link createStoreCommunityRegistry}.
 *
 * @example
 * ```ts
 * const options: StoreCommunityRegistryOptions = { db: store, chainId: 31337, allowList: [] };
 * ```
 */
export interface StoreCommunityRegistryOptions {
  /** The indexer's store (anything that runs raw SQL on it). */
  db: Pick<Database, "query">;
  /** The chain the relayer sends on; communities of other chains in the store are not served. */
  chainId?: number | undefined;
  /** When not empty, only these of the indexed communities are served. */
  allowList?: readonly Address[] | undefined;
}

/**
 * The relayer's community list when it is mounted in the indexer: a community is served while the
 * store holds its `CommunityCreated` (so from the step that indexed it, and no longer once a reorg
 * removed it), and, with an allow-list, only if the list names it. Each question is one indexed
 * lookup in the store; nothing is scanned or cached.
 *
 * @example
 * ```ts
 * const registry = createStoreCommunityRegistry({ db: store, chainId: 31337 });
 * const relayer = createRelayer(config, { registry });
 * ```
 */
export function createStoreCommunityRegistry(
  options: StoreCommunityRegistryOptions,
): CommunityRegistry {
  const allowList = new Set((options.allowList ?? []).map((address) => getAddress(address)));
  const chain = options.chainId === undefined ? sql`TRUE` : sql`chain_id = ${options.chainId}`;
  return {
    async isServed(community) {
      const address = getAddress(community);
      if (allowList.size > 0 && !allowList.has(address)) return false;
      const rows = await options.db.query(
        sql`SELECT 1 FROM communities WHERE address = ${address.toLowerCase()} AND ${chain} LIMIT 1`,
      );
      return rows.length > 0;
    },
    async describe(): Promise<CommunitiesDescription> {
      const [row] = await options.db.query(
        sql`SELECT (SELECT count(*) FROM communities WHERE ${chain}) AS n,
          (SELECT block_number FROM sync_cursor ORDER BY block_number DESC LIMIT 1) AS block`,
      );
      return {
        source: "indexer",
        allowList: [...allowList],
        indexedCommunities: Number(row?.n ?? 0),
        indexedBlock: row?.block === null || row?.block === undefined ? null : String(row.block),
      };
    },
  };
}
