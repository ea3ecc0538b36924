import { Identity } from "@semaphore-protocol/identity";
import {
  type Account,
  type Address,
  type Chain,
  type Client,
  concat,
  getAddress,
  type Hex,
  hexToBytes,
  keccak256,
  numberToHex,
  parseSignature,
  stringToHex,
  type Transport,
} from "viem";
import { getChainId, signTypedData } from "viem/actions";
import { getAction } from "viem/utils";
import type { AccountParameter } from "../actions/internal/types.ts";
import { BaseError } from "../errors/base.ts";
import { decodeContractError } from "../errors/decode.ts";
import { IdentityDecryptionError, InvalidIdentityError } from "./errors.ts";

// A Semaphore identity is a secret: whoever holds it can cast (and change) that member's anonymous
// ballots, and can tell which ballots are theirs. Nothing here sends it anywhere. It leaves memory only as
// the serialised string (keep it like a private key), as an encrypted envelope (PBKDF2 + AES-GCM), or not
// at all when it is re-derived from a wallet signature each time.

export { Identity };

/** Anything that carries an identity commitment: a Semaphore `Identity`, or the commitment itself. */
export type IdentityLike = { readonly commitment: bigint } | bigint;

/** The commitment of an {@link IdentityLike}. */
export function commitmentOf(identity: IdentityLike): bigint {
  return typeof identity === "bigint" ? identity : identity.commitment;
}

/**
 * A new random Semaphore identity (32 bytes from the platform's secure random generator).
 * @example
 * import { createIdentity, serializeIdentity } from "@plenum/sdk";
 * const identity = createIdentity();
 * identity.commitment; // register this; keep serializeIdentity(identity) secret
 */
export function createIdentity(): Identity {
  const secret = new Uint8Array(32);
  globalThis.crypto.getRandomValues(secret);
  return new Identity(secret);
}

// ---------------------------------------------------------------- derivation from a wallet

/** The EIP-712 domain of identity derivation: no chain id, so any network the wallet is on will sign. */
export const identityDomain = { name: "Plenum anonymous identity", version: "1" } as const;

/** The EIP-712 types of identity derivation. */
export const identityTypes = {
  SemaphoreIdentity: [
    { name: "purpose", type: "string" },
    { name: "community", type: "address" },
    { name: "chainId", type: "uint256" },
    { name: "keyIndex", type: "uint32" },
  ],
} as const;

/** What the wallet shows: the message says what the signature is and why it must not be shared. */
export const IDENTITY_PURPOSE =
  "Unlock my anonymous voting key for this community. Sign this only in Plenum: anyone who obtains this signature can cast and change my anonymous ballots.";

/** Which key to derive: one per community, chain and key index. */
export interface IdentityKeyParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The community's chain. */
  chainId: number | bigint;
  /** 0 for the first key; bump it to rotate (then `replaceIdentity` with the new one). Default 0. */
  keyIndex?: number | undefined;
}

/**
 * The EIP-712 typed data a wallet signs to derive an identity (for wallets you drive yourself, e.g.
 * wagmi's `signTypedData`); pass the signature to {@link identityFromSignature}.
 * @example
 * import { identityFromSignature, identityTypedData } from "@plenum/sdk";
 * const signature = await walletClient.signTypedData(identityTypedData({ community, chainId: 1, keyIndex: 0 }));
 * const identity = identityFromSignature(signature);
 */
export function identityTypedData({ community, chainId, keyIndex = 0 }: IdentityKeyParameters) {
  if (!Number.isInteger(keyIndex) || keyIndex < 0 || keyIndex > 0xffffffff) {
    throw new BaseError(
      `the key index must be a whole number from 0 to 4294967295, not ${keyIndex}`,
    );
  }
  return {
    domain: identityDomain,
    types: identityTypes,
    primaryType: "SemaphoreIdentity",
    message: {
      purpose: IDENTITY_PURPOSE,
      community: getAddress(community),
      chainId: BigInt(chainId),
      keyIndex,
    },
  } as const;
}

