// Fetches a depth's circuit files from this app (circuitFiles.ts) once per page, reporting the bytes
// received, and checks them before the prover sees them: the HTTP status, the announced length, and
// each file's magic bytes.
import { type CircuitFileKind, circuitFilePath, hasCircuitMagic } from "./circuitFiles.ts";

/** The bytes of one depth's circuit files. */
export interface CircuitFiles {
  wasm: Uint8Array;
  zkey: Uint8Array;
}

/** Bytes received so far of both files (total is known once both responses have headers). */
export type DownloadProgress = (received: number, total: number | undefined) => void;

const loaded = new Map<number, Promise<CircuitFiles>>();

/**
 * A depth's circuit files, fetched from this app the first time and kept for the page's life.
 * @example
 * const { wasm, zkey } = await loadCircuitFiles(4, (got, total) => console.log(got, total));
 */
export function loadCircuitFiles(
  depth: number,
  onProgress?: DownloadProgress,
): Promise<CircuitFiles> {
  let files = loaded.get(depth);
  if (!files) {
    files = download(depth, onProgress);
    loaded.set(depth, files);
    files.catch(() => loaded.delete(depth));
  }
  return files;
}

async function download(depth: number, onProgress?: DownloadProgress): Promise<CircuitFiles> {
  const received: Record<CircuitFileKind, number> = { wasm: 0, zkey: 0 };
  const totals: Partial<Record<CircuitFileKind, number>> = {};
  const report = () => {
    const total =
      totals.wasm !== undefined && totals.zkey !== undefined
        ? totals.wasm + totals.zkey
        : undefined;
    onProgress?.(received.wasm + received.zkey, total);
  };
  const get = async (kind: CircuitFileKind): Promise<Uint8Array> => {
    const url = circuitFilePath(depth, kind);
    const response = await fetch(url);
    if (!response.ok || !response.body) {
      throw new Error(`the circuit file ${url} answered HTTP ${response.status}`);
    }
    const length = Number(response.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(length)) totals[kind] = length;
    const chunks: Uint8Array[] = [];
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received[kind] += value.length;
      report();
    }
    const bytes = new Uint8Array(received[kind]);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    if (Number.isFinite(length) && bytes.length !== length) {
      throw new Error(
        `the circuit file ${url} arrived incomplete (${bytes.length} of ${length} bytes)`,
      );
    }
    if (!hasCircuitMagic(bytes, kind)) {
      throw new Error(`the circuit file ${url} is not a ${kind} file`);
    }
    return bytes;
  };
  const [wasm, zkey] = await Promise.all([get("wasm"), get("zkey")]);
  return { wasm, zkey };
}
