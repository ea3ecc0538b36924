import { randomBytes } from "node:crypto";
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
  keccak256,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createLogger, type Logger } from "../internal/logger.ts";
import { createClientKey } from "../server/clientKey.ts";
import { createMemoryLimiter, type RateLimit, type RateLimiter } from "../server/rateLimiter.ts";
import { connectRedis, createRedisLimiter, redisReady } from "../server/rateLimiterRedis.ts";
import { createServer, type Server } from "../server/server.ts";
import type { ServerModule } from "../server/types.ts";
import { toRelayerError } from "./chainErrors.ts";
import { type CommunityRegistry, createCommunityRegistry } from "./communities.ts";
import type { RelayerConfig } from "./config.ts";
import { RelayerError } from "./errors.ts";
import { verifyAnonymousProof } from "./proofs.ts";
import { createRelayerRoutes, type Reply } from "./routes.ts";
import { createSubmitter } from "./submitter.ts";
import {
  type AnonymousBallotRequest,
  type AnonymousProofInput,
  checkAnonymousMessage,
  parseAnonymousBallotRequest,
  parseSignedBallotsRequest,
  type SignedBallotsRequest,
} from "./validate.ts";

/** A relayer: a server module, and a server of its own around it. */
export interface Relayer {
  /** The account that sends and pays. */
  readonly address: Address;
  /**
   * The relayer as a module of the service's server (`createServer({ modules: [relayer.module] })`):
   * its routes `/v1/anonymous-ballots`, `/v1/signed-ballots` and `/v1/health`, a start that checks
   * the node's chain, and a close that releases the limiters and Redis.
   */
  readonly module: ServerModule;
  /**
   * Standalone: creates a server with this module alone (and `/health`), listens on
   * `config.host:config.port`, logs `listening` and resolves with the URL.
   */
  start(): Promise<{ url: string; port: number }>;
  /** Stops the standalone server (if started) and releases the limiters and Redis. */
  close(): Promise<void>;
}

/** What {@link createRelayer} takes besides the configuration (tests, embedding). */
export interface CreateRelayerOptions {
  logger?: Logger;
  /** Replaces the per-client limiter (keys are salted hashes of client addresses). */
  clientLimiter?: RateLimiter;
  /** Replaces the per-nullifier / per-voter limiter. */
  subjectLimiter?: RateLimiter;
  /**
   * Start of the limiters' Redis keys (`<prefix>:client:…`, `<prefix>:subject:…`); `plenum:relayer`
   * by default. Relayers that share a Redis but not their limits need different ones.
   */
  redisKeyPrefix?: string;
  /** Replaces the off-chain proof check (default: `verifyProof` from `@semaphore-protocol/proof`). */
  verifyProof?: (proof: AnonymousProofInput) => Promise<boolean>;
  /**
   * Which communities are served, instead of the configuration's allow-list and factory scan (the
   * indexer passes its store's: `createStoreCommunityRegistry`).
   */
  registry?: CommunityRegistry;
  /** Submitter timing (tests use short delays). */
  broadcastAttempts?: number;
  retryDelayMs?: number;
}

/** What an anonymous ballot is checked against; fixed when the proposal is created. */
interface ProposalInfo {
  scope: bigint;
  root: bigint;
  optionCount: number;
}

/**
 * An anonymous ballot this relayer is sending or has sent and not yet seen mined: until it is, the
 * chain's `anonymousBallotOf` does not show its sequence.
 */
interface InFlightBallot {
  sequence: bigint;
  /** keccak256 of the call's data: the same proof again is no rival of its own. */
  call: Hex;
  /** Undefined while the transaction is being signed and broadcast. */
  hash: Hash | undefined;
}

/** Most anonymous ballots remembered as in flight (oldest forgotten first). */
const MAX_IN_FLIGHT = 10_000;

