/** A progress bar on stderr that redraws in place on a terminal and prints sparse lines otherwise. */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  finish(message?: string): void;
}

/**
 * Creates a progress bar. Silent when `enabled` is false (e.g. with `--json`, so stdout stays clean;
 * the bar always writes to stderr anyway).
 * @example
 * const bar = createProgress("importing members"); bar.update(40, 200); bar.finish("done");
 */
export function createProgress(
  title: string,
  options: { enabled?: boolean; stream?: NodeJS.WriteStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  const enabled = options.enabled ?? true;
  const tty = Boolean(stream.isTTY);
  let lastPercent = -1;
  return {
    update(done, total, label) {
      if (!enabled) return;
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const percent = Math.floor(fraction * 100);
      if (tty) {
        const width = 28;
        const filled = Math.round(fraction * width);
        const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
        stream.write(
          `\r${title} ${bar} ${percent}% (${done}/${total})${label ? ` ${label}` : ""}\x1b[K`,
        );
      } else if (percent >= lastPercent + 25 || done === total) {
        lastPercent = percent;
        stream.write(`${title}: ${done}/${total}${label ? ` ${label}` : ""}\n`);
      }
    },
    finish(message) {
      if (!enabled) return;
      if (tty) stream.write("\r\x1b[K");
      if (message) stream.write(`${title}: ${message}\n`);
    },
  };
}
