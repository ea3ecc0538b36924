// The relayer's anonymous-ballot route (mounted by the indexer, packages/indexer/src/relayer), served
// under this app's origin like the GraphQL API: the browser hands its proof here and this route passes
// it on. The member's address is deliberately not passed on: the relayer sees this server, not the
// member, so it cannot put an address next to the ballot it sends; proofs and the per-nullifier limit
// bound abuse instead. This server sees the member's IP address and keeps no log of it
// (docs/anonymous-ballots.md, "Timing at the relayer").
import { forwardToRelayer } from "../../../../../relay/forwardToRelayer.ts";

export const dynamic = "force-dynamic";

/**
 * Forwards one anonymous ballot (`?wait=1` included) to the relayer and returns its answer as is.
 * @example
 * // relayAnonymousBallot({ relayerUrl: `${location.origin}/api/relayer/`, community, proposalId, proof })
 */
export function POST(request: Request): Promise<Response> {
  // A proof is about 2 KB.
  return forwardToRelayer(request, {
    path: "/v1/anonymous-ballots",
    maxBodyBytes: 16_384,
    what: "the ballot",
    forwardClient: false,
  });
}
