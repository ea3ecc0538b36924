// The Semaphore circuit files the browser proves with. The app serves them itself (app/zk/…, from the
// `@zk-kit/semaphore-artifacts` package installed beside it, never a CDN) under a path that carries the
// package's version, so each URL always names the same bytes and may be cached forever. The browser
// fetches the two files of one depth when a member first proves at that depth, checks what it got and
// hands the bytes (not URLs: snarkjs would refetch them on every proof without checking the status)
// to the prover.

/** The version of `@zk-kit/semaphore-artifacts` pinned in apps/web/package.json. */
export const CIRCUIT_FILES_VERSION = "4.13.0";

/** Depths the package ships. */
export const MIN_CIRCUIT_DEPTH = 1;
export const MAX_CIRCUIT_DEPTH = 32;

/** The two files of a depth. */
export type CircuitFileKind = "wasm" | "zkey";

/**
 * The file name of a depth's circuit file, as the package names it.
 * @example
 * circuitFileName(10, "zkey") // "semaphore-10.zkey"
 */
export function circuitFileName(depth: number, kind: CircuitFileKind): string {
  return `semaphore-${depth}.${kind}`;
}

/**
 * The depth and kind a requested file name stands for, or `undefined` if the app serves no such file.
 * @example
 * parseCircuitFileName("semaphore-4.wasm") // { depth: 4, kind: "wasm" }
 * parseCircuitFileName("../package.json") // undefined
 */
export function parseCircuitFileName(
  name: string,
): { depth: number; kind: CircuitFileKind } | undefined {
  const match = /^semaphore-([1-9]\d?)\.(wasm|zkey)$/.exec(name);
  if (!match) return undefined;
  const depth = Number(match[1]);
  if (depth < MIN_CIRCUIT_DEPTH || depth > MAX_CIRCUIT_DEPTH) return undefined;
  return { depth, kind: match[2] as CircuitFileKind };
}

/**
 * The path the app serves a circuit file at.
 * @example
 * circuitFilePath(4, "wasm") // "/zk/4.13.0/semaphore-4.wasm"
 */
export function circuitFilePath(depth: number, kind: CircuitFileKind): string {
  return `/zk/${CIRCUIT_FILES_VERSION}/${circuitFileName(depth, kind)}`;
}

/**
 * Whether `bytes` start as a file of this kind must: WebAssembly's `\0asm`, a zkey's `zkey`. A proxy's
 * error page or a truncated download fails this instead of snarkjs's "expected magic word".
 * @example
 * hasCircuitMagic(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), "wasm") // true
 */
export function hasCircuitMagic(bytes: Uint8Array, kind: CircuitFileKind): boolean {
  const magic = kind === "wasm" ? [0x00, 0x61, 0x73, 0x6d] : [0x7a, 0x6b, 0x65, 0x79];
  return magic.every((byte, i) => bytes[i] === byte);
}
