import { createHmac, randomBytes } from "node:crypto";
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { liquidGovernorAbi } from "@plenum/sdk";
import {
  type Address,
  type Chain,
  createPublicClient,
  defineChain,
  encodeFunctionData,
  type Hash,
  type Hex,
  http,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createLogger, type Logger } from "../internal/logger.ts";
import { toRelayerError } from "./chainErrors.ts";
import { createCommunityRegistry } from "./communities.ts";
import type { RelayerConfig } from "./config.ts";
import { RelayerError } from "./errors.ts";
import { readJsonBody, sendError, sendJson } from "./http.ts";
import { createMemoryLimiter, type RateLimit, type RateLimiter } from "./limiter.ts";
import { verifyAnonymousProof } from "./proofs.ts";
import { connectRedis, createRedisLimiter } from "./redisLimiter.ts";
import { createSubmitter } from "./submitter.ts";
import {
  type AnonymousBallotRequest,
  type AnonymousProofInput,
  parseAnonymousBallotRequest,
  parseSignedBallotsRequest,
  type SignedBallotsRequest,
} from "./validate.ts";

/** A relayer: an HTTP request handler, and a server around it. */
export interface Relayer {
  /** The account that sends and pays. */
  readonly address: Address;
  /**
   * The node `http` request handler. Mounted in another server, pass `next` to hand on requests
   * outside `/v1/anonymous-ballots`, `/v1/signed-ballots` and `/v1/health` (404 otherwise).
   */
  handle(req: IncomingMessage, res: ServerResponse, next?: () => void): void;
  /** Checks the node's chain, then listens on `config.host:config.port`; resolves with the URL. */
  start(): Promise<{ url: string; port: number }>;
  /** Stops listening, ends open connections and releases the limiters. */
  close(): Promise<void>;
}

/** What {@link createRelayer} takes besides the configuration (tests, embedding). */
export interface CreateRelayerOptions {
  logger?: Logger;
  /** Replaces the per-client limiter (keys are salted hashes of client addresses). */
  clientLimiter?: RateLimiter;
  /** Replaces the per-nullifier / per-voter limiter. */
  subjectLimiter?: RateLimiter;
  /** Replaces the off-chain proof check (default: `verifyProof` from `@semaphore-protocol/proof`). */
  verifyProof?: (proof: AnonymousProofInput) => Promise<boolean>;
  /** Submitter timing (tests use short delays). */
  broadcastAttempts?: number;
  retryDelayMs?: number;
}

interface ProposalGroup {
  scope: bigint;
  root: bigint;
}

/** The option value that withdraws a ballot. */
const RETRACT = 254n;

const routes: Record<string, "POST" | "GET"> = {
  "/v1/anonymous-ballots": "POST",
  "/v1/signed-ballots": "POST",
  "/v1/health": "GET",
};

/**
 * Creates the relayer for anonymous (Semaphore) and EIP-712 signed ballots. Every request is
 * validated strictly, checked off-chain and against the chain, simulated, and only then sent from
 * `config.privateKey`, one transaction at a time.
 * @example
 * import { createRelayer, loadRelayerConfig } from "@plenum/indexer/relayer";
 * const relayer = createRelayer(loadRelayerConfig(process.env));
 * const { url } = await relayer.start();
 */
