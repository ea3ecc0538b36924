import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Vite would load graphql's ESM build for our sources while yoga and graphql-armor (loaded by
    // Node) get its CommonJS build: two realms, and "Cannot use GraphQLNonNull from another module".
    // Node resolves both to the CommonJS build, so tests do the same.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }],
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Each integration file starts its own anvil; forks keep their child processes apart.
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
