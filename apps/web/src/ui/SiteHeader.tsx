// The header on every page: the app's name, the navigation, the wallet and the theme. Below the
// breakpoint in nav.css the navigation and the theme switch fold into a menu (SiteMenu).
import Link from "next/link";
import { ThemeSwitch } from "../theme/ThemeSwitch.tsx";
import type { ThemeChoice } from "../theme/theme.ts";
import { ConnectButton } from "../wallet/ConnectButton.tsx";
import "./nav.css";
import { SiteMenu } from "./SiteMenu.tsx";

/**
 * The site header.
 * @example
 * <SiteHeader theme="system" />
 */
export function SiteHeader({ theme }: { theme: ThemeChoice }) {
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Plenum
      </Link>
      <SiteMenu>
        <nav aria-label="Main" className="site-nav">
          <Link href="/">Agenda</Link>
          <Link href="/batch">Vote bill by bill</Link>
          <Link href="/delegation">Delegation</Link>
          <Link href="/me">Dashboard</Link>
          <Link href="/identity">Identity</Link>
          <Link href="/audit">Audit</Link>
          <Link href="/registrar">Registrar</Link>
          <Link href="/desk">Desk</Link>
        </nav>
        <ThemeSwitch initial={theme} />
      </SiteMenu>
      <div className="site-tools">
        <ConnectButton />
      </div>
    </header>
  );
}
