"use client";
// The wallet control's menus, loaded on demand (Radix's dialog and dropdown menu, with their
// positioning and focus machinery, are not needed until someone opens them): the connected
// account's menu and the "Connect a wallet" dialog.
import { Dialog, DropdownMenu } from "radix-ui";
import { useId, useState } from "react";
import type { Address } from "viem";
import { useConnect, useConnection, useConnectors, useDisconnect } from "wagmi";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { shortAddress } from "../format/address.ts";
import { AccountLabel } from "./AccountLabel.tsx";
import { DEMO_CONNECTOR_ID } from "./demoConnector.ts";
import { useDemoConnector } from "./useDemoConnector.ts";

/**
 * The connected account's menu: which account, switch demo account, disconnect.
 * @example
 * <AccountMenu address={address} />
 */
export function AccountMenu({ address }: { address: Address }) {
  const { connector } = useConnection();
  const { disconnect } = useDisconnect();
  const [open, setOpen] = useState(false);
  const demo = connector?.id === DEMO_CONNECTOR_ID;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="button button-quiet">
        <AccountLabel address={address} demo={demo} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
          <DropdownMenu.Label className="menu-label">
            {demo ? "Demo account" : connector?.name} {shortAddress(address)}
          </DropdownMenu.Label>
          {demo && (
            <DropdownMenu.Item className="menu-item" onSelect={() => setOpen(true)}>
              Switch demo account…
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Item className="menu-item" onSelect={() => disconnect()}>
            Disconnect
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
      <ConnectDialog open={open} onOpenChange={setOpen} />
    </DropdownMenu.Root>
  );
}

/**
 * The "Connect a wallet" dialog: browser wallets, and demo accounts on the local demo chain.
 * @example
 * <ConnectDialog open={open} onOpenChange={setOpen} />
 */
export function ConnectDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const connectors = useConnectors();
  const { connectAsync, error, isPending, reset } = useConnect();
  const wallets = connectors.filter((c) => c.type === "injected" && c.id !== "injected");
  // The plain window.ethereum, only when no wallet announced itself (mobile in-app browsers).
  const plain = connectors.find((c) => c.id === "injected");
  const offered = wallets.length > 0 ? wallets : plain && hasInjected() ? [plain] : [];
  const connect = async (connector: (typeof connectors)[number]) => {
    try {
      await connectAsync({ connector });
      onOpenChange(false);
    } catch {
      // Shown below from `error`.
    }
  };
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) reset();
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>Connect a wallet</Dialog.Title>
          <Dialog.Description className="muted">
            Your wallet signs your ballots. Nothing is sent until you confirm.
          </Dialog.Description>
          <section aria-labelledby="wallets-heading">
            <h3 id="wallets-heading">Browser wallets</h3>
            {offered.length === 0 ? (
              <p className="muted">No browser wallet found. Install one, or use a demo account.</p>
            ) : (
              <ul className="plain-list">
                {offered.map((c) => (
                  <li key={c.uid}>
                    <button
                      type="button"
                      className="button wallet-choice"
                      onClick={() => connect(c)}
                      disabled={isPending}
                    >
                      {/* biome-ignore lint/performance/noImgElement: EIP-6963 icons are data: URIs the wallet announces; next/image cannot optimise them. */}
                      {c.icon && <img src={c.icon} alt="" width={20} height={20} />}
                      {c.name}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <DemoAccountsChooser onConnected={() => onOpenChange(false)} />
          {error && (
            <p role="alert" className="error-text">
              {connectError(error)}
            </p>
          )}
          <Dialog.Close className="button button-quiet dialog-close">Close</Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The demo members to act as, on the local demo chain only. */
function DemoAccountsChooser({ onConnected }: { onConnected: () => void }) {
  const demo = useDemoConnector();
  const { demoAccounts } = useAppConfig();
  const { connectAsync, isPending } = useConnect();
  const { connector } = useConnection();
  const id = useId();
  const [account, setAccount] = useState<Address | undefined>(
    () => demo?.selectedAccount() ?? demoAccounts[0],
  );
  if (!demo || demoAccounts.length === 0) return null;
  const use = async () => {
    if (!account) return;
    demo.selectAccount(account);
    if (connector?.id !== DEMO_CONNECTOR_ID) await connectAsync({ connector: demo });
    onConnected();
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="demo-accounts">
      <h3 id={`${id}-heading`}>
        Demo accounts <span className="badge">local demo chain only</span>
      </h3>
      <p className="muted">
        Act as one of the demo community's members; the local node signs for them. Never use these
        accounts on a real network.
      </p>
      <label htmlFor={`${id}-select`}>Member</label>
      <div className="row">
        <select
          id={`${id}-select`}
          value={account}
          onChange={(event) => setAccount(event.target.value as Address)}
        >
          {demoAccounts.map((a, index) => (
            <option key={a} value={a}>
              Member {index + 1} · {shortAddress(a)}
            </option>
          ))}
        </select>
        <button type="button" className="button button-primary" onClick={use} disabled={isPending}>
          Use this account
        </button>
      </div>
    </section>
  );
}

function hasInjected(): boolean {
  return typeof window !== "undefined" && "ethereum" in window;
}

/** A connection failure in plain words. */
function connectError(error: Error): string {
  if (/reject|denied/i.test(error.message)) return "The wallet declined the connection.";
  return `Could not connect: ${error.message.split("\n")[0]}`;
}
