// Why a transaction did not go through, in plain words: the SDK's decoded contract errors already
// are ("quadratic ballot costs 49 credits, you have 25"); wallet refusals and lost connections get
// their own sentence.
import { BaseError as SdkError } from "@plenum/sdk";
import { UserRejectedRequestError, BaseError as ViemError } from "viem";

/**
 * A person-readable reason for a failed ballot transaction.
 * @example
 * txErrorMessage(new Error("User rejected the request.")) // "You declined the request in your wallet."
 */
export function txErrorMessage(error: unknown): string {
  if (error instanceof SdkError) return sentence(error.shortMessage);
  if (error instanceof ViemError) {
    const rejected = error.walk((e) => e instanceof UserRejectedRequestError);
    if (rejected || /rejected|denied/i.test(error.shortMessage)) {
      return "You declined the request in your wallet.";
    }
    return sentence(error.shortMessage);
  }
  if (error instanceof Error) {
    if (/rejected|denied/i.test(error.message)) return "You declined the request in your wallet.";
    return sentence(error.message.split("\n")[0] ?? "The transaction failed.");
  }
  return "The transaction failed.";
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
