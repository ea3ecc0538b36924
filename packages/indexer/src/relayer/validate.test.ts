import { describe, expect, it } from "vitest";
import { RelayerError } from "./errors.ts";
import {
  checkAnonymousMessage,
  MAX_SEQUENCE,
  parseAddress,
  parseAnonymousBallotRequest,
  parseSignedBallotsRequest,
  parseUint,
  SNARK_BASE_FIELD,
  SNARK_SCALAR_FIELD,
} from "./validate.ts";

const community = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const voter = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function proof(overrides: Record<string, unknown> = {}) {
  return {
    merkleTreeDepth: "2",
    merkleTreeRoot: "123",
    nullifier: "0x1c8",
    message: "1",
    scope: (2n ** 256n - 1n).toString(),
    points: ["1", "2", "3", "4", "5", "6", "7", "8"],
    ...overrides,
  };
}

function anonymous(overrides: Record<string, unknown> = {}, proofOverrides = {}) {
  return { community, proposalId: "12", proof: proof(proofOverrides), ...overrides };
}

function rejects(fn: () => unknown, field: string, message?: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RelayerError);
    const relayerError = error as RelayerError;
    expect(relayerError.code).toBe("MALFORMED_REQUEST");
    expect(relayerError.status).toBe(400);
    expect(relayerError.details.field).toBe(field);
    if (message) expect(relayerError.message).toMatch(message);
    return;
  }
  throw new Error(`expected ${field} to be rejected`);
}

describe("parseUint", () => {
  it("parseUint() takes decimal and 0x strings up to the bound", () => {
    expect(parseUint("0", "x")).toBe(0n);
    expect(parseUint("12", "x")).toBe(12n);
    expect(parseUint("0x0c", "x")).toBe(12n);
    expect(parseUint((2n ** 256n - 1n).toString(), "x")).toBe(2n ** 256n - 1n);
    expect(parseUint(`0x${"f".repeat(64)}`, "x")).toBe(2n ** 256n - 1n);
  });

  it("parseUint() refuses numbers (unless allowed), signs, leading zeros, floats and overflow", () => {
    for (const bad of [
      12,
      "-1",
      "+1",
      "012",
      "1.5",
      "1e3",
      " 1",
      "0x",
      "0xg",
      "",
      null,
      true,
      {},
    ]) {
      rejects(() => parseUint(bad, "x"), "x");
    }
    rejects(() => parseUint((2n ** 256n).toString(), "x"), "x", /at most/);
    rejects(() => parseUint(`0x1${"0".repeat(64)}`, "x"), "x");
    expect(parseUint(7, "x", 10n, { numbers: true })).toBe(7n);
    rejects(() => parseUint(1.5, "x", 10n, { numbers: true }), "x");
    rejects(() => parseUint(-1, "x", 10n, { numbers: true }), "x");
    rejects(() => parseUint(11, "x", 10n, { numbers: true }), "x", /at most 10/);
  });
});

describe("parseAddress", () => {
  it("parseAddress() accepts lower case and valid checksums, and refuses bad checksums", () => {
    expect(parseAddress(community.toLowerCase(), "a")).toBe(community);
    expect(parseAddress(community, "a")).toBe(community);
    rejects(() => parseAddress(community.replace("F", "f"), "a"), "a", /checksum/);
    rejects(() => parseAddress("0x1234", "a"), "a");
    rejects(() => parseAddress(`${community}00`, "a"), "a");
    rejects(() => parseAddress(42, "a"), "a");
  });
});

