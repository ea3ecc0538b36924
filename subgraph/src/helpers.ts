// What every handler shares: ids built with `concat` (The Graph's Bytes-id convention), CAIP-10
// account ids like the indexer's, and the position fields every entity carries.
import { Address, BigInt, Bytes, dataSource, ethereum } from "@graphprotocol/graph-ts";

/** `eip155:<chainId>:<lowercase address>`, the indexer's account id. */
export function caip10(chainId: i32, address: Address): string {
  return "eip155:" + chainId.toString() + ":" + address.toHexString();
}

/** The chain id the manifest was rendered for: the factory's context, passed on to each community. */
export function chainId(): i32 {
  return dataSource.context().getI32("chainId");
}

/** The account id of `address` on this chain. */
export function account(address: Address): string {
  return caip10(chainId(), address);
}

/** Id of an entity made by one log (an immutable `*Event`): transaction hash ++ log index. */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

/** A uint256 as 32 big-endian bytes (ids with a fixed width, so concatenations never collide). */
export function toBytes32(value: BigInt): Bytes {
  const little = Bytes.fromBigInt(value);
  const out = new Bytes(32);
  const n = little.length < 32 ? little.length : 32;
  for (let i = 0; i < n; i++) out[31 - i] = little[i];
  return out;
}

/** A member's id (also their Identity's): community ++ account. */
export function memberId(community: Address, member: Address): Bytes {
  return community.concat(member);
}

/** A topic's id: community ++ topic number. */
export function topicId(community: Address, topic: i32): Bytes {
  return community.concatI32(topic);
}

/** A proposal's id: community ++ proposal id (32 bytes). */
export function proposalEntityId(community: Address, proposalId: BigInt): Bytes {
  return community.concat(toBytes32(proposalId));
}

/** The option value that abstains, in `VoteCast` and `AnonymousVoteCast`. */
export const ABSTAIN: i32 = 255;

/** `VoteMode` by name, as the indexer spells it. */
export function modeName(mode: i32): string {
  if (mode == 0) return "single";
  if (mode == 1) return "quadratic";
  if (mode == 2) return "anonymous";
  return "unknown";
}
