// CommunityFactory: each `CommunityCreated` makes a Community and starts its template, which indexes
// everything the community itself emits. The chain id travels in the data source context.
import { BigInt, DataSourceContext } from "@graphprotocol/graph-ts";
import { CommunityCreated } from "../generated/CommunityFactory/CommunityFactory";
import { Community } from "../generated/schema";
import { Community as CommunityTemplate } from "../generated/templates";
import { caip10, chainId } from "./helpers";

export function handleCommunityCreated(event: CommunityCreated): void {
  const chain = chainId();
  const community = new Community(event.params.community);
  community.address = event.params.community;
  community.chainId = chain;
  community.timelock = caip10(chain, event.params.timelock);
  community.creator = caip10(chain, event.params.creator);
  community.implementation = event.params.implementation;
  community.registrar = caip10(chain, event.params.registrar);
  community.bootstrapAdmin = caip10(chain, event.params.bootstrapAdmin);
  community.memberCount = 0;
  community.totalWeight = BigInt.zero();
  community.blockNumber = event.block.number;
  community.blockTimestamp = event.block.timestamp;
  community.logIndex = event.logIndex.toI32();
  community.transactionHash = event.transaction.hash;
  community.save();

  const context = new DataSourceContext();
  context.setI32("chainId", chain);
  CommunityTemplate.createWithContext(event.params.community, context);
}