// The secp256k1 group order: a signature's s and n − s are both valid, so the low one is used.
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const DERIVATION_TAG = stringToHex("plenum/semaphore-identity/v1");

/**
 * The identity derived from a signature of {@link identityTypedData}: keccak256 of a tag, r and the low s,
 * so the same wallet signing the same message always gives the same identity (ECDSA signatures are
 * deterministic under RFC 6979, which every mainstream wallet uses).
 * @example
 * const identity = identityFromSignature(signature);
 */
export function identityFromSignature(signature: Hex): Identity {
  let r: Hex;
  let s: Hex;
  try {
    ({ r, s } = parseSignature(signature));
  } catch (error) {
    throw new InvalidIdentityError("not a 65-byte ECDSA signature", { cause: error });
  }
  let sValue = BigInt(s);
  if (sValue > SECP256K1_N / 2n) sValue = SECP256K1_N - sValue;
  const secret = keccak256(concat([DERIVATION_TAG, r, numberToHex(sValue, { size: 32 })]));
  return new Identity(hexToBytes(secret));
}

/** Parameters of {@link deriveIdentity}. */
export type DeriveIdentityParameters<account extends Account | undefined = Account | undefined> =
  AccountParameter<account> &
    Omit<IdentityKeyParameters, "chainId"> & {
      /** The community's chain; the client's chain by default. */
      chainId?: number | bigint | undefined;
    };

/** The derived identity and the key it is. */
export interface DeriveIdentityReturnType {
  identity: Identity;
  keyIndex: number;
  chainId: bigint;
}

/**
 * Derives the member's identity for a community from a wallet signature (EIP-712), so it can be
 * recovered from the wallet alone; bump `keyIndex` to rotate. The signature is as secret as the identity.
 * @example
 * import { deriveIdentity, registerIdentity } from "@plenum/sdk";
 * const { identity } = await deriveIdentity(walletClient, { community });
 * await registerIdentity(walletClient, { community, identity });
 */
export async function deriveIdentity<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: DeriveIdentityParameters<account>,
): Promise<DeriveIdentityReturnType> {
  const account = (parameters.account ?? client.account) as Account | Address | undefined;
  if (!account) {
    throw new BaseError("no account to sign with: pass `account` or use a client that has one");
  }
  const chainId = BigInt(
    parameters.chainId ??
      client.chain?.id ??
      (await getAction(client, getChainId, "getChainId")({})),
  );
  const keyIndex = parameters.keyIndex ?? 0;
  const typedData = identityTypedData({ community: parameters.community, chainId, keyIndex });
  let signature: Hex;
  try {
    signature = await getAction(
      client,
      signTypedData,
      "signTypedData",
    )({ account, ...typedData } as never);
  } catch (error) {
    const decoded = decodeContractError(error);
    throw new BaseError(`signing the identity message failed: ${decoded.shortMessage}`, {
      cause: error,
    });
  }
  return { identity: identityFromSignature(signature), keyIndex, chainId };
}

// ---------------------------------------------------------------- serialisation

/**
 * The identity as Semaphore's own export: its private key in base64. As secret as the key itself.
 * @example
 * const text = serializeIdentity(identity); // store it encrypted (encryptIdentity) or not at all
 */
