// Runs once before the test files: graph codegen (if stale) and the two test entries compiled, so
// the files running in parallel find them cached instead of compiling them side by side.
import { compileEntry } from "./support/compile.ts";

export default async function setup(): Promise<void> {
  await compileEntry("factory");
  await compileEntry("community");
}
