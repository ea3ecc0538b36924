import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CIRCUIT_FILES_VERSION,
  circuitFilePath,
  hasCircuitMagic,
  parseCircuitFileName,
} from "./circuitFiles.ts";

describe("circuit files", () => {
  it("CIRCUIT_FILES_VERSION is the version apps/web/package.json pins", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(pkg.dependencies["@zk-kit/semaphore-artifacts"]).toBe(CIRCUIT_FILES_VERSION);
  });
  it("parseCircuitFileName() accepts depths 1 to 32 only, and no other name", () => {
    expect(parseCircuitFileName("semaphore-1.wasm")).toEqual({ depth: 1, kind: "wasm" });
    expect(parseCircuitFileName("semaphore-32.zkey")).toEqual({ depth: 32, kind: "zkey" });
    for (const name of [
      "semaphore-0.wasm",
      "semaphore-33.zkey",
      "semaphore-04.wasm",
      "../package.json",
      "semaphore-4.json",
    ]) {
      expect(parseCircuitFileName(name)).toBeUndefined();
    }
    expect(circuitFilePath(4, "wasm")).toBe(`/zk/${CIRCUIT_FILES_VERSION}/semaphore-4.wasm`);
  });
  it("hasCircuitMagic() tells the real files from an error page", () => {
    const dir = new URL("../../node_modules/@zk-kit/semaphore-artifacts/", import.meta.url);
    const wasm = readFileSync(new URL("semaphore-1.wasm", dir));
    const zkey = readFileSync(new URL("semaphore-1.zkey", dir));
    expect(hasCircuitMagic(wasm, "wasm")).toBe(true);
    expect(hasCircuitMagic(zkey, "zkey")).toBe(true);
    expect(hasCircuitMagic(zkey, "wasm")).toBe(false);
    expect(hasCircuitMagic(new TextEncoder().encode("<!DOCTYPE html>"), "zkey")).toBe(false);
  });
});
