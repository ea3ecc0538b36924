// Test helpers: a relayer on an ephemeral port in front of a real anvil (from the SDK's harness),
// a plain HTTP client for it, and a proxy between relayer and node that can drop requests.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getTally, proposeSync } from "@plenum/sdk";
import { type Address, type Hex, toHex } from "viem";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  startAnvil,
  type TestCore,
} from "../../sdk/test/support/anvil.ts";
import { createLogger } from "../src/internal/logger.ts";
import { type RelayerConfig, withDefaults } from "../src/relayer/config.ts";
import { type CreateRelayerOptions, createRelayer, type Relayer } from "../src/relayer/relayer.ts";

export {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  startAnvil,
  type TestCore,
};

/** The private key of anvil dev account `index` (PUBLIC test keys). */
export function devKey(index: number): Hex {
  const key = devAccount(index).getHdKey().privateKey;
  if (!key) throw new Error("no private key");
  return toHex(key);
}

/** The dev account the test relayers send from. */
export const RELAYER_INDEX = 19;

export interface TestRelayer {
  relayer: Relayer;
  url: string;
  /** Every log line the relayer wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Every log line as written. */
  rawLogs: string[];
  close(): Promise<void>;
}

/** Starts a relayer on 127.0.0.1 and a free port, logging into memory. */
export async function startRelayer(
  rpcUrl: string,
  config: Partial<RelayerConfig> = {},
  options: CreateRelayerOptions = {},
): Promise<TestRelayer> {
  const rawLogs: string[] = [];
  const logger = createLogger({ level: "debug", sink: (line) => rawLogs.push(line) });
  const relayer = createRelayer(
    withDefaults({ privateKey: devKey(RELAYER_INDEX), rpcUrl, port: 0, ...config }),
    { logger, ...options },
  );
  const { url } = await relayer.start();
  return {
    relayer,
    url,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    close: () => relayer.close(),
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: Record<string, unknown> & { code: string } };
}

/** POSTs JSON (or a raw string) and parses the JSON answer. */
export async function post(
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body, bigintReplacer),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** GETs and parses the JSON answer. */
export async function get(url: string, path: string): Promise<Reply> {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function bigintReplacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? value.toString() : value;
}

/** A signed ballot from the SDK as the relayer's JSON body. */
export function signedBody(signed: {
  community: Address;
  voter: Address;
  deadline: bigint;
  nonce: bigint;
  signature: Hex;
  ballot?: { proposalId: bigint; option: number; votes: readonly number[] };
  ballots?: readonly { proposalId: bigint; option: number; votes: readonly number[] }[];
}) {
  const encode = (ballot: { proposalId: bigint; option: number; votes: readonly number[] }) => ({
    proposalId: ballot.proposalId.toString(),
    option: ballot.option,
    ...(ballot.votes.length > 0 ? { votes: [...ballot.votes] } : {}),
  });
  return {
    community: signed.community,
    voter: signed.voter,
    deadline: signed.deadline.toString(),
    nonce: signed.nonce.toString(),
    signature: signed.signature,
    ...(signed.ballots
      ? { ballots: signed.ballots.map(encode) }
      : { ballot: encode(signed.ballot as NonNullable<typeof signed.ballot>) }),
  };
}

/** What the flaky proxy does with the next JSON-RPC requests. */
export type ProxyMode =
  | "pass"
  /** Refuse every connection (the node is down). */
  | "down"
  /** Forward `eth_sendRawTransaction`, then drop the connection before the answer (the answer is lost). */
  | "lose-send-answers"
  /** The same for the next `eth_sendRawTransaction` only, then "pass". */
  | "lose-next-send-answer"
  /** Drop `eth_sendRawTransaction` before forwarding it (the transaction never arrives). */
  | "drop-sends";

/**
 * An HTTP proxy in front of the node whose behaviour the test switches. It counts the
 * `eth_sendRawTransaction` requests that reached the node.
 */
export async function startFlakyProxy(target: string) {
  let mode: ProxyMode = "pass";
  let sendsForwarded = 0;
  const targetUrl = new URL(target);
  const server: Server = createServer((req, res) => {
    if (mode === "down") {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const isSend = body.includes("eth_sendRawTransaction");
      if (isSend && mode === "drop-sends") {
        req.socket.destroy();
        return;
      }
      const upstream = httpRequest(
        {
          hostname: targetUrl.hostname,
          port: targetUrl.port,
          path: "/",
          method: "POST",
          headers: { "content-type": "application/json", "content-length": body.length },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => parts.push(chunk));
          answer.on("end", () => {
            if (isSend) sendsForwarded++;
            if (isSend && mode === "lose-next-send-answer") {
              mode = "pass";
              req.socket.destroy();
              return;
            }
            if (isSend && mode === "lose-send-answers") {
              req.socket.destroy();
              return;
            }
            res.writeHead(answer.statusCode ?? 502, { "content-type": "application/json" });
            res.end(Buffer.concat(parts));
          });
        },
      );
      upstream.on("error", () => req.socket.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setMode(next: ProxyMode) {
      mode = next;
    },
    sendsForwarded: () => sendsForwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Creates an anonymous proposal (mode 2) directly with viem and returns its id. The contract records
 * the community's group root at creation.
 */
export async function proposeAnonymous(
  anvil: Anvil,
  community: Address,
  options: { optionCount?: number; votingPeriod?: number; proposer?: number } = {},
): Promise<bigint> {
  const { proposalId } = await proposeSync(clientsFor(anvil).wallet(options.proposer ?? 1), {
    community,
    topic: 0,
    mode: "anonymous",
    optionCount: options.optionCount ?? 3,
    votingPeriod: options.votingPeriod ?? 3600,
    metadataURI: "",
  });
  return proposalId;
}

/** An anonymous ballot's proof as the relayer's JSON body. */
export function anonymousBody(
  community: Address,
  proposalId: bigint,
  proof: {
    merkleTreeDepth: bigint;
    merkleTreeRoot: bigint;
    nullifier: bigint;
    message: bigint;
    scope: bigint;
    points: readonly bigint[];
  },
) {
  return {
    community,
    proposalId: proposalId.toString(),
    proof: {
      merkleTreeDepth: proof.merkleTreeDepth.toString(),
      merkleTreeRoot: proof.merkleTreeRoot.toString(),
      nullifier: proof.nullifier.toString(),
      message: proof.message.toString(),
      scope: proof.scope.toString(),
      points: proof.points.map((point) => point.toString()),
    },
  };
}

/** Moves the chain's clock on: a proposal's snapshot is the second before it, so members added
 *  in the same second as a proposal would not count in it. */
export async function tick(anvil: Anvil, seconds = 2): Promise<void> {
  const { testClient } = clientsFor(anvil);
  await testClient.increaseTime({ seconds });
  await testClient.mine({ blocks: 1 });
}

/**
 * The contract's own per-option tallies of a proposal (`proposalTally` through the SDK's `getTally`),
 * as decimal strings: what an indexed tally must equal.
 *
 * @example
 * ```ts
 * expect(await contractTallies(anvil, community, 1n)).toEqual(["9", "5", "0"]);
 * ```
 */
export async function contractTallies(
  anvil: Anvil,
  community: Address,
  proposalId: bigint,
): Promise<string[]> {
  const { tallies } = await getTally(clientsFor(anvil).publicClient, { community, proposalId });
  return tallies.map(String);
}
