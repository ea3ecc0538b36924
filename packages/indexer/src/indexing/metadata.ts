// Proposal metadata: fetched after the step that created the proposal has committed (never inside it),
// from `data:`, `https:` (or `http:`) and `ipfs:` URIs, checked against `metadataHash` (keccak256 of
// the document's bytes, or of the URI string when only the URI was hashed), cached by (URI, hash).
import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { type Hash, keccak256, toBytes } from "viem";
import type { StoreDb } from "../store/database.ts";
import { metadataDocuments, proposals } from "../store/schema.ts";

/**
 * A document's status: `pending` (being fetched), `ok`, `hash-mismatch`, `unreachable` (tried again
 * with backoff until `maxAttempts`), `invalid` (unsupported URI, not JSON, or no `title`).
 *
 * @example
 * ```ts
 * const status: MetadataStatus = "hash-mismatch";
 * ```
 */
export type MetadataStatus = "pending" | "ok" | "hash-mismatch" | "unreachable" | "invalid";

/**
 * Options of `createMetadataFetcher`.
 *
 * @example
 * ```ts
 * const options: MetadataFetcherOptions = { ipfsGateway: "http://127.0.0.1:8080/ipfs/", timeoutMs: 5_000 };
 * ```
 */
export interface MetadataFetcherOptions {
  /** Prefix an `ipfs://<cid>/<path>` URI's `<cid>/<path>` is appended to; without it, IPFS is unreachable. */
  ipfsGateway?: string | undefined;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** Largest document accepted (default 256 KiB). */
  maxBytes?: number;
  /** Attempts before an unreachable document is left alone (default 5). */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt (default 30 s). */
  retryDelayMs?: number;
  /** Documents fetched at once (default 4). */
  concurrency?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * The fetcher: `wake()` after each committed step (returns at once), `idle()` resolves when no fetch
 * is running or queued.
 *
 * @example
 * ```ts
 * const fetcher = createMetadataFetcher(store.db, {});
 * fetcher.wake();
 * await fetcher.idle();
 * ```
 */
export interface MetadataFetcher {
  wake(): void;
  idle(): Promise<void>;
}

/** Documents taken per round. */
const BATCH = 100;

/**
 * What one fetch found: the status and, when `ok`, the document.
 *
 * @example
 * ```ts
 * const found: FetchedDocument = { status: "ok", hashOf: "document", content: { title: "Hi" }, title: "Hi" };
 * ```
 */
export interface FetchedDocument {
  status: MetadataStatus;
  hashOf?: "document" | "uri";
  content?: unknown;
  title?: string;
  /** The document's `description`, when it is a string. */
  description?: string;
  /** The document's `options` (labels in option order), when it is an array of strings. */
  options?: string[];
  error?: string;
}

/**
 * Creates the background metadata fetcher for the proposals in `db`.
 *
 * @example
 * ```ts
 * const fetcher = createMetadataFetcher(store.db, { ipfsGateway: process.env.IPFS_GATEWAY });
 * ```
 */
export function createMetadataFetcher(
  db: StoreDb,
  options: MetadataFetcherOptions = {},
): MetadataFetcher {
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelay = options.retryDelayMs ?? 30_000;
  const concurrency = options.concurrency ?? 4;
  const now = options.now ?? Date.now;
  let running: Promise<void> | undefined;
  let again = false;

  const due = async () =>
    db
      .selectDistinct({ uri: proposals.metadataUri, hash: proposals.metadataHash })
      .from(proposals)
      .leftJoin(
        metadataDocuments,
        and(
          eq(metadataDocuments.uri, proposals.metadataUri),
          eq(metadataDocuments.hash, proposals.metadataHash),
        ),
      )
      .where(
        or(
          isNull(metadataDocuments.status),
          // Unreachable ones when their backoff ends; pending ones whose fetch died with its process.
          and(
            inArray(metadataDocuments.status, ["unreachable", "pending"]),
            sql`${metadataDocuments.attempts} < ${maxAttempts}`,
            lte(metadataDocuments.retryAt, BigInt(now())),
          ),
        ),
      )
      .limit(BATCH);

  const one = async (uri: string, hash: string) => {
    // A lease: a fetch that never finishes (the process died) is due again after it.
    const lease = BigInt(now() + 2 * (options.timeoutMs ?? 10_000));
    const [known] = await db
      .insert(metadataDocuments)
      .values({ uri, hash, status: "pending", attempts: 0, retryAt: lease })
      .onConflictDoUpdate({
        target: [metadataDocuments.uri, metadataDocuments.hash],
        set: { status: "pending", retryAt: lease },
      })
      .returning({ attempts: metadataDocuments.attempts });
    const attempts = (known?.attempts ?? 0) + 1;
    const result = await fetchDocument(uri, hash as Hash, options);
    await db
      .update(metadataDocuments)
      .set({
        status: result.status,
        hashOf: result.hashOf ?? null,
        content: result.content ?? null,
        title: result.title ?? null,
        description: result.description ?? null,
        options: result.options ?? null,
        error: result.error ?? null,
        attempts,
        retryAt:
          result.status === "unreachable" ? BigInt(now() + retryDelay * 2 ** (attempts - 1)) : null,
      })
      .where(and(eq(metadataDocuments.uri, uri), eq(metadataDocuments.hash, hash)));
  };

  // Documents stored before the `description`/`options` columns existed (migration 0002) get them
  // from their stored content, once per process: no refetch.
  let upgraded = false;
  const upgrade = async () => {
    const stored = await db
      .select({
        uri: metadataDocuments.uri,
        hash: metadataDocuments.hash,
        content: metadataDocuments.content,
      })
      .from(metadataDocuments)
      .where(
        and(
          eq(metadataDocuments.status, "ok"),
          isNull(metadataDocuments.description),
          isNull(metadataDocuments.options),
        ),
      );
    for (const doc of stored) {
      const fields = documentFields(doc.content);
      if (!fields || (fields.description === undefined && fields.options === undefined)) continue;
      await db
        .update(metadataDocuments)
        .set({ description: fields.description ?? null, options: fields.options ?? null })
        .where(and(eq(metadataDocuments.uri, doc.uri), eq(metadataDocuments.hash, doc.hash)));
    }
    upgraded = true;
  };

  const run = async () => {
    if (!upgraded) await upgrade();
    do {
      again = false;
      const queue = await due();
      // A full batch: there may be more due after it.
      if (queue.length === BATCH) again = true;
      const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await one(next.uri, next.hash);
      });
      await Promise.all(workers);
    } while (again);
  };

  return {
    wake() {
      if (running) {
        again = true;
        return;
      }
      running = run()
        .catch(() => {
          // A database error: the documents stay due and the next wake tries again.
        })
        .finally(() => {
          running = undefined;
        });
    },
    async idle() {
      while (running) await running;
    },
  };
}

