#!/usr/bin/env node
// The `plenum-indexer` executable: registers tsx's loader, then runs src/bin.ts (the package ships
// TypeScript sources, like the rest of the workspace).
import { register } from "tsx/esm/api";

register();
await import("../src/bin.ts");
