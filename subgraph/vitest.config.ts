import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    // The replay test starts its own anvil; forks keep child processes apart.
    pool: "forks",
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
