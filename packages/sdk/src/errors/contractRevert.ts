import type { Address, Hex } from "viem";
import { BaseError } from "./base.ts";
import {
  type ErrorMessageContext,
  formatContractError,
  type PlenumErrorArgs,
  type PlenumErrorName,
} from "./messages.ts";

/** Names a {@link ContractRevertError} can carry: a custom error, `Error(string)` or `Panic(uint256)`. */
export type RevertName = PlenumErrorName | "Error" | "Panic";

/** The decoded arguments of a revert named `name`. */
export type RevertArgs<name extends RevertName> = name extends PlenumErrorName
  ? PlenumErrorArgs<name>
  : name extends "Error"
    ? readonly [reason: string]
    : readonly [code: bigint];

/** What {@link ContractRevertError} is built from. */
export interface ContractRevertErrorParameters<name extends RevertName = RevertName> {
  /** The error's name in the ABI (`VotingClosed`), or `Error` / `Panic`. */
  errorName: name;
  /** Its decoded arguments. */
  args: RevertArgs<name>;
  /** The raw revert data, when the error came from the chain (absent for pre-flight checks). */
  data?: Hex | undefined;
  /** The contract function that reverted, when known. */
  functionName?: string | undefined;
  /** The contract that reverted, when known. */
  contractAddress?: Address | undefined;
  /** The viem error the revert was decoded from. */
  cause?: unknown;
}

function formatArg(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value.startsWith("0x") ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatArg).join(", ")}]`;
  return String(value);
}

/**
 * A contract revert decoded with the generated ABIs: `errorName` and typed `args` for code, and a plain
 * `shortMessage` for people ("quadratic ballot costs 49 credits, you have 25").
 * @example
 * import { ContractRevertError, castQuadraticVote } from "@plenum/sdk";
 * try {
 *   await castQuadraticVote(client, { community, proposalId: 3n, votes: [7, 0] });
 * } catch (error) {
 *   if (error instanceof ContractRevertError && error.is("VotingQuadraticCreditsExceeded"))
 *     console.log(error.args[1], error.shortMessage); // 49n "quadratic ballot costs 49 credits, you have 25"
 * }
 */
export class ContractRevertError<name extends RevertName = RevertName> extends BaseError {
  override name = "ContractRevertError";
  /** The error's name in the ABI, or `Error` / `Panic`. */
  errorName: name;
  /** The error's decoded arguments. */
  args: RevertArgs<name>;
  /** The raw revert data (absent when an SDK pre-flight check found the problem first). */
  data: Hex | undefined;
  /** The contract function that reverted, when known. */
  functionName: string | undefined;
  /** The contract that reverted, when known. */
  contractAddress: Address | undefined;

  constructor(parameters: ContractRevertErrorParameters<name>) {
    const { errorName, args, data, functionName, contractAddress, cause } = parameters;
    const context: ErrorMessageContext = { functionName };
    super(formatContractError(errorName, args as readonly unknown[], context), {
      cause,
      details: `${errorName}(${(args as readonly unknown[]).map(formatArg).join(", ")})${
        functionName ? ` in ${functionName}` : ""
      }`,
    });
    this.errorName = errorName;
    this.args = args;
    this.data = data;
    this.functionName = functionName;
    this.contractAddress = contractAddress;
  }

  /**
   * Narrows the error to one name, so that `args` is typed.
   * @example
   * if (error.is("VotingClosed")) console.log(error.args[1]); // voteEnd
   */
  is<other extends RevertName>(errorName: other): this is ContractRevertError<other> {
    return (this.errorName as string) === errorName;
  }
}
