// The colour scheme a person chose: kept in a cookie so the server renders the page in it (no flash).

/** A colour scheme choice; `system` follows the device. */
export type ThemeChoice = "system" | "light" | "dark";

/** The cookie the choice is kept in. */
export const THEME_COOKIE = "plenum-theme";

/**
 * The choice a cookie value names, else `system`.
 * @example
 * parseTheme("dark") // "dark"
 * parseTheme(undefined) // "system"
 */
export function parseTheme(value: string | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}
