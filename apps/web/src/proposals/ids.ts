// The indexer's GraphQL ids (CAIP-10 based) for the configured community.
import { indexedProposalId } from "@plenum/sdk";
import type { Address } from "viem";

/**
 * A community's GraphQL id: `eip155:<chainId>:<address in lower case>`.
 * @example
 * communityGraphId(31337, "0x8EFa1819Ff5B279077368d44B593a4543280e402")
 * // "eip155:31337:0x8efa1819ff5b279077368d44b593a4543280e402"
 */
export function communityGraphId(chainId: number, community: Address): string {
  return `eip155:${chainId}:${community.toLowerCase()}`;
}

/**
 * A member's GraphQL id: `<community id>-<address in lower case>`.
 * @example
 * memberGraphId(31337, community, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8")
 */
export function memberGraphId(chainId: number, community: Address, member: Address): string {
  return `${communityGraphId(chainId, community)}-${member.toLowerCase()}`;
}

/**
 * A proposal's GraphQL id (the SDK's `indexedProposalId`).
 * @example
 * proposalGraphId(31337, community, 1n) // "eip155:31337:0x8efa…-1"
 */
export function proposalGraphId(chainId: number, community: Address, proposalId: bigint): string {
  return indexedProposalId(chainId, community, proposalId);
}
