import {
  type AbiParameter,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  keccak256,
  RawContractError,
  toHex,
} from "viem";
import { describe, expect, it } from "vitest";
import { BaseError } from "../../src/errors/base.ts";
import { ContractRevertError } from "../../src/errors/contractRevert.ts";
import { decodeContractError } from "../../src/errors/decode.ts";
import {
  errorMessages,
  formatContractError,
  formatDuration,
  formatTimepoint,
} from "../../src/errors/messages.ts";
import {
  communityFactoryAbi,
  liquidGovernorAbi,
  timelockControllerAbi,
} from "../../src/generated/abis.ts";

const abis = { liquidGovernorAbi, communityFactoryAbi, timelockControllerAbi };
const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const B = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

/** A plausible value for an ABI parameter, so every error can be encoded and decoded. */
function sample(parameter: AbiParameter): unknown {
  const { type } = parameter;
  if (type === "address") return A;
  if (type === "string") return "maxDepth";
  if (type === "bytes32") return keccak256(toHex("operation"));
  if (type === "bool") return true;
  const uint = /^uint(\d+)$/.exec(type);
  if (uint) return Number(uint[1]) <= 48 ? 3 : 12n;
  throw new Error(`no sample for ${type}`);
}

/** A revert as viem reports it from a contract call. */
function viemRevert(data: `0x${string}`, functionName = "castVote") {
  return new ContractFunctionExecutionError(new RawContractError({ data }), {
    abi: liquidGovernorAbi,
    args: [1n, 0],
    functionName,
    contractAddress: A,
  });
}