describe("parseAnonymousBallotRequest", () => {
  it("parseAnonymousBallotRequest() returns bigints in the contract's order", () => {
    const parsed = parseAnonymousBallotRequest(anonymous());
    expect(parsed).toEqual({
      community,
      proposalId: 12n,
      proof: {
        merkleTreeDepth: 2n,
        merkleTreeRoot: 123n,
        nullifier: 456n,
        message: 1n,
        scope: 2n ** 256n - 1n,
        points: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
      },
    });
    // Semaphore's own proof objects carry the depth as a number.
    expect(parseAnonymousBallotRequest(anonymous({}, { merkleTreeDepth: 20 })).proof).toMatchObject(
      { merkleTreeDepth: 20n },
    );
  });

  it("parseAnonymousBallotRequest() refuses extra and missing keys at every level", () => {
    rejects(() => parseAnonymousBallotRequest({ ...anonymous(), extra: 1 }), "extra", /unexpected/);
    rejects(() => parseAnonymousBallotRequest(anonymous({}, { extra: "1" })), "proof.extra");
    const { proof: _, ...noProof } = anonymous();
    rejects(() => parseAnonymousBallotRequest(noProof), "proof", /missing/);
    const { nullifier: __, ...noNullifier } = proof();
    rejects(
      () => parseAnonymousBallotRequest({ ...anonymous(), proof: noNullifier }),
      "proof.nullifier",
    );
    // JSON.parse makes "__proto__" an own key; it is refused like any other extra key.
    const polluted = JSON.parse(
      `{"__proto__":{"admin":true},${JSON.stringify(anonymous()).slice(1)}`,
    );
    rejects(() => parseAnonymousBallotRequest(polluted), "__proto__");
  });

  it("parseAnonymousBallotRequest() refuses non-objects", () => {
    for (const body of [null, [], "x", 1, true]) {
      rejects(() => parseAnonymousBallotRequest(body), "body", /JSON object/);
    }
    rejects(() => parseAnonymousBallotRequest(anonymous({ proof: [] })), "proof");
  });

  it("parseAnonymousBallotRequest() checks field ranges: depth 1..32, roots below the scalar field, points below the base field", () => {
    rejects(
      () => parseAnonymousBallotRequest(anonymous({}, { merkleTreeDepth: "0" })),
      "proof.merkleTreeDepth",
    );
    rejects(
      () => parseAnonymousBallotRequest(anonymous({}, { merkleTreeDepth: 33 })),
      "proof.merkleTreeDepth",
    );
    expect(
      parseAnonymousBallotRequest(anonymous({}, { merkleTreeDepth: "32" })).proof.merkleTreeDepth,
    ).toBe(32n);
    const r = SNARK_SCALAR_FIELD;
    expect(
      parseAnonymousBallotRequest(anonymous({}, { merkleTreeRoot: (r - 1n).toString() })).proof
        .merkleTreeRoot,
    ).toBe(r - 1n);
    rejects(
      () => parseAnonymousBallotRequest(anonymous({}, { merkleTreeRoot: r.toString() })),
      "proof.merkleTreeRoot",
      /scalar field/,
    );
    rejects(
      () => parseAnonymousBallotRequest(anonymous({}, { nullifier: r.toString() })),
      "proof.nullifier",
    );
    const points = proof().points;
    points[5] = SNARK_BASE_FIELD.toString();
    rejects(
      () => parseAnonymousBallotRequest(anonymous({}, { points })),
      "proof.points[5]",
      /base field/,
    );
    rejects(
      () => parseAnonymousBallotRequest(anonymous({}, { points: points.slice(0, 7) })),
      "proof.points",
    );
    rejects(
      () => parseAnonymousBallotRequest(anonymous({}, { points: "12345678" })),
      "proof.points",
    );
    rejects(() => parseAnonymousBallotRequest(anonymous({}, { message: 1 })), "proof.message");
    rejects(() => parseAnonymousBallotRequest(anonymous({ proposalId: 12 })), "proposalId");
  });
});

