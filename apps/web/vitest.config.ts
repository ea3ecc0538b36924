// Unit and component tests of the web app (node environment; components render with react-dom/server).
import { defineConfig } from "vitest/config";

export default defineConfig({
  esbuild: { jsx: "automatic" },
  test: { include: ["src/**/*.test.{ts,tsx}"], environment: "node" },
});
