// Per-request batching (DataLoader): every relation field of one level of a response is answered by
// one statement, whatever the number of parents. Loaders are keyed by target, block, column and
// arguments, so siblings asking the same thing share a batch and a cache.
import DataLoader from "dataloader";
import type { EntityDef } from "./model.ts";
import {
  type ListArgs,
  latestByColumn,
  pagesByColumn,
  type QueryDb,
  type Row,
  rowsByColumn,
} from "./query.ts";

/**
 * The loaders of one request.
 *
 * @example
 * ```ts
 * const loaders = createLoaders(store);
 * const proposal = await loaders.one(entities.Proposal, undefined, "id").load(id);
 * ```
 */
export interface Loaders {
  /** The row whose `column` equals the key, or null. */
  one(entity: EntityDef, block: bigint | undefined, column: string): DataLoader<string, Row | null>;
  /** Of the rows whose `column` equals the key, the one with the highest block number, or null. */
  latest(
    entity: EntityDef,
    block: bigint | undefined,
    column: string,
  ): DataLoader<string, Row | null>;
  /** A page of the rows whose `column` equals the key. */
  many(
    entity: EntityDef,
    block: bigint | undefined,
    column: string,
    args: ListArgs,
  ): DataLoader<string, Row[]>;
  /** Any other batched read, under a key naming it (same key, same loader). */
  batch<V>(key: string, fetch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V>;
}

/**
 * Fresh loaders for one request (their cache lives as long as the request).
 *
 * @example
 * ```ts
 * const context = { db: store, loaders: createLoaders(store) };
 * ```
 */
export function createLoaders(db: QueryDb): Loaders {
  const cache = new Map<string, DataLoader<string, unknown>>();
  const get = <V>(key: string, batch: (keys: readonly string[]) => Promise<V[]>) => {
    let loader = cache.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch, { maxBatchSize: 1000 });
      cache.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  };
  const single =
    (fetch: typeof rowsByColumn, entity: EntityDef, block: bigint | undefined, column: string) =>
    async (keys: readonly string[]) => {
      const rows = await fetch(db, entity, block, column, keys);
      const by = new Map(rows.map((row) => [String(row[column]), row]));
      return keys.map((key) => by.get(key) ?? null);
    };
  return {
    batch: (key, fetch) => get(`batch|${key}`, fetch),
    one: (entity, block, column) =>
      get(`one|${entity.name}|${block}|${column}`, single(rowsByColumn, entity, block, column)),
    latest: (entity, block, column) =>
      get(
        `latest|${entity.name}|${block}|${column}`,
        single(latestByColumn, entity, block, column),
      ),
    many: (entity, block, column, args) =>
      get(
        `many|${entity.name}|${block}|${column}|${JSON.stringify(args)}`,
        async (keys: readonly string[]) => {
          const rows = await pagesByColumn(db, entity, block, column, keys, args);
          const by = new Map<string, Row[]>(keys.map((key) => [key, []]));
          for (const row of rows) by.get(String(row[column]))?.push(row);
          return keys.map((key) => by.get(key) ?? []);
        },
      ),
  };
}
