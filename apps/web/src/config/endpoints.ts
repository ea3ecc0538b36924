// The two endpoints the browser talks to, from the environment (no SDK import: the proxy reads them
// on every request to build the Content-Security-Policy).
import { AppConfigError } from "./appConfig.ts";

type Env = Record<string, string | undefined>;

/**
 * An http(s) URL from the environment variable `name`, else `fallback`, without a trailing slash.
 * @throws AppConfigError when the value is not an http(s) URL.
 * @example
 * readUrl({ PLENUM_RPC_URL: "http://127.0.0.1:9245/" }, "PLENUM_RPC_URL", "http://127.0.0.1:8545")
 * // "http://127.0.0.1:9245"
 */
export function readUrl(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  try {
    const parsed = new URL(value);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error(parsed.protocol);
    return parsed.toString().replace(/\/$/, "");
  } catch {
    throw new AppConfigError(`${name}=${value} is not an http(s) URL.`);
  }
}

/**
 * The RPC and indexer URLs: `PLENUM_RPC_URL` (default http://127.0.0.1:8545) and
 * `PLENUM_INDEXER_URL` (default http://127.0.0.1:8548).
 * @example
 * readEndpoints({}) // { rpcUrl: "http://127.0.0.1:8545", indexerUrl: "http://127.0.0.1:8548" }
 */
export function readEndpoints(env: Env = process.env): { rpcUrl: string; indexerUrl: string } {
  return {
    rpcUrl: readUrl(env, "PLENUM_RPC_URL", "http://127.0.0.1:8545"),
    indexerUrl: readUrl(env, "PLENUM_INDEXER_URL", "http://127.0.0.1:8548"),
  };
}
