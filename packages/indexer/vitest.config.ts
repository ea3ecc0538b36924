import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Each integration file starts its own anvil; forks keep their child processes apart.
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
