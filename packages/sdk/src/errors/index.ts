export { type PlenumErrorsAbi, plenumErrorsAbi } from "./abi.ts";
export { BaseError, type BaseErrorParameters, type BaseErrorType, walk } from "./base.ts";
export {
  ContractRevertError,
  type ContractRevertErrorParameters,
  type RevertArgs,
  type RevertName,
} from "./contractRevert.ts";
export { type DecodeContractErrorContext, decodeContractError } from "./decode.ts";
export {
  type ErrorMessageContext,
  type ErrorMessages,
  errorMessages,
  formatContractError,
  formatDuration,
  formatTimepoint,
  type PlenumErrorArgs,
  type PlenumErrorName,
} from "./messages.ts";
