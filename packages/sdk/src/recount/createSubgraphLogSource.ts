import { type Address, getAddress, type Hash, zeroHash } from "viem";
import { checkAddressParameters } from "../actions/internal/addresses.ts";
import type { LogCache } from "./createLogCache.ts";
import { SubgraphQueryError } from "./errors.ts";
import { type CommunityLog, compareLogs } from "./fetchCommunityLogs.ts";

/**
 * Parameters of `createSubgraphLogSource`: the subgraph's query URL and the community.
 *
 * @example
 * ```ts
 * const parameters: CreateSubgraphLogSourceParameters = {
 *   url: "http://127.0.0.1:8000/subgraphs/name/plenum",
 *   community: "0x8EFa1819Ff5B279077368d44B593a4543280e402",
 * };
 * ```
 */
export interface CreateSubgraphLogSourceParameters {
  /** The subgraph's GraphQL endpoint, used as is (e.g. `…/subgraphs/name/<name>`). */
  url: string | URL;
  /** The community (its governor proxy). */
  community: Address;
  /** Rows per query page (default 1,000, graph-node's maximum). */
  pageSize?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Give up on one query after this many ms (default 30,000). */
  timeout?: number;
}

const AT = "blockNumber blockTimestamp logIndex transactionHash";

/** Each list the source reads, with the fields it needs (names shared with the indexer's schema). */
const LISTS = {
  topics: `topic name ${AT}`,
  memberEvents: `account kind weight previousWeight ${AT}`,
  delegationEvents: `delegator topic delegate previousDelegate ${AT}`,
  settingsEvents: `kind quorumBps votingPeriod minVotingPeriod proposalThreshold ${AT}`,
  proposals: `proposalId proposer topic mode optionCount snapshot voteEnd metadataHash metadataUri executable groupRoot groupIdentities actions { target value calldata index } ${AT}`,
  proposalEvents: `kind eta proposal { proposalId } ${AT}`,
  ballotEvents: `proposal { proposalId } voter nullifier kind option abstain votes ${AT}`,
  identityEvents: `account kind commitment oldCommitment leafIndex groupRoot ${AT}`,
} as const;

type Row = Record<string, unknown>;

/**
 * The logs a community emitted, rebuilt from a subgraph's immutable event entities (topics, members,
 * delegations, settings, proposals, lifecycle, ballots, identities) as of a block, so that
 * `recountProposal` and `verifyProposal` can recount from the subgraph instead of an RPC node's logs.
 * It has the shape of a `LogCache`: pass it as `cache`. A subgraph does not store block hashes or
 * transaction indexes: those fields are the zero hash and 0. Each `sync` reads everything again.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from "viem";
 * import { createSubgraphLogSource, verifyProposal } from "@plenum/sdk";
 *
 * const client = createPublicClient({ transport: http("https://rpc.example.org") });
 * const cache = createSubgraphLogSource({
 *   url: "https://api.example.org/subgraphs/name/plenum",
 *   community: "0x8EFa1819Ff5B279077368d44B593a4543280e402",
 * });
 * const { verdict, differences } = await verifyProposal(client, { cache, proposalId: 4n });
 * console.log(verdict, differences);
 * ```
 */
