// The indexer's tables. Every table that holds chain data is append-only and carries the block that
// wrote each row (`block_number`): rolling back to an ancestor deletes the rows above it, and the state
// at any block (current state included) is the latest row per key at or below it. Ids are stable
// strings: accounts and communities are CAIP-10 (`eip155:<chainId>:<address>`), other entities append
// their keys to their community's id. 256-bit values are `numeric(78, 0)`, read as bigint.
import {
  bigint,
  boolean,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
} from "drizzle-orm/pg-core";

/** A uint256 (or any integer) column read and written as bigint. */
const uint = (name: string) => numeric(name, { precision: 78, scale: 0, mode: "bigint" });
/** A 64-bit integer column read and written as bigint. */
const int8 = (name: string) => bigint(name, { mode: "bigint" });

/** Where an event sits: the block that wrote the row (rolled back above an ancestor), and its log. */
const position = () => ({
  blockNumber: int8("block_number").notNull(),
  blockTimestamp: int8("block_timestamp").notNull(),
  logIndex: integer("log_index").notNull(),
  transactionHash: text("transaction_hash").notNull(),
});

/**
 * Block headers the follower delivered: for revisions' `block { number hash timestamp }` and, above the
 * finalized block, for reorg detection after a restart.
 *
 * @example
 * ```ts
 * const rows = await store.db.select().from(blocks).where(gt(blocks.number, 100n));
 * ```
 */
export const blocks = pgTable("blocks", {
  number: int8("number").primaryKey(),
  hash: text("hash").notNull(),
  parentHash: text("parent_hash").notNull(),
  timestamp: int8("timestamp").notNull(),
});

/**
 * One row per committed step: the last block scanned, and the finalized and head blocks known then.
 * The latest row is where the follower resumes; a rollback writes a row at the ancestor.
 *
 * @example
 * ```ts
 * const [last] = await store.db.select().from(syncCursor).orderBy(desc(syncCursor.blockNumber)).limit(1);
 * ```
 */
export const syncCursor = pgTable("sync_cursor", {
  blockNumber: int8("block_number").primaryKey(),
  blockHash: text("block_hash").notNull(),
  parentHash: text("parent_hash").notNull(),
  blockTimestamp: int8("block_timestamp").notNull(),
  finalized: int8("finalized").notNull(),
  head: int8("head").notNull(),
});

/**
 * Every log indexed, decoded (`args` in the `encodeArgs` JSON form): the input a recount replays.
 *
 * @example
 * ```ts
 * const logs = await loadCommunityLogs(store, community);
 * ```
 */
