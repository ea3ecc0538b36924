// Shared set-up for the anonymous-ballot tests: the action tests' world (real anvil, core deployed with
// `deployCore`, a community, members) plus anonymous proposals and a stand-in relayer over real HTTP.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Address } from "viem";
import { castAnonymousVote } from "../../src/actions/castAnonymousVote.ts";
import { proposeSync } from "../../src/actions/propose.ts";
import type { AnonymousProof } from "../../src/anonymous/proof.ts";
import { ContractRevertError } from "../../src/errors/contractRevert.ts";
import type { World } from "../actions/setup.ts";

export { createWorld, rejectionOf, type World } from "../actions/setup.ts";

/** A wallet of the world's anvil that is not a member: anonymous ballots may come from anyone. */
export function stranger(world: World, index = 19) {
  return world.clients.wallet(index);
}

/** Creates an anonymous proposal (records the group as it is now) and returns its id. */
export async function proposeAnonymous(
  world: World,
  options: { optionCount?: number; proposer?: number } = {},
): Promise<bigint> {
  const proposer = world.members[options.proposer ?? 0];
  if (!proposer) throw new Error("no proposer");
  const { proposalId } = await proposeSync(proposer, {
    community: world.community,
    topic: 0,
    // ProposalInput's `mode` type leaves "anonymous" out for now; the encoder maps it to VoteMode 2.
    mode: "anonymous" as never,
    optionCount: options.optionCount ?? 3,
    metadataURI: "Anonymous poll",
  });
  return proposalId;
}

/** What the stand-in relayer received, and how it should answer next. */
export interface StubRelayer {
  url: string;
  requests: { path: string; search: string; body: unknown }[];
  /** Answer the next request with this status and body instead of relaying. */
  failNext(status: number, body: unknown, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const decimal = /^(0|[1-9][0-9]*)$/;

function isDecimal(value: unknown): value is string {
  return typeof value === "string" && decimal.test(value);
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request) text += String(chunk);
  return text;
}

/**
 * A minimal relayer speaking the indexer relayer's HTTP API: it checks that every number is a decimal
 * string and that no key is missing or extra, then sends the ballot from its own wallet.
 */
export async function startStubRelayer(world: World, walletIndex = 18): Promise<StubRelayer> {
  const wallet = world.clients.wallet(walletIndex);
  const requests: StubRelayer["requests"] = [];
  let failure: { status: number; body: unknown; headers: Record<string, string> } | undefined;
  const reply = (
    res: import("node:http").ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return reply(res, 400, { error: { code: "MALFORMED_REQUEST", message: "not JSON" } });
    }
    requests.push({ path: url.pathname, search: url.search, body });
    if (failure) {
      const { status, body: answer, headers } = failure;
      failure = undefined;
      return reply(res, status, answer, headers);
    }
    if (req.method !== "POST" || url.pathname !== "/v1/anonymous-ballots") {
      return reply(res, 404, { error: { code: "NOT_FOUND", message: "no such route" } });
    }
    const { community, proposalId, proof, ...extra } = body as Record<string, unknown>;
    const p = (proof ?? {}) as Record<string, unknown>;
    const keys = ["merkleTreeDepth", "merkleTreeRoot", "nullifier", "message", "scope", "points"];
    const points = p.points as unknown[];
    if (
      Object.keys(extra).length > 0 ||
      typeof community !== "string" ||
      !isDecimal(proposalId) ||
      Object.keys(p).sort().join() !== [...keys].sort().join() ||
      !keys.slice(0, 5).every((key) => isDecimal(p[key])) ||
      !Array.isArray(points) ||
      points.length !== 8 ||
      !points.every(isDecimal)
    ) {
      return reply(res, 400, { error: { code: "MALFORMED_REQUEST", message: "bad shape" } });
    }
    const parsed: AnonymousProof = {
      merkleTreeDepth: BigInt(p.merkleTreeDepth as string),
      merkleTreeRoot: BigInt(p.merkleTreeRoot as string),
      nullifier: BigInt(p.nullifier as string),
      message: BigInt(p.message as string),
      scope: BigInt(p.scope as string),
      points: points.map((point) => BigInt(point as string)) as unknown as AnonymousProof["points"],
    };
    try {
      const transactionHash = await castAnonymousVote(wallet, {
        community: community as Address,
        proposalId: BigInt(proposalId),
        proof: parsed,
      });
      reply(res, 202, { transactionHash });
    } catch (error) {
      // As the indexer's relayer answers an old proof sent again.
      if (error instanceof ContractRevertError && error.is("AnonymousStaleBallot")) {
        return reply(res, 409, {
          error: {
            code: "STALE_BALLOT",
            message: error.shortMessage,
            lastSequence: error.args[3].toString(),
          },
        });
      }
      reply(res, 422, {
        error: {
          code: "SIMULATION_FAILED",
          message: (error as { shortMessage?: string }).shortMessage,
        },
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (status, body, headers = {}) => {
      failure = { status, body, headers };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
