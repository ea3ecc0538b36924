import type {
  Address,
  Chain,
  Client,
  ContractFunctionArgs,
  ContractFunctionName,
  ContractFunctionReturnType,
  Transport,
} from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { checkAddress } from "../../address/checkAddress.ts";
import { decodeContractError } from "../../errors/decode.ts";
import { liquidGovernorAbi } from "../../generated/abis.ts";
import type { ReadParameters } from "./types.ts";

type Governor = typeof liquidGovernorAbi;
type ViewName = ContractFunctionName<Governor, "view" | "pure">;

/** Reads a view function of a community, decoding any revert into a plain error. */
export async function readGovernor<
  functionName extends ViewName,
  const args extends ContractFunctionArgs<Governor, "view" | "pure", functionName>,
>(
  client: Client<Transport, Chain | undefined>,
  community: Address,
  functionName: functionName,
  args: args,
  read: ReadParameters = {},
): Promise<ContractFunctionReturnType<Governor, "view" | "pure", functionName, args>> {
  checkAddress(community, "community");
  try {
    return (await getAction(
      client,
      readContract,
      "readContract",
    )({
      address: community,
      abi: liquidGovernorAbi,
      functionName,
      args,
      ...(read.blockNumber === undefined ? {} : { blockNumber: read.blockNumber }),
      ...(read.blockTag === undefined ? {} : { blockTag: read.blockTag }),
    } as never)) as never;
  } catch (error) {
    throw decodeContractError(error, { functionName, address: community });
  }
}