export const rawEvents = pgTable(
  "raw_events",
  {
    blockNumber: int8("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    blockHash: text("block_hash").notNull(),
    blockTimestamp: int8("block_timestamp").notNull(),
    transactionHash: text("transaction_hash").notNull(),
    transactionIndex: integer("transaction_index").notNull(),
    /** Lowercase address of the emitting contract. */
    address: text("address").notNull(),
    source: text("source").notNull(),
    eventName: text("event_name").notNull(),
    args: jsonb("args").notNull(),
  },
  (t) => [primaryKey({ columns: [t.blockNumber, t.logIndex] })],
);

/**
 * Communities the factory created (`CommunityCreated`).
 *
 * @example
 * ```ts
 * const all = await store.db.select().from(communities);
 * ```
 */
export const communities = pgTable("communities", {
  id: text("id").primaryKey(),
  chainId: integer("chain_id").notNull(),
  address: text("address").notNull(),
  timelock: text("timelock").notNull(),
  creator: text("creator").notNull(),
  implementation: text("implementation").notNull(),
  registrar: text("registrar").notNull(),
  bootstrapAdmin: text("bootstrap_admin").notNull(),
  ...position(),
});

/**
 * Settings history (`QuorumSet`, `VotingPeriodSet`, `ProposalThresholdSet`): each row sets the fields
 * its event carries and leaves the others null; a setting's value at a block is its latest non-null.
 *
 * @example
 * ```ts
 * const quorums = await store.db.select().from(communitySettings).where(isNotNull(communitySettings.quorumBps));
 * ```
 */
export const communitySettings = pgTable("community_settings", {
  id: text("id").primaryKey(),
  community: text("community").notNull(),
  quorumBps: integer("quorum_bps"),
  votingPeriod: int8("voting_period"),
  minVotingPeriod: int8("min_voting_period"),
  proposalThreshold: uint("proposal_threshold"),
  ...position(),
});

/**
 * Topics (`TopicCreated`).
 *
 * @example
 * ```ts
 * const names = await store.db.select({ topic: topics.topic, name: topics.name }).from(topics);
 * ```
 */
export const topics = pgTable("topics", {
  id: text("id").primaryKey(),
  community: text("community").notNull(),
  topic: integer("topic").notNull(),
  name: text("name").notNull(),
  ...position(),
});

/**
 * Member weight history: `added`, `changed`, `removed` (weight 0). A member's weight at a block is
 * the latest row's `weight` at or below it.
 *
 * @example
 * ```ts
 * const history = await store.db.select().from(memberEvents).where(eq(memberEvents.member, id));
 * ```
 */
export const memberEvents = pgTable("member_events", {
  id: text("id").primaryKey(),
  community: text("community").notNull(),
  /** `<community id>-<lowercase address>`. */
  member: text("member").notNull(),
  account: text("account").notNull(),
  kind: text("kind").notNull(),
  weight: uint("weight").notNull(),
  previousWeight: uint("previous_weight").notNull(),
  ...position(),
});

/**
 * Delegation history per topic (`DelegateChanged`); `delegate` is null when cleared.
 *
 * @example
 * ```ts
 * const edges = await store.db.select().from(delegationEvents).where(eq(delegationEvents.topic, 0));
 * ```
 */
export const delegationEvents = pgTable("delegation_events", {
  id: text("id").primaryKey(),
  community: text("community").notNull(),
  topic: integer("topic").notNull(),
  delegator: text("delegator").notNull(),
  delegate: text("delegate"),
  previousDelegate: text("previous_delegate"),
  ...position(),
});

/**
 * Proposals (`ProposalCreated`, with `ProposalActions` and `ProposalGroupRecorded` of the same
 * transaction folded in).
 *
 * @example
 * ```ts
 * const open = await store.db.select().from(proposals).where(gt(proposals.voteEnd, now));
 * ```
 */
export const proposals = pgTable("proposals", {
  id: text("id").primaryKey(),
  community: text("community").notNull(),
  proposalId: uint("proposal_id").notNull(),
  proposer: text("proposer").notNull(),
  topic: integer("topic").notNull(),
  mode: text("mode").notNull(),
  optionCount: integer("option_count").notNull(),
  snapshot: int8("snapshot").notNull(),
  voteEnd: int8("vote_end").notNull(),
  metadataHash: text("metadata_hash").notNull(),
  metadataUri: text("metadata_uri").notNull(),
  executable: boolean("executable").notNull(),
  /** `{ targets, values, calldatas }` of `ProposalActions` (values as decimal strings), or null. */
  actions: jsonb("actions"),
  groupRoot: uint("group_root"),
  groupIdentities: uint("group_identities"),
  ...position(),
});

/**
 * Lifecycle history: `queued` (with `eta`), `executed`, `canceled`.
 *
 * @example
 * ```ts
 * const queued = await store.db.select().from(proposalEvents).where(eq(proposalEvents.kind, "queued"));
 * ```
 */
export const proposalEvents = pgTable("proposal_events", {
  id: text("id").primaryKey(),
  proposal: text("proposal").notNull(),
  community: text("community").notNull(),
  kind: text("kind").notNull(),
  eta: int8("eta"),
  ...position(),
});

/**
 * Ballot history, public and anonymous: `cast`, `changed` (a ballot replacing the voter's current
 * one) and `retracted`. `ballotKey` is the voter's account id, or the nullifier in decimal; the current
 * ballot of a key is its latest row unless that row is a retraction.
 *
 * @example
 * ```ts
 * const history = await store.db.select().from(ballotEvents).where(eq(ballotEvents.proposal, id));
 * ```
 */
export const ballotEvents = pgTable("ballot_events", {
  id: text("id").primaryKey(),
  proposal: text("proposal").notNull(),
  community: text("community").notNull(),
  ballotKey: text("ballot_key").notNull(),
  voter: text("voter"),
  nullifier: uint("nullifier"),
  kind: text("kind").notNull(),
  /** The option chosen (single-choice and anonymous), null for abstain, quadratic and retractions. */
  option: integer("option"),
  abstain: boolean("abstain").notNull(),
  /** Quadratic votes per option. */
  votes: uint("votes").array(),
  ...position(),
});

/**
 * Identity history of the anonymous-ballot group: `registered`, `replaced`, `removed`, with the leaf
 * index and the group root after the event.
 *
 * @example
 * ```ts
 * const roots = await store.db.select({ root: identityEvents.groupRoot }).from(identityEvents);
 * ```
 */
export const identityEvents = pgTable("identity_events", {
  id: text("id").primaryKey(),
  community: text("community").notNull(),
  account: text("account").notNull(),
  kind: text("kind").notNull(),
  commitment: uint("commitment").notNull(),
  oldCommitment: uint("old_commitment"),
  leafIndex: uint("leaf_index").notNull(),
  groupRoot: uint("group_root").notNull(),
  ...position(),
});

/**
 * A proposal's tally after every block in which its ballots changed (and at its creation), computed
 * by the SDK's engine from the indexed logs. Immutable: whether it is final is `block_number <=` the
 * cursor's `finalized`.
 *
 * @example
 * ```ts
 * const timeline = await store.db.select().from(tallyRevisions).where(eq(tallyRevisions.proposal, id)).orderBy(tallyRevisions.blockNumber);
 * ```
 */
export const tallyRevisions = pgTable("tally_revisions", {
  id: text("id").primaryKey(),
  proposal: text("proposal").notNull(),
  community: text("community").notNull(),
  blockNumber: int8("block_number").notNull(),
  blockHash: text("block_hash").notNull(),
  blockTimestamp: int8("block_timestamp").notNull(),
  tallies: uint("tallies").array().notNull(),
  abstain: uint("abstain").notNull(),
  participation: uint("participation").notNull(),
  totalMass: uint("total_mass").notNull(),
  /** Mass of members whose chain reaches no voter (anonymous: identities without a ballot). */
  idleMass: uint("idle_mass").notNull(),
  /** Participation required, null when the logs hold no quorum setting at the snapshot. */
  quorum: uint("quorum"),
  quorumBps: integer("quorum_bps"),
  quorumMet: boolean("quorum_met"),
  /** The strictly leading option, or null (`tie` says whether options are tied above zero). */
  leader: integer("leader"),
  tie: boolean("tie").notNull(),
  passing: boolean("passing"),
  ballots: integer("ballots").notNull(),
  /** Anonymous only: the identity group rebuilt from events disagrees with the recorded root. */
  groupMismatch: boolean("group_mismatch").notNull(),
});

/**
 * The contract's `proposalTally` at a finalized revision's block, compared with the revision. A
 * mismatch is recorded, never corrected.
 *
 * @example
 * ```ts
 * const bad = await store.db.select().from(tallyChecks).where(eq(tallyChecks.status, "mismatch"));
 * ```
 */
export const tallyChecks = pgTable("tally_checks", {
  revision: text("revision").primaryKey(),
  proposal: text("proposal").notNull(),
  blockNumber: int8("block_number").notNull(),
  /** `match`, `mismatch` or `error` (the call failed; retried later). */
  status: text("status").notNull(),
  onChain: jsonb("on_chain"),
  differences: jsonb("differences"),
  error: text("error"),
});

/**
 * Proposal metadata documents, keyed by URI and expected hash. A cache, not chain data: never rolled
 * back (a proposal re-created after a reorg finds its document here).
 *
 * @example
 * ```ts
 * const [doc] = await store.db.select().from(metadataDocuments).where(eq(metadataDocuments.uri, uri));
 * ```
 */
export const metadataDocuments = pgTable(
  "metadata_documents",
  {
    uri: text("uri").notNull(),
    hash: text("hash").notNull(),
    /** `pending`, `ok`, `hash-mismatch`, `unreachable` (retried with backoff) or `invalid`. */
    status: text("status").notNull(),
    /** What the hash commits to when `ok`: `document` (its bytes) or `uri` (the URI string). */
    hashOf: text("hash_of"),
    content: jsonb("content"),
    title: text("title"),
    /** The document's `description` and `options` (a JSON array of strings), as `documentFields` reads them. */
    description: text("description"),
    options: jsonb("options").$type<string[]>(),
    error: text("error"),
    attempts: integer("attempts").notNull(),
    /** Unix ms after which an `unreachable` document (or a `pending` one whose fetch died) is tried again. */
    retryAt: int8("retry_at"),
  },
  (t) => [primaryKey({ columns: [t.uri, t.hash] })],
);

/**
 * The tables a rollback trims (`block_number > ancestor`), in deletion order (and `blocks` by number).
 *
 * @example
 * ```ts
 * for (const table of chainTables) await tx.delete(table).where(gt(table.blockNumber, ancestor));
 * ```
 */
export const chainTables = [
  tallyChecks,
  tallyRevisions,
  ballotEvents,
  proposalEvents,
  proposals,
  identityEvents,
  delegationEvents,
  memberEvents,
  topics,
  communitySettings,
  communities,
  rawEvents,
  syncCursor,
] as const;
