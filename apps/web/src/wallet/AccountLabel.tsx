// The connected account's button text: the short address, marked when it is a demo account.
import type { Address } from "viem";
import { shortAddress } from "../format/address.ts";

/**
 * The account button's text (the menu's trigger, and the same button while the menu's code loads).
 * @example
 * <AccountLabel address={address} demo />
 */
export function AccountLabel({ address, demo }: { address: Address; demo: boolean }) {
  return (
    <>
      <span className="visually-hidden">Account </span>
      {demo && <span className="badge">demo</span>} {shortAddress(address)}
    </>
  );
}
