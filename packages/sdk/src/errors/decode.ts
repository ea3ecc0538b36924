import { type Address, decodeErrorResult, type Hex, isHex } from "viem";
import { plenumErrorsAbi } from "./abi.ts";
import { BaseError } from "./base.ts";
import { ContractRevertError, type RevertName } from "./contractRevert.ts";

/** What the caller knows about the failed call, to sharpen the message. */
export interface DecodeContractErrorContext {
  /** The contract function that was called. */
  functionName?: string | undefined;
  /** The contract that was called. */
  address?: Address | undefined;
}

function links(error: unknown): object[] {
  const chain: object[] = [];
  let current = error;
  while (current && typeof current === "object" && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function revertDataOf(link: object): Hex | undefined {
  const { raw, data } = link as { raw?: unknown; data?: unknown };
  for (const candidate of [raw, data, (data as { data?: unknown } | undefined)?.data]) {
    if (typeof candidate === "string" && isHex(candidate) && candidate.length >= 10) {
      return candidate;
    }
  }
  return undefined;
}

function stringProp(chain: object[], key: string): string | undefined {
  for (const link of chain) {
    const value = (link as Record<string, unknown>)[key];
    if (typeof value === "string" && value) return value;
  }
  return undefined;
}

/**
 * Turns any error from a contract call into an SDK error: a revert becomes a {@link ContractRevertError}
 * with a plain message decoded with the generated ABIs; anything else is wrapped in a {@link BaseError}
 * (with the original as `cause`). SDK errors pass through unchanged.
 * @example
 * import { decodeContractError } from "@plenum/sdk";
 * try {
 *   await walletClient.writeContract({ address: community, abi: liquidGovernorAbi, functionName: "castVote", args: [1n, 0] });
 * } catch (error) {
 *   console.log(decodeContractError(error).shortMessage); // "voting on proposal 1 closed at …"
 * }
 */
export function decodeContractError(
  error: unknown,
  context: DecodeContractErrorContext = {},
): BaseError {
  if (error instanceof BaseError) return error;
  const chain = links(error);
  const functionName = context.functionName ?? stringProp(chain, "functionName");
  const contractAddress = context.address ?? (stringProp(chain, "contractAddress") as Address);
  for (const link of chain) {
    const data = revertDataOf(link);
    if (!data) continue;
    try {
      const decoded = decodeErrorResult({ abi: plenumErrorsAbi, data });
      return new ContractRevertError({
        errorName: decoded.errorName as RevertName,
        args: (decoded.args ?? []) as never,
        data,
        functionName,
        contractAddress,
        cause: error,
      });
    } catch {
      return new BaseError(`the contract reverted with an unknown error (${data.slice(0, 10)})`, {
        cause: error,
      });
    }
  }
  const reverted = chain.find(
    (link) => (link as { name?: unknown }).name === "ContractFunctionRevertedError",
  );
  if (reverted) {
    const reason = stringProp([reverted], "reason");
    if (reason && reason !== "execution reverted") {
      return new ContractRevertError({
        errorName: "Error",
        args: [reason],
        functionName,
        contractAddress,
        cause: error,
      });
    }
    return new BaseError(
      `${functionName ? `${functionName} ` : "the call "}reverted without a reason`,
      { cause: error },
    );
  }
  const shortMessage = stringProp(chain, "shortMessage") ?? stringProp(chain, "message");
  return new BaseError(shortMessage ?? "an unexpected error occurred", { cause: error });
}
