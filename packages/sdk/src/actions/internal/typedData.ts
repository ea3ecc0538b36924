import type { Account, Address, Chain, Client, Transport } from "viem";
import { getBlock, getChainId, readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { decodeContractError } from "../../errors/decode.ts";
import { liquidGovernorAbi } from "../../generated/abis.ts";

/** EIP-712 types of signed ballots, exactly as `VotingBySignature` hashes them. */
export const ballotTypes = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "option", type: "uint8" },
    { name: "votes", type: "uint32[]" },
  ],
  CastVote: [
    { name: "ballot", type: "Ballot" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  CastVotes: [
    { name: "ballots", type: "Ballot[]" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** The EIP-712 domain of a community. */
export async function ballotDomain(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  community: Address,
) {
  const chainId = client.chain?.id ?? (await getAction(client, getChainId, "getChainId")({}));
  return { name: "Plenum", version: "1", chainId, verifyingContract: community } as const;
}

/** `nonces(voter)` unless given, and a deadline one hour after the latest block unless given. */
export async function nonceAndDeadline(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  community: Address,
  voter: Address,
  nonce: bigint | undefined,
  deadline: bigint | undefined,
): Promise<{ nonce: bigint; deadline: bigint }> {
  try {
    const [n, d] = await Promise.all([
      nonce ??
        getAction(
          client,
          readContract,
          "readContract",
        )({ address: community, abi: liquidGovernorAbi, functionName: "nonces", args: [voter] }),
      deadline ??
        getAction(client, getBlock, "getBlock")({}).then((block) => block.timestamp + 3600n),
    ]);
    return { nonce: n, deadline: d };
  } catch (error) {
    throw decodeContractError(error);
  }
}
