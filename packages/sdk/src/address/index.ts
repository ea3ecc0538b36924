export { checkAddress, InvalidAddressError, type InvalidAddressReason } from "./checkAddress.ts";