export function serializeIdentity(identity: Identity): string {
  return identity.export();
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The identity back from {@link serializeIdentity} (Semaphore's `Identity.import`).
 * @example
 * const identity = restoreIdentity(text);
 */
export function restoreIdentity(serialized: string): Identity {
  const text = serialized.trim();
  if (!BASE64.test(text) || text.length % 4 !== 0) {
    throw new InvalidIdentityError("not a serialised identity (expected base64)");
  }
  return Identity.import(text);
}

// ---------------------------------------------------------------- passphrase encryption

/** Names the envelope format. */
export const ENCRYPTED_IDENTITY_FORMAT = "plenum-semaphore-identity";

/** The default PBKDF2-SHA256 iteration count (OWASP's 2023 figure). */
export const DEFAULT_IDENTITY_ITERATIONS = 600_000;
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 10_000_000;
const MIN_PASSPHRASE = 8;

/**
 * A passphrase-encrypted identity (version 1): PBKDF2-SHA256 derives an AES-256-GCM key from the
 * passphrase and a random salt; every other field is authenticated with the ciphertext. Plain JSON.
 */
export interface EncryptedIdentity {
  format: typeof ENCRYPTED_IDENTITY_FORMAT;
  version: 1;
  /** The identity's commitment (public: it is on chain next to the member's address). */
  commitment: string;
  kdf: { name: "PBKDF2"; hash: "SHA-256"; iterations: number; salt: string };
  cipher: { name: "AES-GCM"; iv: string };
  /** base64 of AES-GCM(serialised identity), tag included. */
  ciphertext: string;
}

/** Options of {@link encryptIdentity}. */
export interface EncryptIdentityOptions {
  /** PBKDF2 iterations, 100,000 to 10,000,000; {@link DEFAULT_IDENTITY_ITERATIONS} by default. */
  iterations?: number | undefined;
}

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) {
    throw new BaseError(
      "WebCrypto is not available here (browsers offer it only on https:// pages and localhost)",
    );
  }
  return api;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string, what: string): Uint8Array<ArrayBuffer> {
  if (!BASE64.test(text) || text.length % 4 !== 0) {
    throw new InvalidIdentityError(`not an encrypted identity (${what} is not base64)`);
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function checkPassphrase(passphrase: string): string {
  if (typeof passphrase !== "string" || passphrase.length < MIN_PASSPHRASE) {
    throw new BaseError(`the passphrase must have at least ${MIN_PASSPHRASE} characters`);
  }
  // The same characters typed on another system may arrive composed differently.
  return passphrase.normalize("NFC");
}

function checkIterations(iterations: number): number {
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new InvalidIdentityError(
      `PBKDF2 iterations must be a whole number from ${MIN_ITERATIONS} to ${MAX_ITERATIONS}, not ${iterations}`,
    );
  }
  return iterations;
}

async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  usage: KeyUsage,
) {
  const material = await subtle().importKey(
    "raw",
    new TextEncoder().encode(passphrase),
    "PBKDF2",
    false,
    ["deriveKey"],
  );
  return subtle().deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    [usage],
  );
}

/** Everything but the ciphertext, bound to it as AES-GCM additional data. */
function associatedData(envelope: Omit<EncryptedIdentity, "ciphertext">) {
  return new TextEncoder().encode(
    JSON.stringify([
      envelope.format,
      envelope.version,
      envelope.commitment,
      envelope.kdf.name,
      envelope.kdf.hash,
      envelope.kdf.iterations,
      envelope.kdf.salt,
      envelope.cipher.name,
      envelope.cipher.iv,
    ]),
  );
}

/**
 * Encrypts an identity with a passphrase (WebCrypto: PBKDF2-SHA256, AES-256-GCM) into a versioned JSON
 * envelope, in Node 20 and in browsers. Store `JSON.stringify(result)`.
 * @example
 * import { encryptIdentity } from "@plenum/sdk";
 * const envelope = await encryptIdentity(identity, "correct horse battery staple");
 * localStorage.setItem("plenum-identity", JSON.stringify(envelope));
 */