describe("error messages", () => {
  const errors = Object.entries(abis).flatMap(([abiName, abi]) =>
    abi.filter((item) => item.type === "error").map((item) => ({ abiName, item })),
  );

  it("every custom error of the community, factory and timelock ABIs has a formatter", () => {
    const missing = errors
      .filter(
        ({ item }) => typeof (errorMessages as Record<string, unknown>)[item.name] !== "function",
      )
      .map(({ abiName, item }) => `${abiName}.${item.name}`);
    expect(missing).toEqual([]);
    expect(errors.length).toBeGreaterThan(60);
  });

  it("every error decodes from revert data into a plain message", () => {
    for (const { item } of errors) {
      const args = item.inputs.map(sample);
      const data = encodeErrorResult({ abi: [item], errorName: item.name, args } as never);
      const decoded = decodeContractError(viemRevert(data));
      expect(decoded, item.name).toBeInstanceOf(ContractRevertError);
      const revert = decoded as ContractRevertError;
      expect(revert.errorName).toBe(item.name);
      expect(revert.data).toBe(data);
      expect(revert.functionName).toBe("castVote");
      expect(revert.contractAddress).toBe(A);
      expect(revert.shortMessage, item.name).toMatch(/^[a-z0-9]/);
      expect(revert.shortMessage, item.name).not.toMatch(/undefined|\[object|NaN/);
      expect(revert.details).toContain(item.name);
    }
  });

  it("formats the messages people see", () => {
    const closeTime = BigInt(Date.parse("2026-11-28T10:00:00Z") / 1000);
    expect(errorMessages.VotingQuadraticCreditsExceeded([A, 49n, 25n], {})).toBe(
      "quadratic ballot costs 49 credits, you have 25",
    );
    expect(errorMessages.VotingNotMemberAtSnapshot([A, 12n], {})).toBe(
      `${A} was not a member when proposal 12 was created`,
    );
    expect(errorMessages.DelegationCycle([A, B, 2], {})).toBe(
      `delegating from ${A} to ${B} in topic 2 would create a cycle`,
    );
    expect(errorMessages.VotingClosed([12n, Number(closeTime)], {})).toBe(
      "voting on proposal 12 closed at 2026-11-28T10:00:00Z",
    );
    expect(errorMessages.DelegationTooDeep([A, B, 0, 9n, 8n], {})).toBe(
      `delegating from ${A} to ${B} in topic 0 would make a chain of 9 delegations; at most 8 are allowed`,
    );
    expect(errorMessages.ProposalBelowThreshold([A, 1n, 3n], {})).toBe(
      `proposing needs weight 3, ${A} has 1`,
    );
    expect(errorMessages.ProposalUnexpectedState([7n, 3], { functionName: "queue" })).toBe(
      "proposal 7 is defeated and cannot be queued",
    );
    expect(errorMessages.ProposalUnexpectedState([7n, 1], {})).toBe(
      "proposal 7 is active, which does not allow this",
    );
    expect(
      errorMessages.ProposalInvalidOptionCount([3], { functionName: "proposeExecutable" }),
    ).toBe("an executable proposal has exactly 2 options (against, for), not 3");
    expect(
      errorMessages.AccessControlUnauthorizedAccount([A, keccak256(toHex("REGISTRAR_ROLE"))], {}),
    ).toBe(`${A} does not have the registrar role`);
    expect(errorMessages.MembershipLengthMismatch([1n, 2n], {})).toBe(
      "1 account but 2 weights were given",
    );
    expect(errorMessages.DelegationUnknownTopic([4, 1], {})).toBe(
      "topic 4 does not exist (the community has 1 topic)",
    );
    const ready = `0x${"0".repeat(62)}04` as const;
    expect(errorMessages.TimelockUnexpectedOperationState([keccak256("0x01"), ready], {})).toMatch(
      /is not ready: its delay has not passed$/,
    );
  });

  it("formats durations and timepoints exactly", () => {
    expect(formatDuration(7 * 86_400)).toBe("7 days");
    expect(formatDuration(3600)).toBe("1 hour");
    expect(formatDuration(90)).toBe("90 seconds");
    expect(formatDuration(120n)).toBe("2 minutes");
    expect(formatDuration(0)).toBe("0 seconds");
    expect(formatTimepoint(1_893_456_000)).toBe("2030-01-01T00:00:00Z");
  });
});

describe("decodeContractError()", () => {
  it("decodes Error(string) and Panic(uint256)", () => {
    const reason = encodeErrorResult({
      abi: [{ type: "error", name: "Error", inputs: [{ name: "message", type: "string" }] }],
      errorName: "Error",
      args: ["not today"],
    });
    const error = decodeContractError(viemRevert(reason)) as ContractRevertError;
    expect(error.errorName).toBe("Error");
    expect(error.shortMessage).toBe("not today");
    const panic = encodeErrorResult({
      abi: [{ type: "error", name: "Panic", inputs: [{ name: "code", type: "uint256" }] }],
      errorName: "Panic",
      args: [0x11n],
    });
    expect(decodeContractError(viemRevert(panic)).shortMessage).toBe(
      "the contract panicked: an arithmetic operation overflowed",
    );
  });

  it("decodes a revert viem already decoded, from its raw data", () => {
    const data = encodeErrorResult({
      abi: liquidGovernorAbi,
      errorName: "ProposalNotFound",
      args: [12n],
    });
    const reverted = new ContractFunctionRevertedError({
      abi: liquidGovernorAbi,
      data,
      functionName: "state",
    });
    const error = decodeContractError(reverted);
    expect(error).toBeInstanceOf(ContractRevertError);
    expect(error.shortMessage).toBe("proposal 12 does not exist");
    expect(error.cause).toBe(reverted);
    expect(error.walk()).toBe(reverted.walk());
  });

  it("wraps an unknown selector, an empty revert and a non-revert error in a BaseError", () => {
    const unknown = decodeContractError(viemRevert("0xdeadbeef"));
    expect(unknown).not.toBeInstanceOf(ContractRevertError);
    expect(unknown.shortMessage).toBe("the contract reverted with an unknown error (0xdeadbeef)");
    const empty = decodeContractError(
      new ContractFunctionRevertedError({ abi: liquidGovernorAbi, functionName: "cancel" }),
      { functionName: "cancel" },
    );
    expect(empty.shortMessage).toBe("cancel reverted without a reason");
    const network = new Error("socket hang up");
    const wrapped = decodeContractError(network);
    expect(wrapped).toBeInstanceOf(BaseError);
    expect(wrapped.shortMessage).toBe("socket hang up");
    expect(wrapped.cause).toBe(network);
  });

  it("passes SDK errors through and walks causes", () => {
    const inner = new BaseError("inner");
    const outer = new BaseError("outer", { cause: inner, details: "more" });
    expect(decodeContractError(outer)).toBe(outer);
    expect(outer.message).toBe("outer\n\nDetails: more");
    expect(outer.walk()).toBe(inner);
    expect(outer.walk((e) => e instanceof BaseError && e.shortMessage === "inner")).toBe(inner);
    expect(outer.walk(() => false)).toBeNull();
  });

  it("formatContractError() covers reverts outside the table", () => {
    expect(formatContractError("ProposalNotFound", [3n])).toBe("proposal 3 does not exist");
    expect(formatContractError("SomethingNew", [])).toBe("the contract reverted with SomethingNew");
  });

  it("ContractRevertError.is() narrows the arguments", () => {
    const error: ContractRevertError = new ContractRevertError({
      errorName: "VotingClosed",
      args: [1n, 1_893_459_600],
    });
    expect(error.is("VotingClosed") && error.args[1]).toBe(1_893_459_600);
    expect(error.is("ProposalNotFound")).toBe(false);
    expect(error.shortMessage).toBe("voting on proposal 1 closed at 2030-01-01T01:00:00Z");
  });
});
