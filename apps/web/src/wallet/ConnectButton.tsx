"use client";
// Connecting a wallet: injected wallets the browser announces (EIP-6963), the plain injected one of
// mobile in-app browsers, and on the local demo chain the clearly labelled demo accounts. The menus
// themselves (ConnectMenus.tsx) load on demand: on the first hover or focus of the button, or once
// an account is connected.
import dynamic from "next/dynamic";
import { useState } from "react";
import { useConnection } from "wagmi";
import { AccountLabel } from "./AccountLabel.tsx";
import { DEMO_CONNECTOR_ID } from "./demoConnector.ts";

const loadMenus = () => import("./ConnectMenus.tsx");

const ConnectDialog = dynamic(() => loadMenus().then((module) => module.ConnectDialog));

const AccountMenu = dynamic(() => loadMenus().then((module) => module.AccountMenu), {
  // The same button, inert for the moment its menu's code takes to arrive: no layout jump.
  loading: () => <LoadingAccountButton />,
});

/**
 * The header's wallet control: "Connect wallet" (a dialog) or the connected account's menu.
 * @example
 * <ConnectButton />
 */
export function ConnectButton() {
  const { address, status } = useConnection();
  const [open, setOpen] = useState(false);
  // The dialog is mounted from the first time it is asked for, so its code is not fetched before.
  const [wanted, setWanted] = useState(false);
  if (status === "connected" && address) return <AccountMenu address={address} />;
  return (
    <>
      <button
        type="button"
        className="button button-primary"
        onPointerEnter={() => void loadMenus()}
        onFocus={() => void loadMenus()}
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
        disabled={status === "connecting" || status === "reconnecting"}
      >
        {status === "connecting" || status === "reconnecting" ? "Connecting…" : "Connect wallet"}
      </button>
      {wanted && <ConnectDialog open={open} onOpenChange={setOpen} />}
    </>
  );
}

/** The account button while its menu loads. */
function LoadingAccountButton() {
  const { address, connector } = useConnection();
  return (
    <button type="button" className="button button-quiet" aria-busy="true">
      {address && <AccountLabel address={address} demo={connector?.id === DEMO_CONNECTOR_ID} />}
    </button>
  );
}
