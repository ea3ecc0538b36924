// A wide table's container that scrolls sideways on narrow screens and, so that keyboard users can
// scroll it too, takes focus and is named (WCAG 2.1.1; axe-core's scrollable-region-focusable).
import type { ReactNode } from "react";

/**
 * Wraps a wide table.
 * @example
 * <ScrollRegion label="My voting history"><table>…</table></ScrollRegion>
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take keyboard focus.
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
