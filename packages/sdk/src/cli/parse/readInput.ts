import { readFileSync } from "node:fs";
import { CliInputError } from "../../input/inputError.ts";

const reasons: Record<string, string> = {
  ENOENT: "there is no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a directory, not a file",
  ENOTDIR: "a part of the path is not a directory",
};

/**
 * Why a file could not be read, in plain words (`there is no such file`), for error messages.
 * @example
 * fileReadProblem(error) // "permission denied"
 */
export function fileReadProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return (code && reasons[code]) ?? `it could not be read (${code ?? "unknown error"})`;
}

/**
 * Reads a text file the user named (`what` says which: "members file"); a failure is bad input
 * (exit 2) with the reason in plain words.
 * @example
 * const text = readInputFile("members.csv");
 */
export function readInputFile(file: string, what = "file"): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CliInputError(`cannot read ${what} ${file}: ${fileReadProblem(error)}`);
  }
}
