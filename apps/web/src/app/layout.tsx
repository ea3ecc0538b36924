// The page frame: header (community, wallet, theme), the wrong-network banner, and the page itself.
// Rendered per request: the Content-Security-Policy nonce (proxy.ts) and the runtime configuration
// are read here.
import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { readAppConfig } from "../config/readAppConfig.ts";
import { parseTheme, THEME_COOKIE } from "../theme/theme.ts";
import { SiteHeader } from "../ui/SiteHeader.tsx";
import { NetworkBanner } from "../wallet/NetworkBanner.tsx";
import "./globals.css";
import { Providers } from "./Providers.tsx";

export const metadata: Metadata = {
  title: { default: "Plenum", template: "%s · Plenum" },
  description: "Liquid and quadratic democracy: proposals, live tallies, your ballot.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The root layout.
 * @example
 * // Next renders it around every page.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const theme = parseTheme(cookieStore.get(THEME_COOKIE)?.value);
  // Reading the nonce makes Next render per request and mark its scripts with it.
  headerList.get("x-nonce");
  const config = readAppConfig();
  return (
    <html lang="en" data-theme={theme}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers config={config}>
          <SiteHeader theme={theme} />
          <NetworkBanner />
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