describe("parseSignedBallotsRequest", () => {
  const signature = `0x${"ab".repeat(65)}`;
  const single = {
    community,
    voter,
    deadline: "1900000000",
    signature,
    ballot: { proposalId: "3", option: 1 },
  };

  it("parseSignedBallotsRequest() takes one ballot (castVoteBySig)", () => {
    expect(parseSignedBallotsRequest(single)).toEqual({
      community,
      voter,
      deadline: 1_900_000_000n,
      signature,
      nonce: undefined,
      kind: "single",
      ballots: [{ proposalId: 3n, option: 1, votes: [] }],
    });
  });

  it("parseSignedBallotsRequest() takes a batch with quadratic votes and a nonce (castVotesBySig)", () => {
    const { ballot: _, ...rest } = single;
    const parsed = parseSignedBallotsRequest({
      ...rest,
      nonce: "0",
      ballots: [
        { proposalId: "3", option: "255" },
        { proposalId: "0x4", option: 0, votes: [1, "2", 0] },
      ],
    });
    expect(parsed.kind).toBe("batch");
    expect(parsed.nonce).toBe(0n);
    expect(parsed.ballots).toEqual([
      { proposalId: 3n, option: 255, votes: [] },
      { proposalId: 4n, option: 0, votes: [1, 2, 0] },
    ]);
  });

  it("parseSignedBallotsRequest() needs exactly one of ballot and ballots", () => {
    const { ballot, ...rest } = single;
    rejects(() => parseSignedBallotsRequest(rest), "ballot", /exactly one/);
    rejects(() => parseSignedBallotsRequest({ ...single, ballots: [ballot] }), "ballots");
    rejects(() => parseSignedBallotsRequest({ ...rest, ballots: [] }), "ballots");
    rejects(
      () => parseSignedBallotsRequest({ ...rest, ballots: Array(33).fill(ballot) }),
      "ballots",
      /1 to 32/,
    );
  });

  it("parseSignedBallotsRequest() checks option, votes, signature and addresses", () => {
    rejects(
      () => parseSignedBallotsRequest({ ...single, ballot: { proposalId: "3", option: 256 } }),
      "ballot.option",
    );
    rejects(
      () => parseSignedBallotsRequest({ ...single, ballot: { proposalId: "3", option: -1 } }),
      "ballot.option",
    );
    rejects(
      () =>
        parseSignedBallotsRequest({
          ...single,
          ballot: { proposalId: "3", option: 0, votes: [2 ** 32] },
        }),
      "ballot.votes[0]",
    );
    rejects(
      () =>
        parseSignedBallotsRequest({
          ...single,
          ballot: { proposalId: "3", option: 0, votes: Array(33).fill(0) },
        }),
      "ballot.votes",
    );
    rejects(
      () => parseSignedBallotsRequest({ ...single, ballot: { proposalId: "3", option: 0, x: 1 } }),
      "ballot.x",
    );
    rejects(() => parseSignedBallotsRequest({ ...single, signature: "0xabc" }), "signature");
    rejects(
      () => parseSignedBallotsRequest({ ...single, signature: `0x${"00".repeat(2049)}` }),
      "signature",
    );
    rejects(() => parseSignedBallotsRequest({ ...single, voter: "0x123" }), "voter");
    rejects(() => parseSignedBallotsRequest({ ...single, deadline: 1 }), "deadline");
    rejects(() => parseSignedBallotsRequest({ ...single, relayer: "x" }), "relayer");
  });
});

describe("checkAnonymousMessage", () => {
  it("checkAnonymousMessage() splits sequence << 8 | option", () => {
    expect(checkAnonymousMessage(0x100n, 3, 12n)).toEqual({ option: 0, sequence: 1n });
    expect(checkAnonymousMessage(0x302n, 3, 12n)).toEqual({ option: 2, sequence: 3n });
    expect(checkAnonymousMessage(0x1ffn, 3, 12n)).toEqual({ option: 255, sequence: 1n });
    expect(checkAnonymousMessage(0x2fen, 3, 12n)).toEqual({ option: 254, sequence: 2n });
    expect(checkAnonymousMessage((MAX_SEQUENCE << 8n) | 1n, 3, 12n)).toEqual({
      option: 1,
      sequence: MAX_SEQUENCE,
    });
  });

  it("checkAnonymousMessage() refuses a sequence of 0 or above 2^64 - 1 and an option the proposal lacks", () => {
    const refusal = (message: bigint, optionCount = 3) => {
      try {
        checkAnonymousMessage(message, optionCount, 12n);
      } catch (error) {
        return error as RelayerError;
      }
      throw new Error(`expected ${message} to be refused`);
    };
    const zero = refusal(1n);
    expect(zero).toMatchObject({ code: "INVALID_MESSAGE", status: 422 });
    expect(zero.message).toContain("its sequence is 0");
    expect(zero.details).toEqual({ option: 1, sequence: "0", optionCount: 3 });
    expect(refusal(((MAX_SEQUENCE + 1n) << 8n) | 1n).message).toContain("above 2^64 - 1");
    expect(refusal(2n ** 255n).code).toBe("INVALID_MESSAGE");
    const option = refusal(0x103n);
    expect(option.message).toContain("its option is 3, and proposal 12 has options 0 to 2");
    expect(option.details).toMatchObject({ option: 3, sequence: "1" });
    expect(refusal(0x1fdn).details).toMatchObject({ option: 253 });
  });
});
