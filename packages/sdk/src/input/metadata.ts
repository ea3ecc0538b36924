import { type Hex, keccak256, stringToHex } from "viem";
import { CliInputError } from "./inputError.ts";

/** Where a proposal's metadata lives and the hash that commits to it. */
export interface ProposalMetadata {
  metadataURI: string;
  metadataHash: Hex;
}

/** The proposal document of the project's metadata convention (README, "Proposal metadata"). */
export interface ProposalDocument {
  title: string;
  description?: string | undefined;
  /** Option labels, in option order. */
  options?: readonly string[] | undefined;
}

/**
 * Inline metadata: the JSON document `{ title, description?, options? }` (keys in that order, absent
 * ones left out) as a `data:application/json;base64` URI, hashed by keccak256 of its UTF-8 bytes.
 * @example
 * inlineMetadata({ title: "Library hours" }).metadataURI
 * // "data:application/json;base64,eyJ0aXRsZSI6IkxpYnJhcnkgaG91cnMifQ=="
 */
export function inlineMetadata(document: ProposalDocument): ProposalMetadata {
  const title = document.title.trim();
  if (title === "") throw new CliInputError("a proposal needs a title");
  const description = document.description?.trim();
  const json = JSON.stringify({
    title,
    ...(description ? { description } : {}),
    ...(document.options ? { options: document.options } : {}),
  });
  return {
    metadataURI: `data:application/json;base64,${base64(new TextEncoder().encode(json))}`,
    metadataHash: keccak256(stringToHex(json)),
  };
}

/**
 * Metadata kept elsewhere (ipfs://, https://): the URI as given, hashed as a string, which for a
 * content-addressed URI commits to the content.
 * @example
 * uriMetadata("ipfs://bafy…").metadataHash // keccak256 of "ipfs://bafy…"
 */
export function uriMetadata(uri: string): ProposalMetadata {
  const given = uri.trim();
  return { metadataURI: given, metadataHash: keccak256(stringToHex(given)) };
}

/** Base64 of bytes with `btoa`, which browsers and Node both have (unlike `Buffer`). */
function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