export function createSubgraphLogSource(parameters: CreateSubgraphLogSourceParameters): LogCache {
  checkAddressParameters({ community: parameters.community });
  const community = getAddress(parameters.community);
  const pageSize = parameters.pageSize ?? 1000;
  const url = parameters.url.toString();
  let logs: CommunityLog[] = [];
  let syncedTo: bigint | undefined;
  let requests = 0;

  const query = async (text: string, variables: Record<string, unknown>) => {
    requests++;
    let response: Response;
    try {
      response = await (parameters.fetch ?? globalThis.fetch)(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query: text, variables }),
        signal: AbortSignal.timeout(parameters.timeout ?? 30_000),
      });
    } catch (cause) {
      throw new SubgraphQueryError(`the subgraph at ${new URL(url).origin} could not be reached`, {
        cause,
      });
    }
    if (!response.ok) {
      throw new SubgraphQueryError(`the subgraph answered HTTP ${response.status}`, {
        details: (await response.text().catch(() => "")).slice(0, 500),
      });
    }
    let body: { data?: Row; errors?: { message: string }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch (cause) {
      throw new SubgraphQueryError("the subgraph answered something other than JSON", { cause });
    }
    if (body.errors?.length || !body.data) {
      throw new SubgraphQueryError("the subgraph refused the query", {
        details: body.errors?.map((e) => e.message).join("; ") ?? "no data",
      });
    }
    return body.data;
  };

  /** Every row of `list` for the community at `block`, paged by id (graph-node's `id_gt` idiom). */
  const all = async (list: keyof typeof LISTS, block: bigint): Promise<Row[]> => {
    const rows: Row[] = [];
    let after: string | undefined;
    for (;;) {
      // Literals, not variables, for the address and the cursor: a subgraph types them Bytes, the
      // indexer's API ID/String, and a string literal suits both.
      const cursor = after === undefined ? "" : `, id_gt: ${JSON.stringify(after)}`;
      const where = `{ community_: { address: ${JSON.stringify(community.toLowerCase())} }${cursor} }`;
      const text = `query ($block: Int!, $first: Int!) {
  rows: ${list}(block: { number: $block }, first: $first, orderBy: id, orderDirection: asc, where: ${where}) { id ${LISTS[list]} }
}`;
      const data = await query(text, { block: Number(block), first: pageSize });
      const page = (data.rows ?? []) as Row[];
      rows.push(...page);
      if (page.length < pageSize) return rows;
      after = String(page[page.length - 1]?.id);
    }
  };

  const run = async (toBlock: bigint | undefined) => {
    const block =
      toBlock ??
      BigInt(
        ((await query("{ _meta { block { number } } }", {}))._meta as { block: { number: number } })
          .block.number,
      );
    const lists = await Promise.all(
      (Object.keys(LISTS) as (keyof typeof LISTS)[]).map((list) => all(list, block)),
    );
    const [topics, members, delegations, settings, proposals, lifecycle, ballots, identities] =
      lists as [Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[]];
    const rebuilt: CommunityLog[] = [];
    for (const row of topics) {
      rebuilt.push(log("TopicCreated", { topic: Number(row.topic), name: row.name }, row));
    }
    for (const row of members) rebuilt.push(memberLog(row));
    for (const row of delegations) rebuilt.push(delegationLog(row));
    for (const row of settings) rebuilt.push(settingsLog(row));
    for (const row of proposals) rebuilt.push(...proposalLogs(row));
    for (const row of lifecycle) rebuilt.push(lifecycleLog(row));
    for (const row of ballots) rebuilt.push(ballotLog(row));
    for (const row of identities) rebuilt.push(identityLog(row));
    logs = rebuilt.sort(compareLogs);
    syncedTo = block;
    return logs;
  };

  let queue: Promise<unknown> = Promise.resolve();
  return {
    community,
    fromBlock: 0n,
    get syncedTo() {
      return syncedTo;
    },
    get logs() {
      return logs;
    },
    get requests() {
      return requests;
    },
    sync(options = {}) {
      const result = queue.then(() => run(options.toBlock));
      queue = result.catch(() => undefined);
      return result;
    },
    reset() {
      logs = [];
      syncedTo = undefined;
    },
  };
}

// ------------------------------------------------------------------ rows → logs

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as Address;

/** An address out of a CAIP-10 id (`eip155:<chain>:<address>`) or a plain address; null → zero. */
function address(value: unknown): Address {
  if (value === null || value === undefined) return ZERO_ADDRESS;
  const text = String(value);
  return getAddress(text.slice(text.lastIndexOf(":") + 1));
}

function position(row: Row, logIndexOffset = 0) {
  return {
    blockNumber: BigInt(row.blockNumber as string),
    blockHash: zeroHash as Hash,
    blockTimestamp: BigInt(row.blockTimestamp as string),
    logIndex: Number(row.logIndex) + logIndexOffset,
    transactionHash: row.transactionHash as Hash,
    transactionIndex: 0,
  };
}

const log = (eventName: string, args: Record<string, unknown>, row: Row, offset = 0) =>
  ({ eventName, args, ...position(row, offset) }) as unknown as CommunityLog;

function memberLog(row: Row): CommunityLog {
  const account = address(row.account);
  const weight = BigInt(row.weight as string);
  const previousWeight = BigInt(row.previousWeight as string);
  if (row.kind === "added") return log("MemberAdded", { account, weight }, row);
  if (row.kind === "removed") return log("MemberRemoved", { account, previousWeight }, row);
  return log("MemberWeightChanged", { account, previousWeight, newWeight: weight }, row);
}