export async function encryptIdentity(
  identity: Identity,
  passphrase: string,
  options: EncryptIdentityOptions = {},
): Promise<EncryptedIdentity> {
  const normalized = checkPassphrase(passphrase);
  const iterations = checkIterations(options.iterations ?? DEFAULT_IDENTITY_ITERATIONS);
  const salt = new Uint8Array(16);
  const iv = new Uint8Array(12);
  globalThis.crypto.getRandomValues(salt);
  globalThis.crypto.getRandomValues(iv);
  const header = {
    format: ENCRYPTED_IDENTITY_FORMAT,
    version: 1,
    commitment: identity.commitment.toString(),
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations, salt: toBase64(salt) },
    cipher: { name: "AES-GCM", iv: toBase64(iv) },
  } as const;
  const key = await deriveKey(normalized, salt, iterations, "encrypt");
  const ciphertext = await subtle().encrypt(
    { name: "AES-GCM", iv, additionalData: associatedData(header), tagLength: 128 },
    key,
    new TextEncoder().encode(serializeIdentity(identity)),
  );
  return { ...header, ciphertext: toBase64(new Uint8Array(ciphertext)) };
}

/** Checks the shape of an envelope (parsed, or its JSON text). */
function parseEnvelope(input: EncryptedIdentity | string): EncryptedIdentity {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new InvalidIdentityError("not an encrypted identity (not JSON)", { cause: error });
    }
  }
  const e = value as Partial<EncryptedIdentity> | null;
  if (!e || typeof e !== "object" || e.format !== ENCRYPTED_IDENTITY_FORMAT) {
    throw new InvalidIdentityError("not an encrypted identity");
  }
  if (e.version !== 1) {
    throw new InvalidIdentityError(
      `an encrypted identity of version ${String(e.version)}; this SDK reads version 1`,
    );
  }
  const { kdf, cipher } = e;
  if (
    typeof e.commitment !== "string" ||
    !/^\d+$/.test(e.commitment) ||
    typeof e.ciphertext !== "string" ||
    kdf?.name !== "PBKDF2" ||
    kdf.hash !== "SHA-256" ||
    typeof kdf.iterations !== "number" ||
    typeof kdf.salt !== "string" ||
    cipher?.name !== "AES-GCM" ||
    typeof cipher.iv !== "string"
  ) {
    throw new InvalidIdentityError("not an encrypted identity (missing or malformed fields)");
  }
  checkIterations(kdf.iterations);
  return e as EncryptedIdentity;
}

/**
 * Opens an envelope from {@link encryptIdentity}; a wrong passphrase (or an altered envelope) throws
 * {@link IdentityDecryptionError}.
 * @example
 * import { decryptIdentity } from "@plenum/sdk";
 * const identity = await decryptIdentity(localStorage.getItem("plenum-identity")!, passphrase);
 */
export async function decryptIdentity(
  encrypted: EncryptedIdentity | string,
  passphrase: string,
): Promise<Identity> {
  const envelope = parseEnvelope(encrypted);
  const salt = fromBase64(envelope.kdf.salt, "the salt");
  const iv = fromBase64(envelope.cipher.iv, "the iv");
  const data = fromBase64(envelope.ciphertext, "the ciphertext");
  const key = await deriveKey(
    checkPassphrase(passphrase),
    salt,
    envelope.kdf.iterations,
    "decrypt",
  );
  let plaintext: ArrayBuffer;
  try {
    plaintext = await subtle().decrypt(
      { name: "AES-GCM", iv, additionalData: associatedData(envelope), tagLength: 128 },
      key,
      data,
    );
  } catch (error) {
    throw new IdentityDecryptionError({ cause: error });
  }
  const identity = restoreIdentity(new TextDecoder().decode(plaintext));
  if (identity.commitment.toString() !== envelope.commitment) {
    throw new IdentityDecryptionError({
      details: "the decrypted identity does not have the envelope's commitment",
    });
  }
  return identity;
}

/**
 * Whether a value looks like an {@link EncryptedIdentity} (parsed JSON), e.g. to tell a backup file from
 * a plain serialised identity.
 * @example
 * if (isEncryptedIdentity(JSON.parse(text))) identity = await decryptIdentity(text, passphrase);
 */
export function isEncryptedIdentity(value: unknown): value is EncryptedIdentity {
  try {
    parseEnvelope(value as EncryptedIdentity);
    return true;
  } catch {
    return false;
  }
}
