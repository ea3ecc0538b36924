// Identities without a chain: serialisation, passphrase encryption and derivation from a signature.
import {
  type Address,
  createWalletClient,
  custom,
  type Hex,
  numberToHex,
  parseSignature,
  serializeSignature,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { IdentityDecryptionError, InvalidIdentityError } from "../../src/anonymous/errors.ts";
import {
  createIdentity,
  decryptIdentity,
  deriveIdentity,
  type EncryptedIdentity,
  encryptIdentity,
  identityFromSignature,
  identityTypedData,
  isEncryptedIdentity,
  restoreIdentity,
  serializeIdentity,
} from "../../src/anonymous/identity.ts";

// Anvil's well-known dev keys #1 and #2: PUBLIC test keys, never for real funds.
const alice = privateKeyToAccount(
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
);
const bob = privateKeyToAccount(
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
);
const community = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const other = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
// Fast enough for a test; real envelopes use DEFAULT_IDENTITY_ITERATIONS (600,000).
const iterations = 100_000;
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

describe("identity", () => {
  it("serializeIdentity() / restoreIdentity() round-trip Semaphore's export", () => {
    const identity = createIdentity();
    const text = serializeIdentity(identity);
    expect(text).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const restored = restoreIdentity(text);
    expect(restored.commitment).toBe(identity.commitment);
    expect(restored.secretScalar).toBe(identity.secretScalar);
    expect(createIdentity().commitment).not.toBe(identity.commitment);
  });

  it("restoreIdentity() rejects text that is not an exported identity", () => {
    expect(() => restoreIdentity("not base64!")).toThrow(InvalidIdentityError);
  });

  it("encryptIdentity() / decryptIdentity() round-trip, also through JSON text", async () => {
    const identity = createIdentity();
    const envelope = await encryptIdentity(identity, "correct horse battery staple", {
      iterations,
    });
    expect(envelope).toMatchObject({
      format: "plenum-semaphore-identity",
      version: 1,
      commitment: identity.commitment.toString(),
      kdf: { name: "PBKDF2", hash: "SHA-256", iterations },
      cipher: { name: "AES-GCM" },
    });
    expect(JSON.stringify(envelope)).not.toContain(serializeIdentity(identity));
    expect(isEncryptedIdentity(envelope)).toBe(true);
    const restored = await decryptIdentity(
      JSON.stringify(envelope),
      "correct horse battery staple",
    );
    expect(restored.commitment).toBe(identity.commitment);
    // A fresh salt and IV each time.
    const again = await encryptIdentity(identity, "correct horse battery staple", { iterations });
    expect(again.ciphertext).not.toBe(envelope.ciphertext);
    expect(again.kdf.salt).not.toBe(envelope.kdf.salt);
  });

  it("decryptIdentity() throws IdentityDecryptionError for a wrong passphrase or an altered envelope", async () => {
    const identity = createIdentity();
    const envelope = await encryptIdentity(identity, "correct horse battery staple", {
      iterations,
    });
    const wrong = await decryptIdentity(envelope, "correct horse battery stapler").catch((e) => e);
    expect(wrong).toBeInstanceOf(IdentityDecryptionError);
    expect(wrong.shortMessage).toBe("wrong passphrase, or the encrypted identity is damaged");
    // The header is authenticated: claiming another commitment fails like a wrong passphrase.
    const relabelled: EncryptedIdentity = { ...envelope, commitment: "12345" };
    await expect(
      decryptIdentity(relabelled, "correct horse battery staple"),
    ).rejects.toBeInstanceOf(IdentityDecryptionError);
    const bytes = atob(envelope.ciphertext);
    const flipped = btoa(String.fromCharCode(bytes.charCodeAt(0) ^ 1) + bytes.slice(1));
    await expect(
      decryptIdentity({ ...envelope, ciphertext: flipped }, "correct horse battery staple"),
    ).rejects.toBeInstanceOf(IdentityDecryptionError);
  });

  it("decryptIdentity() rejects unknown formats, versions and iteration counts", async () => {
    const envelope = await encryptIdentity(createIdentity(), "long enough phrase", { iterations });
    await expect(decryptIdentity("{}", "long enough phrase")).rejects.toBeInstanceOf(
      InvalidIdentityError,
    );
    await expect(
      decryptIdentity({ ...envelope, version: 2 as 1 }, "long enough phrase"),
    ).rejects.toThrow("version 2");
    await expect(
      decryptIdentity(
        { ...envelope, kdf: { ...envelope.kdf, iterations: 10 } },
        "long enough phrase",
      ),
    ).rejects.toBeInstanceOf(InvalidIdentityError);
    await expect(encryptIdentity(createIdentity(), "short")).rejects.toThrow(
      "at least 8 characters",
    );
    expect(isEncryptedIdentity({ format: "something else" })).toBe(false);
  });

  it("identityFromSignature() is deterministic per wallet, community, chain and key index", async () => {
    const sign = (
      account: typeof alice,
      keyIndex: number,
      where: Address = community,
      chainId = 31337,
    ) => account.signTypedData(identityTypedData({ community: where, chainId, keyIndex }));
    const first = identityFromSignature(await sign(alice, 0));
    expect(identityFromSignature(await sign(alice, 0)).commitment).toBe(first.commitment);
    const distinct = [
      identityFromSignature(await sign(alice, 1)),
      identityFromSignature(await sign(bob, 0)),
      identityFromSignature(await sign(alice, 0, other)),
      identityFromSignature(await sign(alice, 0, community, 1)),
    ].map((identity) => identity.commitment);
    expect(new Set([first.commitment, ...distinct]).size).toBe(5);
  });

  it("identityFromSignature() gives the same identity for the malleated (high-s) form and either v", async () => {
    const signature = await alice.signTypedData(identityTypedData({ community, chainId: 31337 }));
    const { r, s, yParity } = parseSignature(signature);
    const high: Hex = serializeSignature({
      r,
      s: numberToHex(SECP256K1_N - BigInt(s), { size: 32 }),
      yParity: yParity === 0 ? 1 : 0,
    });
    const expected = identityFromSignature(signature).commitment;
    expect(identityFromSignature(high).commitment).toBe(expected);
    expect(
      identityFromSignature(serializeSignature({ r, s, v: yParity === 0 ? 27n : 28n })).commitment,
    ).toBe(expected);
    expect(() => identityFromSignature("0x1234")).toThrow(InvalidIdentityError);
  });

  it("deriveIdentity() signs with the client's account and derives the same identity", async () => {
    // A local account signs without any RPC call; the transport is never used.
    const client = createWalletClient({
      account: alice,
      transport: custom({
        request: async () => {
          throw new Error("no RPC expected");
        },
      }),
    });
    const { identity, keyIndex, chainId } = await deriveIdentity(client, {
      community,
      chainId: 31337,
      keyIndex: 3,
    });
    expect({ keyIndex, chainId }).toEqual({ keyIndex: 3, chainId: 31337n });
    const signature = await alice.signTypedData(
      identityTypedData({ community, chainId: 31337, keyIndex: 3 }),
    );
    expect(identity.commitment).toBe(identityFromSignature(signature).commitment);
    expect(() => identityTypedData({ community, chainId: 1, keyIndex: -1 })).toThrow("key index");
  });
});
