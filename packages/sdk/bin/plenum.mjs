#!/usr/bin/env node
// The `plenum` command: registers tsx's loader (resolved from @plenum/sdk's own dependencies) and
// runs the TypeScript CLI, so `pnpm plenum …`, `pnpm exec plenum …` and `npx plenum …` work in the
// repository with nothing built and nothing but the command's own output on stdout.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/bin.ts");
