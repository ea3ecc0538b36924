/** A problem with what the user gave the CLI, pointing at the file and line when there is one. */
export class CliInputError extends Error {
  override readonly name = "CliInputError";
  constructor(
    message: string,
    readonly location?: { file?: string; line?: number },
  ) {
    const where = location?.file
      ? `${location.file}${location.line ? `:${location.line}` : ""}: `
      : location?.line
        ? `line ${location.line}: `
        : "";
    super(`${where}${message}`);
  }
}