function delegationLog(row: Row): CommunityLog {
  return log(
    "DelegateChanged",
    {
      delegator: address(row.delegator),
      topic: Number(row.topic),
      toDelegate: address(row.delegate),
      fromDelegate: address(row.previousDelegate),
    },
    row,
  );
}

function settingsLog(row: Row): CommunityLog {
  if (row.kind === "quorum") return log("QuorumSet", { quorumBps: Number(row.quorumBps) }, row);
  if (row.kind === "votingPeriod") {
    return log(
      "VotingPeriodSet",
      { votingPeriod: Number(row.votingPeriod), minVotingPeriod: Number(row.minVotingPeriod) },
      row,
    );
  }
  return log(
    "ProposalThresholdSet",
    { proposalThreshold: BigInt(row.proposalThreshold as string) },
    row,
  );
}

const MODES = ["single", "quadratic", "anonymous"];

function proposalLogs(row: Row): CommunityLog[] {
  const proposalId = BigInt(row.proposalId as string);
  const created = log(
    "ProposalCreated",
    {
      proposalId,
      proposer: address(row.proposer),
      topic: Number(row.topic),
      mode: MODES.indexOf(row.mode as string),
      optionCount: Number(row.optionCount),
      snapshot: Number(row.snapshot),
      voteEnd: Number(row.voteEnd),
      metadataHash: row.metadataHash,
      metadataURI: row.metadataUri,
    },
    row,
  );
  const out = [created];
  // The contract emits ProposalActions and ProposalGroupRecorded right after ProposalCreated, in the
  // same transaction; the subgraph keeps their content on the proposal, not their log index.
  const actions = ((row.actions as Row[] | null) ?? []).sort(
    (a, b) => Number(a.index) - Number(b.index),
  );
  if (row.executable) {
    out.push(
      log(
        "ProposalActions",
        {
          proposalId,
          targets: actions.map((a) => address(a.target)),
          values: actions.map((a) => BigInt(a.value as string)),
          calldatas: actions.map((a) => a.calldata),
        },
        row,
        1,
      ),
    );
  }
  if (row.groupRoot !== null && row.groupRoot !== undefined) {
    out.push(
      log(
        "ProposalGroupRecorded",
        {
          proposalId,
          groupRoot: BigInt(row.groupRoot as string),
          identities: BigInt(row.groupIdentities as string),
        },
        row,
        1,
      ),
    );
  }
  return out;
}

function lifecycleLog(row: Row): CommunityLog {
  const proposalId = BigInt((row.proposal as Row).proposalId as string);
  if (row.kind === "queued") {
    return log("ProposalQueued", { proposalId, etaSeconds: BigInt(row.eta as string) }, row);
  }
  return log(
    row.kind === "executed" ? "ProposalExecuted" : "ProposalCanceled",
    { proposalId },
    row,
  );
}

const ABSTAIN = 255;

function ballotLog(row: Row): CommunityLog {
  const proposalId = BigInt((row.proposal as Row).proposalId as string);
  const option = row.abstain ? ABSTAIN : Number(row.option ?? 0);
  if (row.nullifier !== null && row.nullifier !== undefined) {
    const nullifier = BigInt(row.nullifier as string);
    if (row.kind === "retracted")
      return log("AnonymousVoteRetracted", { proposalId, nullifier }, row);
    return log("AnonymousVoteCast", { proposalId, nullifier, option }, row);
  }
  const voter = address(row.voter);
  if (row.kind === "retracted") return log("VoteRetracted", { voter, proposalId }, row);
  if (row.votes !== null && row.votes !== undefined) {
    const votes = (row.votes as string[]).map(Number);
    return log("QuadraticVoteCast", { voter, proposalId, votes }, row);
  }
  return log("VoteCast", { voter, proposalId, option }, row);
}

function identityLog(row: Row): CommunityLog {
  const member = address(row.account);
  const index = BigInt(row.leafIndex as string);
  const groupRoot = BigInt(row.groupRoot as string);
  const commitment = BigInt(row.commitment as string);
  if (row.kind === "replaced") {
    const oldCommitment = BigInt(row.oldCommitment as string);
    return log(
      "IdentityReplaced",
      { member, oldCommitment, newCommitment: commitment, index, groupRoot },
      row,
    );
  }
  const eventName = row.kind === "removed" ? "IdentityRemoved" : "IdentityRegistered";
  return log(eventName, { member, commitment, index, groupRoot }, row);
}
