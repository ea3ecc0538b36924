import { checkAddress } from "../../address/checkAddress.ts";

// The address parameters actions take, by name: one address, `null` meaning "no one" where the
// action allows it, or lists of addresses or of records holding one.
const single = ["community", "factory", "voter", "member", "account"] as const;
const nullable = ["to", "registrar", "bootstrapAdmin"] as const;
const lists = ["accounts"] as const;
const recordLists = [
  ["members", "account"],
  ["identities", "account"],
  ["actions", "target"],
] as const;

/**
 * Runs {@link checkAddress} on every address parameter an action was given (`community`, `account`,
 * `members[i].account`, …), so a mistyped address fails with a plain {@link InvalidAddressError}
 * before any call to the node. `account` may also be a viem `Account` object, which is left alone.
 */
export function checkAddressParameters(parameters: object): void {
  const given = parameters as Record<string, unknown>;
  for (const name of single) {
    const value = given[name];
    if (value === undefined || (name === "account" && typeof value === "object")) continue;
    checkAddress(value, name);
  }
  for (const name of nullable) {
    const value = given[name];
    if (value !== undefined && value !== null) checkAddress(value, name);
  }
  for (const name of lists) {
    const value = given[name];
    if (!Array.isArray(value)) continue;
    value.forEach((item, i) => {
      checkAddress(item, `${name}[${i}]`);
    });
  }
  for (const [name, field] of recordLists) {
    const value = given[name];
    if (!Array.isArray(value)) continue;
    value.forEach((item, i) => {
      if (item && typeof item === "object" && field in item) {
        checkAddress((item as Record<string, unknown>)[field], `${name}[${i}].${field}`);
      }
    });
  }
}
