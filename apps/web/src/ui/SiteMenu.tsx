"use client";
// The header's navigation as a disclosure below the narrow-screen breakpoint (nav.css): a "Menu"
// button with aria-expanded that shows and hides the panel right after it, so Tab moves from the
// button into the links. Escape closes it and puts focus back on the button; so does a click
// outside the header (focus stays where it went) and following a link. From the breakpoint up
// the button is hidden and the panel always shown.
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";

/**
 * The menu button and its panel (the links and tools passed as children).
 * @example
 * <SiteMenu><nav aria-label="Main">…</nav></SiteMenu>
 */
export function SiteMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const pathname = usePathname();

  // Following a link closes the menu: the new page starts with its content, not the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the route changes.
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!button.current?.contains(target) && !panel.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="button button-quiet menu-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((was) => !was)}
      >
        <span aria-hidden="true">{open ? "✕" : "☰"}</span>{" "}
        <span className="menu-toggle-text">Menu</span>
      </button>
      <div ref={panel} id={id} className="site-menu" data-open={open || undefined}>
        {children}
      </div>
    </>
  );
}
