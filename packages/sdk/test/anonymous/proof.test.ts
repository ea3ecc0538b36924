// Proof helpers without a chain: scope, options, circuit files and the checks made before proving.
import { encodeAbiParameters, hexToBigInt, keccak256 } from "viem";
import { afterAll, describe, expect, it } from "vitest";
import {
  AnonymousBallotError,
  IdentityNotInGroupError,
  SemaphoreArtifactsNotFoundError,
} from "../../src/anonymous/errors.ts";
import { Group } from "../../src/anonymous/group.ts";
import { createIdentity, type Identity } from "../../src/anonymous/identity.ts";
import {
  anonymousMessage,
  anonymousNullifier,
  anonymousScope,
  createAnonymousBallot,
  decodeAnonymousMessage,
  fromSemaphoreProof,
  loadSemaphoreArtifacts,
  resolveSemaphoreArtifacts,
  terminateProver,
  toSemaphoreProof,
  verifyAnonymousBallot,
} from "../../src/anonymous/proof.ts";

const community = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

describe("proof helpers", () => {
  afterAll(terminateProver);

  it("anonymousScope() is keccak256(abi.encode(chainId, community, proposalId)) as a uint256", () => {
    const expected = hexToBigInt(
      keccak256(
        encodeAbiParameters(
          [{ type: "uint256" }, { type: "address" }, { type: "uint256" }],
          [31337n, community, 12n],
        ),
      ),
    );
    expect(anonymousScope({ chainId: 31337, community, proposalId: 12n })).toBe(expected);
    // The address's case does not matter; chain and proposal do.
    expect(
      anonymousScope({
        chainId: 31337n,
        community: community.toLowerCase() as never,
        proposalId: 12n,
      }),
    ).toBe(expected);
    expect(anonymousScope({ chainId: 1, community, proposalId: 12n })).not.toBe(expected);
    expect(anonymousScope({ chainId: 31337, community, proposalId: 13n })).not.toBe(expected);
  });

  it("anonymousMessage() is sequence << 8 | option, and decodeAnonymousMessage() undoes it", () => {
    const cases = [
      [{ option: 0, sequence: 1n }, 0x100n],
      [{ option: 31, sequence: 1n }, 0x11fn],
      [{ option: "abstain", sequence: 2n }, 0x2ffn],
      [{ option: "retract", sequence: 3n }, 0x3fen],
      [{ option: 1, sequence: 2n ** 64n - 1n }, ((2n ** 64n - 1n) << 8n) | 1n],
    ] as const;
    for (const [parts, message] of cases) {
      expect(anonymousMessage(parts)).toBe(message);
      expect(decodeAnonymousMessage(message)).toEqual(parts);
    }
    // Not messages the contract takes: no sequence, one too large, an option no proposal has.
    for (const message of [0n, 1n, 255n, 2n ** 72n, 2n ** 72n + 1n, 0x120n, 0x1fdn, -256n]) {
      expect(decodeAnonymousMessage(message), String(message)).toBeUndefined();
    }
    expect(() => anonymousMessage({ option: 32, sequence: 1n })).toThrow(AnonymousBallotError);
    expect(() => anonymousMessage({ option: 1.5, sequence: 1n })).toThrow("not 1.5");
    expect(() => anonymousMessage({ option: 1, sequence: 0n })).toThrow(
      "a ballot's sequence must be a bigint from 1 to 2^64 - 1, not 0",
    );
    expect(() => anonymousMessage({ option: 1, sequence: 2n ** 64n })).toThrow(
      AnonymousBallotError,
    );
    expect(() => anonymousMessage({ option: 1, sequence: 1 as never })).toThrow(
      AnonymousBallotError,
    );
  });

  it("resolveSemaphoreArtifacts() finds the installed circuits and names what is missing", async () => {
    const { wasm, zkey } = await resolveSemaphoreArtifacts(20);
    expect(wasm).toMatch(/semaphore-artifacts\/semaphore-20\.wasm$/);
    expect(zkey).toMatch(/semaphore-artifacts\/semaphore-20\.zkey$/);
    const missing = await resolveSemaphoreArtifacts(3, { directory: "/nonexistent" }).catch(
      (e) => e,
    );
    expect(missing).toBeInstanceOf(SemaphoreArtifactsNotFoundError);
    expect(missing.shortMessage).toBe(
      "the Semaphore circuit files for depth 3 were not found: /nonexistent/semaphore-3.wasm does not exist",
    );
    await expect(resolveSemaphoreArtifacts(33)).rejects.toThrow(
      "a tree depth from 1 to 32, not 33",
    );
    const bytes = await loadSemaphoreArtifacts(1);
    expect(bytes.wasm.byteLength).toBeGreaterThan(1_000_000);
  });

  it("createAnonymousBallot() refuses, before proving, identities outside the group and too small a depth", async () => {
    const members = Array.from({ length: 5 }, () => createIdentity());
    const group = new Group(members.map((m) => m.commitment)); // depth 3
    const base = {
      group,
      chainId: 31337,
      community,
      proposalId: 7n,
      option: 1,
      sequence: 1n,
    } as const;
    const outsider = await createAnonymousBallot({ ...base, identity: createIdentity() }).catch(
      (e) => e,
    );
    expect(outsider).toBeInstanceOf(IdentityNotInGroupError);
    expect(outsider.shortMessage).toBe("this identity is not in the group given for proposal 7");
    await expect(
      createAnonymousBallot({ ...base, identity: members[0] as Identity, merkleTreeDepth: 2 }),
    ).rejects.toThrow("a proof of depth 2 cannot hold a group of depth 3");
    await expect(
      createAnonymousBallot({ ...base, identity: members[0] as Identity, option: 40 }),
    ).rejects.toBeInstanceOf(AnonymousBallotError);
    await expect(
      createAnonymousBallot({ ...base, identity: members[0] as Identity, sequence: 0n }),
    ).rejects.toThrow("sequence must be a bigint from 1 to 2^64 - 1, not 0");
  });

  it("a proof at a larger depth than the group's verifies; toSemaphoreProof() round-trips; anonymousNullifier() is its nullifier", async () => {
    const members = Array.from({ length: 3 }, () => createIdentity());
    const group = new Group(members.map((m) => m.commitment));
    const proof = await createAnonymousBallot({
      identity: members[1] as Identity,
      group,
      chainId: 31337,
      community,
      proposalId: 7n,
      option: "abstain",
      sequence: 5n,
      merkleTreeDepth: 4,
    });
    expect(proof.merkleTreeDepth).toBe(4n);
    expect(proof.message).toBe((5n << 8n) | 255n);
    // Semaphore's circuit computes Poseidon(hash(scope), secret); the SDK gets the same without proving.
    const where = { chainId: 31337, community, proposalId: 7n } as const;
    expect(anonymousNullifier({ identity: members[1] as Identity, ...where })).toBe(
      proof.nullifier,
    );
    expect(anonymousNullifier({ identity: members[0] as Identity, ...where })).not.toBe(
      proof.nullifier,
    );
    expect(
      anonymousNullifier({ identity: members[1] as Identity, ...where, proposalId: 8n }),
    ).not.toBe(proof.nullifier);
    expect(proof.merkleTreeRoot).toBe(group.root);
    expect(fromSemaphoreProof(toSemaphoreProof(proof))).toEqual(proof);
    expect(await verifyAnonymousBallot(proof)).toBe(true);
    expect(await verifyAnonymousBallot({ ...proof, merkleTreeDepth: 3n })).toBe(false);
    expect(await verifyAnonymousBallot({ ...proof, merkleTreeDepth: 40n })).toBe(false);
  });
});
