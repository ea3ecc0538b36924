// The relayer's signed-ballot route (mounted by the indexer, packages/indexer/src/relayer), served
// under this app's origin: the browser hands the member's EIP-712 signature over their ballots here,
// and the relayer sends `castVotesBySig` and pays the gas. A signed ballot names its voter anyway, so
// the member's address goes along as X-Forwarded-For for the relayer's per-client rate limit (an
// indexer reached only through this app runs with TRUST_PROXY=1).
import { forwardToRelayer } from "../../../../../relay/forwardToRelayer.ts";

export const dynamic = "force-dynamic";

/**
 * Forwards one batch of signed ballots (`?wait=1` included) to the relayer and returns its answer as is.
 * @example
 * // relaySignedBallots({ relayerUrl: `${location.origin}/api/relayer/`, ...signed })
 */
export function POST(request: Request): Promise<Response> {
  // The relayer's own cap (16 KiB by default) holds its largest batch of 32 ballots.
  return forwardToRelayer(request, {
    path: "/v1/signed-ballots",
    maxBodyBytes: 16_384,
    what: "the signed batch",
    forwardClient: true,
  });
}
