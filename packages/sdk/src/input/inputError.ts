/** Where a problem is: a file and, inside it, a 1-based line. */
export interface InputLocation {
  file?: string | undefined;
  line?: number | undefined;
}

/**
 * A problem with what the user gave the CLI (exit code 2), pointing at the file and line when there
 * is one: `members.csv line 7: …`. One error can carry several problems (every bad line of a file),
 * one per line of its message.
 * @example
 * throw new CliInputError("weight \"x\" is not a whole number", { file: "members.csv", line: 3 });
 * throw CliInputError.all([first, second]); // both reported, one per line
 */
export class CliInputError extends Error {
  override readonly name = "CliInputError";
  /** One sentence per problem, each with its location. */
  readonly problems: string[];

  constructor(message: string, location?: InputLocation) {
    const problem = `${where(location)}${message}`;
    super(problem);
    this.problems = [problem];
  }

  /**
   * One error reporting every problem collected (in the order found); `undefined` when there is none.
   * @example
   * const error = CliInputError.all(problems); if (error) throw error;
   */
  static all(errors: readonly CliInputError[]): CliInputError | undefined {
    if (errors.length === 0) return undefined;
    if (errors.length === 1) return errors[0];
    const combined = new CliInputError(errors.flatMap((error) => error.problems).join("\n"));
    combined.problems.splice(0, 1, ...errors.flatMap((error) => error.problems));
    return combined;
  }
}

function where(location: InputLocation | undefined): string {
  const line = location?.line ? `line ${location.line}: ` : "";
  if (location?.file) return `${location.file}${line ? ` ${line}` : ": "}`;
  return line;
}