/**
 * Fetches and checks one document (no database): what `createMetadataFetcher` stores for it.
 *
 * @example
 * ```ts
 * const doc = '{"title":"Hi"}';
 * const uri = `data:application/json,${encodeURIComponent(doc)}`;
 * (await fetchDocument(uri, keccak256(toBytes(doc)))).status; // "ok"
 * ```
 */
export async function fetchDocument(
  uri: string,
  hash: Hash,
  options: MetadataFetcherOptions = {},
): Promise<FetchedDocument> {
  let bytes: Uint8Array;
  try {
    const read = await readUri(uri, options);
    if (!("bytes" in read)) return read;
    bytes = read.bytes;
  } catch (cause) {
    return { status: "unreachable", error: (cause as Error).message };
  }
  let hashOf: "document" | "uri";
  if (keccak256(bytes) === hash.toLowerCase()) hashOf = "document";
  else if (keccak256(toBytes(uri)) === hash.toLowerCase()) hashOf = "uri";
  else {
    return {
      status: "hash-mismatch",
      error: `keccak256 of the document is ${keccak256(bytes)}, metadataHash is ${hash}`,
    };
  }
  let content: unknown;
  try {
    content = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { status: "invalid", hashOf, error: "not a UTF-8 JSON document" };
  }
  const fields = documentFields(content);
  if (!fields) return { status: "invalid", hashOf, error: "no string title" };
  return { status: "ok", hashOf, content, ...fields };
}

/**
 * What the API shows of a proposal document (the project's metadata convention, README "Proposal
 * metadata"): its `title` (required: without one the document is `invalid`), and its `description`
 * and `options` when they have the right shape (a string; an array of strings), else left out.
 *
 * @example
 * ```ts
 * documentFields({ title: "Venue", options: ["Hall", "Park"] });
 * // { title: "Venue", options: ["Hall", "Park"] }
 * documentFields({ description: "no title" }); // undefined
 * ```
 */
export function documentFields(
  content: unknown,
): Pick<FetchedDocument, "title" | "description" | "options"> | undefined {
  if (typeof content !== "object" || content === null) return undefined;
  const { title, description, options } = content as Record<string, unknown>;
  if (typeof title !== "string") return undefined;
  return {
    title,
    ...(typeof description === "string" ? { description } : {}),
    ...(Array.isArray(options) && options.every((o) => typeof o === "string")
      ? { options: options as string[] }
      : {}),
  };
}

async function readUri(
  uri: string,
  options: MetadataFetcherOptions,
): Promise<{ bytes: Uint8Array } | FetchedDocument> {
  const maxBytes = options.maxBytes ?? 256 * 1024;
  if (uri.startsWith("data:")) {
    const comma = uri.indexOf(",");
    if (comma < 0) return { status: "invalid", error: "malformed data: URI" };
    const header = uri.slice(5, comma);
    const body = uri.slice(comma + 1);
    const bytes = header.endsWith(";base64")
      ? new Uint8Array(Buffer.from(decodeURIComponent(body), "base64"))
      : toBytes(decodeURIComponent(body));
    if (bytes.length > maxBytes) return { status: "invalid", error: `over ${maxBytes} bytes` };
    return { bytes };
  }
  let url: string;
  if (uri.startsWith("ipfs://")) {
    if (!options.ipfsGateway) {
      return { status: "unreachable", error: "no IPFS gateway configured" };
    }
    url = `${options.ipfsGateway.replace(/\/?$/, "/")}${uri.slice("ipfs://".length).replace(/^ipfs\//, "")}`;
  } else if (uri.startsWith("https://") || uri.startsWith("http://")) {
    url = uri;
  } else {
    return { status: "invalid", error: "not a data:, https: or ipfs: URI" };
  }
  const response = await (options.fetch ?? fetch)(url, {
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    redirect: "follow",
  });
  if (!response.ok) return { status: "unreachable", error: `HTTP ${response.status}` };
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return { status: "invalid", error: `over ${maxBytes} bytes` };
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > maxBytes) return { status: "invalid", error: `over ${maxBytes} bytes` };
  return { bytes };
}