export function createRelayer(config: RelayerConfig, options: CreateRelayerOptions = {}): Relayer {
  const logger = (options.logger ?? createLogger({ level: config.logLevel })).child({
    service: "relayer",
  });
  const account = privateKeyToAccount(config.privateKey);
  const client: PublicClient = createPublicClient({
    transport: http(config.rpcUrl, {
      timeout: config.rpcTimeoutMs,
      retryCount: 1,
      retryDelay: 100,
    }),
  });
  let chainPromise: Promise<Chain> | undefined;
  const chain = () => {
    chainPromise ??= client.getChainId().then(
      (id) => {
        if (config.chainId !== undefined && id !== config.chainId) {
          throw new Error(`RPC_URL is on chain ${id}, but CHAIN_ID is ${config.chainId}`);
        }
        return defineChain({
          id,
          name: `chain ${id}`,
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: { default: { http: [config.rpcUrl] } },
        });
      },
      (error) => {
        chainPromise = undefined;
        throw error;
      },
    );
    return chainPromise;
  };

  const registry = createCommunityRegistry({
    client,
    communities: config.communities,
    factory: config.factory,
  });
  // The two limiters never share a key space: client buckets are keyed by a salted hash of the
  // client's address, subject buckets by a nullifier or a voter, each under its own prefix.
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  const limiter = (rate: RateLimit, name: "client" | "subject"): RateLimiter =>
    redis
      ? createRedisLimiter({
          redis,
          prefix: `plenum:relayer:${name}`,
          ...rate,
          fallbackMaxEntries: config.maxRateLimitEntries,
          logger,
          name,
        })
      : createMemoryLimiter({ ...rate, maxEntries: config.maxRateLimitEntries });
  const clientLimiter = options.clientLimiter ?? limiter(config.clientRateLimit, "client");
  const subjectLimiter = options.subjectLimiter ?? limiter(config.subjectRateLimit, "subject");
  const verify = options.verifyProof ?? verifyAnonymousProof;
  const submitter = createSubmitter({
    client,
    account,
    chain,
    logger,
    ...(options.broadcastAttempts === undefined
      ? {}
      : { broadcastAttempts: options.broadcastAttempts }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  });
  // Client addresses only ever key a bucket as a salted hash; the salt never leaves the process.
  const salt = config.clientKeySalt ?? randomBytes(32).toString("hex");
  const groups = new Map<string, ProposalGroup>();
  let inFlight = 0;
  let server: Server | undefined;

  const clientKey = (req: IncomingMessage): string => {
    let address = req.socket.remoteAddress ?? "unknown";
    if (config.trustProxy) {
      const forwarded = req.headers["x-forwarded-for"];
      const last = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean)
        .pop();
      if (last) address = last;
    }
    return `c:${createHmac("sha256", salt).update(address).digest("base64url").slice(0, 22)}`;
  };

  const limit = async (limiter: RateLimiter, key: string, what: string) => {
    const decision = await limiter.take(key);
    if (decision.allowed) return;
    const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw new RelayerError(
      "RATE_LIMITED",
      `too many requests ${what}; try again in ${retryAfter} s`,
      { retryAfter },
      { retryAfter },
    );
  };

  const requireServed = async (community: Address) => {
    let served: boolean;
    try {
      served = await registry.isServed(community);
    } catch (error) {
      throw toRelayerError(error);
    }
    if (!served) {
      throw new RelayerError(
        "UNKNOWN_COMMUNITY",
        `this relayer does not serve community ${community}`,
        { community },
      );
    }
  };

  /** The proposal's scope and recorded group root: fixed at creation, so cached. */
  const proposalGroup = async (community: Address, proposalId: bigint): Promise<ProposalGroup> => {
    const key = `${community}:${proposalId}`;
    const cached = groups.get(key);
    if (cached) return cached;
    const read = <name extends "anonymousScope" | "proposalGroup">(functionName: name) =>
      client.readContract({
        address: community,
        abi: liquidGovernorAbi,
        functionName,
        args: [proposalId],
      } as never) as Promise<name extends "anonymousScope" ? bigint : readonly [bigint, bigint]>;
    let scope: bigint;
    let root: bigint;
    try {
      const [scopeResult, group] = await Promise.all([
        read("anonymousScope"),
        read("proposalGroup"),
      ]);
      scope = scopeResult as bigint;
      root = (group as readonly [bigint, bigint])[0];
    } catch (error) {
      throw toRelayerError(error, { functionName: "anonymousScope", address: community });
    }
    const value = { scope, root };
    if (groups.size >= 10_000) groups.delete(groups.keys().next().value as string);
    groups.set(key, value);
    return value;
  };

  /** Simulates the call from the relayer's account and returns its gas limit with headroom. */
  const prepare = async ({ address, functionName, args }: Call): Promise<bigint> => {
    const call = { address, functionName, args };
    const request = { ...call, abi: liquidGovernorAbi, account: account.address } as never;
    let estimate: bigint;
    try {
      await client.simulateContract(request);
      estimate = await client.estimateContractGas(request);
    } catch (error) {
      throw toRelayerError(error, { functionName: call.functionName, address: call.address });
    }
    // Checkpointed state may need a new history slot if the transaction lands a second later than
    // the estimate saw (the SDK adds the same headroom).
    const gas = (estimate * 5n) / 4n + 40_000n;
    if (gas > config.maxGas) {
      throw new RelayerError(
        "GAS_LIMIT_EXCEEDED",
        `the transaction needs about ${gas} gas; this relayer pays for at most ${config.maxGas}`,
        { gas: gas.toString(), maxGas: config.maxGas.toString() },
      );
    }
    return gas;
  };

  type Call = { address: Address; functionName: string; args: readonly unknown[]; data: Hex };
  const callOf = (address: Address, functionName: string, args: readonly unknown[]): Call => ({
    address,
    functionName,
    args,
    data: encodeFunctionData({ abi: liquidGovernorAbi, functionName, args } as never),
  });

  /**
   * Answers with `sent` (a call found in the dedupe window), or sends the call with `gas` first;
   * 202 with the hash, or 200 after the receipt with `wait`.
   */
  const send = async (
    res: ServerResponse,
    wait: boolean,
    call: Call,
    how: { sent: Hash } | { gas: bigint },
  ) => {
    let hash: Hash;
    let duplicate = true;
    if ("sent" in how) hash = how.sent;
    else {
      try {
        ({ hash, duplicate } = await submitter.submit({
          to: call.address,
          data: call.data,
          gas: how.gas,
        }));
      } catch (error) {
        throw toRelayerError(error);
      }
    }
    if (!wait)
      return sendJson(res, 202, { transactionHash: hash, ...(duplicate && { duplicate }) });
    let receipt: Awaited<ReturnType<PublicClient["waitForTransactionReceipt"]>>;
    try {
      receipt = await client.waitForTransactionReceipt({
        hash,
        timeout: config.receiptTimeoutMs,
        pollingInterval: 250,
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === "WaitForTransactionReceiptTimeoutError" || name === "TimeoutError") {
        throw new RelayerError(
          "RECEIPT_TIMEOUT",
          "the transaction was sent but no receipt arrived in time; it may still be mined",
          { transactionHash: hash },
        );
      }
      const mapped = toRelayerError(error);
      throw new RelayerError(mapped.code, mapped.message, {
        ...mapped.details,
        transactionHash: hash,
      });
    }
    if (receipt.status !== "success") {
      throw new RelayerError("TRANSACTION_REVERTED", "the transaction was mined but reverted", {
        transactionHash: hash,
        blockNumber: receipt.blockNumber.toString(),
      });
    }
    sendJson(res, 200, {
      transactionHash: hash,
      blockNumber: receipt.blockNumber.toString(),
      status: "success",
      ...(duplicate && { duplicate }),
    });
  };

  /** Whether `sent` (a transaction with this proof) is mined and the ballot no longer matches it. */
  const anonymousBallotMoved = async (
    community: Address,
    proposalId: bigint,
    proof: AnonymousProofInput,
    sent: Hash,
  ): Promise<boolean> => {
    try {
      const receipt = await client.getTransactionReceipt({ hash: sent });
      if (receipt.status !== "success") return true;
    } catch (error) {
      if ((error as { name?: string }).name === "TransactionReceiptNotFoundError") return false;
      throw toRelayerError(error);
    }
    let voted: boolean;
    let option: number;
    try {
      [voted, option] = (await client.readContract({
        address: community,
        abi: liquidGovernorAbi,
        functionName: "anonymousBallotOf",
        args: [proposalId, proof.nullifier],
      } as never)) as [boolean, number];
    } catch (error) {
      throw toRelayerError(error, { functionName: "anonymousBallotOf", address: community });
    }
    return proof.message === RETRACT ? voted : !voted || BigInt(option) !== proof.message;
  };

  const anonymousBallot = async (req: IncomingMessage, res: ServerResponse, wait: boolean) => {
    const request: AnonymousBallotRequest = parseAnonymousBallotRequest(
      await readJsonBody(req, config.maxBodyBytes),
    );
    const { community, proposalId, proof } = request;
    await requireServed(community);
    const call = callOf(community, "castAnonymousVote", [proposalId, { ...proof }]);
    // The same proof again (a client retrying) gets the first answer without any other work, unless
    // that transaction is mined and the ballot has changed since: then replaying the proof is a
    // new vote (back to this option) and is checked and sent as one.
    const sent = await submitter.lookup({ to: community, data: call.data });
    if (sent) {
      if (!(await anonymousBallotMoved(community, proposalId, proof, sent))) {
        return send(res, wait, call, { sent });
      }
      submitter.forget({ to: community, data: call.data });
    }
    const group = await proposalGroup(community, proposalId);
    if (proof.scope !== group.scope) {
      throw new RelayerError(
        "SCOPE_MISMATCH",
        `the proof was made for another proposal, community or chain: proposal ${proposalId} needs scope ${group.scope}`,
        { expected: group.scope.toString(), given: proof.scope.toString() },
      );
    }
    // A root of 0 is no group (a public proposal, or no identities yet): let the simulation say which.
    if (group.root !== 0n && proof.merkleTreeRoot !== group.root) {
      throw new RelayerError(
        "ROOT_MISMATCH",
        `the proof is against another group root than the one proposal ${proposalId} recorded at creation (rebuild the group as it was then)`,
        { expected: group.root.toString(), given: proof.merkleTreeRoot.toString() },
      );
    }
    if (!(await verify(proof))) {
      throw new RelayerError("INVALID_PROOF", "the zero-knowledge proof does not verify");
    }
    // Only a verified proof counts against its nullifier, so nobody can use up someone else's.
    await limit(subjectLimiter, `n:${proof.nullifier.toString(16)}`, "for this nullifier");
    const gas = await prepare(call);
    await send(res, wait, call, { gas });
  };

  const signedBallots = async (req: IncomingMessage, res: ServerResponse, wait: boolean) => {
    const request: SignedBallotsRequest = parseSignedBallotsRequest(
      await readJsonBody(req, config.maxBodyBytes),
      config.maxBallots,
    );
    const { community, voter, deadline, signature, nonce, kind, ballots } = request;
    await requireServed(community);
    const call =
      kind === "single"
        ? callOf(community, "castVoteBySig", [ballots[0], voter, deadline, signature])
        : callOf(community, "castVotesBySig", [ballots, voter, deadline, signature]);
    const sent = await submitter.lookup({ to: community, data: call.data });
    if (sent) return send(res, wait, call, { sent });
    if (nonce !== undefined) {
      let current: bigint;
      try {
        current = (await client.readContract({
          address: community,
          abi: liquidGovernorAbi,
          functionName: "nonces",
          args: [voter],
        } as never)) as bigint;
      } catch (error) {
        throw toRelayerError(error, { functionName: "nonces", address: community });
      }
      if (current !== nonce) {
        throw new RelayerError(
          "NONCE_MISMATCH",
          `the ballot was signed with nonce ${nonce}, but ${voter}'s next nonce is ${current} (${
            current > nonce ? "it was already used" : "it was signed ahead"
          })`,
          { expected: current.toString(), given: nonce.toString() },
        );
      }
    }
    // The simulation checks the signature, so a forged request cannot use up the voter's budget.
    const gas = await prepare(call);
    await limit(subjectLimiter, `v:${voter.toLowerCase()}`, "for this voter");
    await send(res, wait, call, { gas });
  };

  const health = async (res: ServerResponse) => {
    const communities = registry.describe();
    try {
      const [resolved, balance] = await Promise.all([
        chain(),
        client.getBalance({ address: account.address }),
      ]);
      sendJson(res, 200, {
        status: "ok",
        relayer: account.address,
        chainId: resolved.id,
        balance: balance.toString(),
        communities,
        rateLimits: redis ? "redis" : "memory",
        transactionsSent: submitter.sent(),
      });
    } catch (error) {
      const mapped = toRelayerError(error);
      sendJson(
        res,
        503,
        {
          status: "degraded",
          relayer: account.address,
          communities,
          error: { code: mapped.code, message: mapped.message },
        },
        { "retry-after": "5" },
      );
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse, path: string, url: URL) => {
    const method = routes[path];
    if (req.method !== method && !(method === "GET" && req.method === "HEAD")) {
      res.setHeader("allow", method ?? "");
      throw new RelayerError("METHOD_NOT_ALLOWED", `${path} takes ${method} requests`);
    }
    await limit(clientLimiter, clientKey(req), "from this client");
    const waitParam = url.searchParams.get("wait");
    if (waitParam !== null && !["0", "1", "true", "false"].includes(waitParam)) {
      throw new RelayerError("MALFORMED_REQUEST", "wait must be 1 or 0", { field: "wait" });
    }
    const wait = waitParam === "1" || waitParam === "true";
    if (path === "/v1/anonymous-ballots") return anonymousBallot(req, res, wait);
    if (path === "/v1/signed-ballots") return signedBallots(req, res, wait);
    return health(res);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, next?: () => void) => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://relayer.invalid");
    } catch {
      return sendError(res, new RelayerError("NOT_FOUND", "no such route"));
    }
    const path = url.pathname.replace(/\/+$/, "") || "/";
    if (!(path in routes)) {
      if (next) return next();
      return sendError(res, new RelayerError("NOT_FOUND", `no route ${path.slice(0, 100)}`));
    }
    const started = performance.now();
    req.on("error", () => {}); // a client that hangs up mid-body is not our error
    const finish = (status: number, code?: string) =>
      logger.info("request", {
        method: req.method ?? "",
        route: path,
        status,
        code,
        ms: Math.round(performance.now() - started),
      });
    if (inFlight >= config.maxConcurrentRequests) {
      sendError(
        res,
        new RelayerError(
          "OVERLOADED",
          "the relayer is busy; try again shortly",
          {},
          { retryAfter: 1 },
        ),
      );
      return finish(503, "OVERLOADED");
    }
    inFlight++;
    route(req, res, path, url)
      .then(() => finish(res.statusCode))
      .catch((error: unknown) => {
        let relayerError: RelayerError;
        if (error instanceof RelayerError) relayerError = error;
        else {
          logger.error("unexpected error", {
            route: path,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          });
          relayerError = new RelayerError("INTERNAL", "the relayer failed unexpectedly");
        }
        sendError(res, relayerError);
        finish(relayerError.status, relayerError.code);
      })
      .finally(() => {
        inFlight--;
      });
  };

  return {
    address: account.address,
    handle,
    async start() {
      const resolved = await chain();
      const listener: RequestListener = (req, res) => handle(req, res);
      const created = createServer(
        { requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 },
        listener,
      );
      created.maxHeadersCount = 100;
      created.on("clientError", (_error, socket) => {
        if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
        else socket.destroy();
      });
      await new Promise<void>((resolve, reject) => {
        created.once("error", reject);
        created.listen(config.port, config.host, () => {
          created.off("error", reject);
          resolve();
        });
      });
      server = created;
      const { port } = created.address() as AddressInfo;
      const host = config.host.includes(":") ? `[${config.host}]` : config.host;
      const url = `http://${host}:${port}`;
      logger.info("listening", {
        url,
        relayer: account.address,
        chainId: resolved.id,
        communities: config.communities.length,
        factory: config.factory?.address ?? null,
      });
      return { url, port };
    },
    async close() {
      const current = server;
      server = undefined;
      if (current) {
        await new Promise<void>((resolve) => {
          current.close(() => resolve());
          current.closeAllConnections();
        });
      }
      await Promise.all([clientLimiter.close(), subjectLimiter.close()]);
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
