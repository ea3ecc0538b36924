"use client";
// Light, dark or the device's scheme: a labelled toggle group that remembers the choice.
import { ToggleGroup } from "radix-ui";
import { useState } from "react";
import { parseTheme, THEME_COOKIE, type ThemeChoice } from "./theme.ts";

const CHOICES: readonly { value: ThemeChoice; label: string; icon: string }[] = [
  { value: "system", label: "Device theme", icon: "◐" },
  { value: "light", label: "Light theme", icon: "☀" },
  { value: "dark", label: "Dark theme", icon: "☾" },
];

/**
 * The theme switch; `initial` is the choice the server rendered.
 * @example
 * <ThemeSwitch initial="system" />
 */
export function ThemeSwitch({ initial }: { initial: ThemeChoice }) {
  const [theme, setTheme] = useState(initial);
  const choose = (value: string) => {
    if (!value) return;
    const choice = parseTheme(value);
    setTheme(choice);
    document.documentElement.dataset.theme = choice;
    // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie is what the server reads back.
    document.cookie = `${THEME_COOKIE}=${choice}; path=/; max-age=31536000; samesite=lax`;
  };
  return (
    <ToggleGroup.Root
      type="single"
      value={theme}
      onValueChange={choose}
      aria-label="Colour theme"
      className="theme-switch"
    >
      {CHOICES.map(({ value, label, icon }) => (
        <ToggleGroup.Item key={value} value={value} aria-label={label} title={label}>
          <span aria-hidden="true">{icon}</span>
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}