/**
 * Creates the relayer for anonymous (Semaphore) and EIP-712 signed ballots. Every request is
 * validated strictly, checked off-chain and against the chain, simulated, and only then sent from
 * `config.privateKey`, one transaction at a time.
 * @example
 * import { createRelayer, loadRelayerConfig } from "@plenum/indexer/relayer";
 * const relayer = createRelayer(loadRelayerConfig(process.env));
 * const { url } = await relayer.start(); // or: createServer({ modules: [relayer.module] })
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

  const registry =
    options.registry ??
    createCommunityRegistry({
      client,
      communities: config.communities,
      factory: config.factory,
    });
  // The two limiters never share a key space: client limits are keyed by a salted hash of the
  // client's address, subject limits by a nullifier or a voter, each under its own prefix.
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  const limiter = (rate: RateLimit, name: "client" | "subject"): RateLimiter =>
    redis
      ? createRedisLimiter({
          redis,
          prefix: `${options.redisKeyPrefix ?? "plenum:relayer"}:${name}`,
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
  // Client addresses only ever key a limit as a salted hash; the salt never leaves the process.
  const clientKey = createClientKey({
    salt: config.clientKeySalt ?? randomBytes(32).toString("hex"),
    trustProxy: config.trustProxy,
  });
  const proposals = new Map<string, ProposalInfo>();
  // Keyed by community and nullifier (a nullifier belongs to one proposal). Invariant: an entry's
  // sequence is the highest this relayer has handed to the submitter for that nullifier since its
  // last transaction there was seen mined.
  const pendingBallots = new Map<string, InFlightBallot>();
  let server: Server | undefined;

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

  /** The proposal's scope, recorded group root and option count: fixed at creation, so cached. */
  const proposalInfo = async (community: Address, proposalId: bigint): Promise<ProposalInfo> => {
    const key = `${community}:${proposalId}`;
    const cached = proposals.get(key);
    if (cached) return cached;
    const read = (functionName: "anonymousScope" | "proposalGroup" | "proposalConfig") =>
      client.readContract({
        address: community,
        abi: liquidGovernorAbi,
        functionName,
        args: [proposalId],
      } as never) as Promise<unknown>;
    let value: ProposalInfo;
    try {
      const [scope, group, config] = await Promise.all([
        read("anonymousScope"),
        read("proposalGroup"),
        read("proposalConfig"),
      ]);
      value = {
        scope: scope as bigint,
        root: (group as readonly [bigint, bigint])[0],
        optionCount: Number((config as readonly [number, number, number, boolean])[2]),
      };
    } catch (error) {
      throw toRelayerError(error, { functionName: "anonymousScope", address: community });
    }
    if (proposals.size >= 10_000) proposals.delete(proposals.keys().next().value as string);
    proposals.set(key, value);
    return value;
  };

  /** Whether the transaction `hash` is mined (with either status). */
  const mined = async (hash: Hash): Promise<{ success: boolean } | undefined> => {
    try {
      const receipt = await client.getTransactionReceipt({ hash });
      return { success: receipt.status === "success" };
    } catch (error) {
      if ((error as { name?: string }).name === "TransactionReceiptNotFoundError") return undefined;
      throw toRelayerError(error);
    }
  };

  /** The last sequence `nullifier` sent on chain, as `anonymousBallotOf` reports it. */
  const lastSequenceOnChain = async (
    community: Address,
    proposalId: bigint,
    nullifier: bigint,
  ): Promise<bigint> => {
    try {
      const [, , sequence] = (await client.readContract({
        address: community,
        abi: liquidGovernorAbi,
        functionName: "anonymousBallotOf",
        args: [proposalId, nullifier],
      } as never)) as readonly [boolean, number, bigint];
      return BigInt(sequence);
    } catch (error) {
      throw toRelayerError(error, { functionName: "anonymousBallotOf", address: community });
    }
  };

  /** The ballot of `key` this relayer has in flight, once a mined one is dropped. */
  const inFlightBallot = async (key: string): Promise<InFlightBallot | undefined> => {
    const entry = pendingBallots.get(key);
    if (!entry) return undefined;
    if (entry.hash === undefined || !(await mined(entry.hash))) return entry;
    // Mined: the chain shows it now. Another request may have replaced the entry meanwhile.
    if (pendingBallots.get(key) === entry) pendingBallots.delete(key);
    return undefined;
  };

  const staleBallot = (proposalId: bigint, sequence: bigint, last: bigint, pending: boolean) =>
    new RelayerError(
      "STALE_BALLOT",
      `this identity already sent ballot number ${last} on proposal ${proposalId}${
        pending ? " (through this relayer; it is not mined yet)" : ""
      }; ballot number ${sequence} is older or a replay: prove the ballot again with a sequence above ${last}`,
      { sequence: sequence.toString(), lastSequence: last.toString() },
    );

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
    wait: boolean,
    call: Call,
    how: { sent: Hash } | { gas: bigint; submitted?: (hash: Hash | undefined) => void },
  ): Promise<Reply> => {
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
        const mapped = toRelayerError(error);
        // A send whose fate is unknown names the hash it may have gone out under.
        const maybe = mapped.details.transactionHash;
        how.submitted?.(typeof maybe === "string" ? (maybe as Hash) : undefined);
        throw mapped;
      }
      how.submitted?.(hash);
    }
    if (!wait) {
      return { status: 202, body: { transactionHash: hash, ...(duplicate && { duplicate }) } };
    }
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
    return {
      status: 200,
      body: {
        transactionHash: hash,
        blockNumber: receipt.blockNumber.toString(),
        status: "success",
        ...(duplicate && { duplicate }),
      },
    };
  };

  /**
   * Whether `sent`, an earlier transaction with this very proof, still stands for it: not mined yet,
   * or mined and its ballot is still the nullifier's last. If a later ballot came since, the proof is
   * a replay; if the transaction failed, the proof is checked afresh.
   */
  const sentBallotStands = async (
    community: Address,
    proposalId: bigint,
    proof: AnonymousProofInput,
    sent: Hash,
  ): Promise<boolean> => {
    const receipt = await mined(sent);
    if (!receipt) return true;
    if (!receipt.success) return false;
    const last = await lastSequenceOnChain(community, proposalId, proof.nullifier);
    return last === proof.message >> 8n;
  };

  const anonymousBallot = async (body: unknown, wait: boolean): Promise<Reply> => {
    const request: AnonymousBallotRequest = parseAnonymousBallotRequest(body);
    const { community, proposalId, proof } = request;
    await requireServed(community);
    const call = callOf(community, "castAnonymousVote", [proposalId, { ...proof }]);
    // The same proof again (a client retrying) gets the first answer without any other work while
    // that ballot stands. Once a later ballot of the nullifier has replaced it, the proof is a replay:
    // it goes through the checks below, whose simulation refuses it (STALE_BALLOT) before any gas is
    // spent, as it would any other copy of an old proof.
    const sent = await submitter.lookup({ to: community, data: call.data });
    if (sent) {
      if (await sentBallotStands(community, proposalId, proof, sent)) {
        return send(wait, call, { sent });
      }
      submitter.forget({ to: community, data: call.data });
    }
    const info = await proposalInfo(community, proposalId);
    if (proof.scope !== info.scope) {
      throw new RelayerError(
        "SCOPE_MISMATCH",
        `the proof was made for another proposal, community or chain: proposal ${proposalId} needs scope ${info.scope}`,
        { expected: info.scope.toString(), given: proof.scope.toString() },
      );
    }
    // A root of 0 is no group (a public proposal, or no identities yet): let the simulation say which.
    if (info.root !== 0n && proof.merkleTreeRoot !== info.root) {
      throw new RelayerError(
        "ROOT_MISMATCH",
        `the proof is against another group root than the one proposal ${proposalId} recorded at creation (rebuild the group as it was then)`,
        { expected: info.root.toString(), given: proof.merkleTreeRoot.toString() },
      );
    }
    const { sequence } = checkAnonymousMessage(proof.message, info.optionCount, proposalId);
    if (!(await verify(proof))) {
      throw new RelayerError("INVALID_PROOF", "the zero-knowledge proof does not verify");
    }
    // A ballot of this nullifier this relayer sent and the chain does not show yet: the simulation
    // cannot see it, and the contract would refuse this one once that is mined.
    const key = `${community}:${proof.nullifier.toString(16)}`;
    // (The same proof again is not its own rival: if the node lost it, it is sent afresh.)
    const callHash = keccak256(call.data);
    const rival = (entry: InFlightBallot | undefined) =>
      entry !== undefined && entry.call !== callHash && sequence <= entry.sequence;
    const pending = await inFlightBallot(key);
    if (pending && rival(pending)) throw staleBallot(proposalId, sequence, pending.sequence, true);
    // The simulation refuses an old proof sent again (AnonymousStaleBallot → STALE_BALLOT).
    const gas = await prepare(call);
    // Checked again and claimed with no await in between, so that of two requests racing with the
    // same sequence only one is sent (and only that one takes from the nullifier's budget).
    const current = pendingBallots.get(key);
    if (current && rival(current)) throw staleBallot(proposalId, sequence, current.sequence, true);
    const claim: InFlightBallot = { sequence, call: callHash, hash: undefined };
    pendingBallots.delete(key);
    pendingBallots.set(key, claim);
    if (pendingBallots.size > MAX_IN_FLIGHT) {
      pendingBallots.delete(pendingBallots.keys().next().value as string);
    }
    /** Ends the claim: keeps it with the transaction's hash, or gives the previous entry back. */
    const settle = (hash: Hash | undefined) => {
      if (pendingBallots.get(key) !== claim) return;
      if (hash) claim.hash = hash;
      else if (current) pendingBallots.set(key, current);
      else pendingBallots.delete(key);
    };
    // Only a ballot that would count takes from its nullifier's budget, so nobody can use up
    // someone else's, not even by re-sending their old proofs.
    try {
      await limit(subjectLimiter, `n:${proof.nullifier.toString(16)}`, "for this nullifier");
    } catch (error) {
      settle(undefined);
      throw error;
    }
    return send(wait, call, { gas, submitted: settle });
  };

  const signedBallots = async (body: unknown, wait: boolean): Promise<Reply> => {
    const request: SignedBallotsRequest = parseSignedBallotsRequest(body, config.maxBallots);
    const { community, voter, deadline, signature, nonce, kind, ballots } = request;
    await requireServed(community);
    const call =
      kind === "single"
        ? callOf(community, "castVoteBySig", [ballots[0], voter, deadline, signature])
        : callOf(community, "castVotesBySig", [ballots, voter, deadline, signature]);
    const sent = await submitter.lookup({ to: community, data: call.data });
    if (sent) return send(wait, call, { sent });
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
    return send(wait, call, { gas });
  };

  const health = async (): Promise<Reply> => {
    let communities: unknown;
    try {
      communities = await registry.describe();
    } catch (error) {
      communities = { error: error instanceof Error ? error.message : String(error) };
    }
    try {
      const [resolved, balance] = await Promise.all([
        chain(),
        client.getBalance({ address: account.address }),
      ]);
      return {
        status: 200,
        body: {
          status: "ok",
          relayer: account.address,
          chainId: resolved.id,
          balance: balance.toString(),
          communities,
          rateLimits: redis ? "redis" : "memory",
          transactionsSent: submitter.sent(),
        },
      };
    } catch (error) {
      const mapped = toRelayerError(error);
      return {
        status: 503,
        body: {
          status: "degraded",
          relayer: account.address,
          communities,
          error: { code: mapped.code, message: mapped.message },
        },
        headers: { "retry-after": "5" },
      };
    }
  };

  let released: Promise<void> | undefined;
  const module: ServerModule = {
    name: "relayer",
    routes: createRelayerRoutes({
      maxBodyBytes: config.maxBodyBytes,
      maxConcurrentRequests: config.maxConcurrentRequests,
      limitClient: (c) => limit(clientLimiter, clientKey(c), "from this client"),
      anonymousBallot,
      signedBallots,
      health,
    }),
    async start() {
      await chain();
      // Until Redis is ready the limiters take from memory: start with the shared limits instead.
      if (redis && !(await redisReady(redis, 3_000))) {
        logger.warn("redis is not ready; rate limits apply per process until it is");
      }
    },
    // Ready while the node answers on the expected chain (what every ballot needs).
    async ready() {
      try {
        await Promise.all([chain(), client.getBlockNumber({ cacheTime: 0 })]);
        return true;
      } catch {
        return false;
      }
    },
    close() {
      released ??= (async () => {
        await Promise.all([clientLimiter.close(), subjectLimiter.close()]);
        if (redis) await redis.quit().catch(() => redis.disconnect());
      })();
      return released;
    },
  };

  return {
    address: account.address,
    module,
    async start() {
      if (server) throw new Error("the relayer is already started");
      server = createServer({
        host: config.host,
        port: config.port,
        modules: [module],
        logger,
      });
      const { url, port } = await server.start();
      const resolved = await chain();
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
      // The server closes the module after it stopped listening; without one, close it here.
      await (server ? server.close() : module.close?.());
    },
  };
}
