// Every entity the API serves, described once: its source SQL as of a block (the append-only tables
// make time travel a `block_number <= N` inside the source), its fields and its relations. The SDL,
// the filters, the orderings and the resolvers are generated from these descriptions.
import { type SQL, sql } from "drizzle-orm";
import type { EntityDef, FieldDef, RelationDef } from "./model.ts";

/** `block_number <= N` on `alias`, or TRUE for the current state. */
function upTo(block: bigint | undefined, alias?: string): SQL {
  if (block === undefined) return sql`TRUE`;
  const column = alias ? sql.raw(`${alias}.block_number`) : sql.raw("block_number");
  return sql`${column} <= ${block.toString()}::bigint`;
}

/** `<community id>-<lowercase address>` from a CAIP-10 account column: a member's id. */
const memberOf = (community: string, account: string) =>
  `${community} || '-' || split_part(${account}, ':', 3)`;

const f = (
  name: string,
  type: FieldDef["type"],
  description: string,
  extra: Partial<FieldDef> = {},
): FieldDef => ({ name, column: snake(name), type, description, ...extra });

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const id = (description: string) => f("id", "ID", description);

/** Where the row's event sits: block, timestamp, log index, transaction. */
const position = (what: string): FieldDef[] => [
  f("blockNumber", "BigInt", `Block of ${what}.`),
  f("blockTimestamp", "BigInt", `Timestamp (Unix seconds) of ${what}.`),
  f("logIndex", "Int", `Log index of ${what}.`),
  f("transactionHash", "Bytes", `Transaction of ${what}.`),
];

const community: RelationDef = {
  name: "community",
  target: "Community",
  kind: "one",
  column: "community",
  foreign: "id",
  description: "The community.",
};
const proposal: RelationDef = {
  name: "proposal",
  target: "Proposal",
  kind: "one",
  column: "proposal",
  foreign: "id",
  description: "The proposal.",
};

/** Latest setting value (non-null) of a community at the block. */
const setting = (column: string, block: bigint | undefined) =>
  sql`(SELECT s.${sql.raw(column)} FROM community_settings s WHERE s.community = c.id AND s.${sql.raw(column)} IS NOT NULL AND ${upTo(block, "s")} ORDER BY s.block_number DESC, s.log_index DESC LIMIT 1) AS ${sql.raw(column)}`;

const Community: EntityDef = {
  name: "Community",
  single: "community",
  plural: "communities",
  description: "A community the factory created, with its settings as of the block.",
  source: (
    block,
  ) => sql`SELECT c.id, c.chain_id, c.address, c.timelock, c.creator, c.implementation,
    c.registrar, c.bootstrap_admin, c.block_number, c.block_timestamp, c.log_index, c.transaction_hash,
    ${setting("quorum_bps", block)}, ${setting("voting_period", block)},
    ${setting("min_voting_period", block)}, ${setting("proposal_threshold", block)}
    FROM communities c WHERE ${upTo(block, "c")}`,
  fields: [
    id("CAIP-10 id of the community contract: `eip155:<chainId>:<address>`."),
    f("chainId", "Int", "Chain id."),
    f("address", "Bytes", "Address of the community (its proxy)."),
    f("timelock", "String", "CAIP-10 id of its timelock."),
    f("creator", "String", "CAIP-10 id of the account that created it."),
    f("implementation", "Bytes", "Implementation the proxy pointed at when created."),
    f("registrar", "String", "CAIP-10 id of the membership registrar."),
    f("bootstrapAdmin", "String", "CAIP-10 id of the bootstrap admin."),
    f("quorumBps", "Int", "Quorum in basis points of the total mass, as of the block.", {
      nullable: true,
    }),
    f("votingPeriod", "BigInt", "Default voting period in seconds, as of the block.", {
      nullable: true,
    }),
    f("minVotingPeriod", "BigInt", "Shortest voting period in seconds, as of the block.", {
      nullable: true,
    }),
    f("proposalThreshold", "BigInt", "Weight needed to propose, as of the block.", {
      nullable: true,
    }),
    ...position("the creation"),
  ],
  relations: [
    many("members", "Member", "community", "Current members."),
    many("topics", "Topic", "community", "Topics."),
    many("proposals", "Proposal", "community", "Proposals."),
    many("delegations", "Delegation", "community", "Current delegations, every topic."),
    many("identities", "Identity", "community", "Current anonymous-ballot identities."),
  ],
};

function many(name: string, target: string, foreign: string, description: string): RelationDef {
  return { name, target, kind: "many", column: "id", foreign, description };
}

const Topic: EntityDef = {
  name: "Topic",
  single: "topic",
  plural: "topics",
  description: "A delegation topic of a community.",
  source: (
    block,
  ) => sql`SELECT id, community, topic, name, block_number, block_timestamp, log_index,
    transaction_hash FROM topics WHERE ${upTo(block)}`,
  fields: [
    id("`<community id>-<topic number>`."),
    f("topic", "Int", "Topic number."),
    f("name", "String", "Name."),
    ...position("the creation"),
  ],
  relations: [
    community,
    many("delegations", "Delegation", "topic_ref", "Current delegations on this topic."),
    many("proposals", "Proposal", "topic_ref", "Proposals on this topic."),
  ],
};

const Member: EntityDef = {
  name: "Member",
  single: "member",
  plural: "members",
  description: "A current member (weight above zero) as of the block.",
  source: (block) => sql`SELECT member AS id, community, account, weight, kind AS last_change,
    block_number, block_timestamp, log_index, transaction_hash FROM (
      SELECT DISTINCT ON (member) * FROM member_events WHERE ${upTo(block)}
      ORDER BY member, block_number DESC, log_index DESC) latest WHERE weight > 0`,
  fields: [
    id("`<community id>-<lowercase address>`."),
    f("account", "String", "CAIP-10 id of the member's account."),
    f("weight", "BigInt", "Voting weight."),
    f("lastChange", "String", "`added` or `changed`: the latest change."),
    ...position("the latest change"),
  ],
  relations: [
    community,
    many(
      "delegations",
      "Delegation",
      "delegator_member",
      "Whom this member delegates to, per topic.",
    ),
    many("delegators", "Delegation", "delegate_member", "Who delegates to this member, per topic."),
    many("ballots", "Ballot", "member", "The member's current public ballots."),
    many("history", "MemberEvent", "member", "Weight history: added, changed, removed."),
  ],
};

const MemberEvent: EntityDef = {
  name: "MemberEvent",
  single: "memberEvent",
  plural: "memberEvents",
  description: "A change of a member's weight (`added`, `changed`, `removed` with weight 0).",
  source: (block) => sql`SELECT id, community, member, account, kind, weight, previous_weight,
    block_number, block_timestamp, log_index, transaction_hash FROM member_events WHERE ${upTo(block)}`,
  fields: [
    id("`<community id>-<block>-<log index>`."),
    f("account", "String", "CAIP-10 id of the account."),
    f("kind", "String", "`added`, `changed` or `removed`."),
    f("weight", "BigInt", "Weight after the event."),
    f("previousWeight", "BigInt", "Weight before the event."),
    ...position("the event"),
  ],
  relations: [
    community,
    {
      name: "member",
      target: "Member",
      kind: "one",
      column: "member",
      foreign: "id",
      nullable: true,
      description: "The member, if still one at the block.",
    },
  ],
};

const delegationColumns = `community, topic, community || '-' || topic AS topic_ref, delegator,
  ${memberOf("community", "delegator")} AS delegator_member, delegate,
  CASE WHEN delegate IS NULL THEN NULL ELSE ${memberOf("community", "delegate")} END AS delegate_member,
  block_number, block_timestamp, log_index, transaction_hash`;

const delegationRelations = (current: boolean): RelationDef[] => [
  community,
  {
    name: "topicEntity",
    target: "Topic",
    kind: "one",
    column: "topic_ref",
    foreign: "id",
    nullable: true,
    description: "The topic (null for topic 0 unless the community created it).",
  },
  {
    name: "delegatorMember",
    target: "Member",
    kind: "one",
    column: "delegator_member",
    foreign: "id",
    nullable: true,
    description: "The delegator, if a member at the block.",
  },
  {
    name: "delegateMember",
    target: "Member",
    kind: "one",
    column: "delegate_member",
    foreign: "id",
    nullable: true,
    description: "The delegate, if a member at the block.",
  },
  ...(current
    ? [many("history", "DelegationEvent", "delegation", "Every change of this delegation.")]
    : []),
];

const delegationFields = (what: string): FieldDef[] => [
  f("topic", "Int", "Topic number."),
  f("delegator", "String", "CAIP-10 id of the delegator."),
  ...position(what),
];

const Delegation: EntityDef = {
  name: "Delegation",
  single: "delegation",
  plural: "delegations",
  description: "A member's current delegate on a topic, as of the block.",
  source: (
    block,
  ) => sql`SELECT ${sql.raw(memberOf("community", "delegator"))} || '-' || topic AS id,
    ${sql.raw(delegationColumns)} FROM (
      SELECT DISTINCT ON (community, topic, delegator) * FROM delegation_events WHERE ${upTo(block)}
      ORDER BY community, topic, delegator, block_number DESC, log_index DESC) latest
    WHERE delegate IS NOT NULL`,
  fields: [
    id("`<delegator's member id>-<topic>`."),
    ...delegationFields("the latest change"),
    f("delegate", "String", "CAIP-10 id of the delegate."),
  ],
  relations: delegationRelations(true),
};

const DelegationEvent: EntityDef = {
  name: "DelegationEvent",
  single: "delegationEvent",
  plural: "delegationEvents",
  description: "A delegation change (`DelegateChanged`); `delegate` null clears it.",
  source: (
    block,
  ) => sql`SELECT id, ${sql.raw(memberOf("community", "delegator"))} || '-' || topic AS delegation,
    previous_delegate, ${sql.raw(delegationColumns)} FROM delegation_events WHERE ${upTo(block)}`,
  fields: [
    id("`<community id>-<block>-<log index>`."),
    f("delegation", "String", "Id of the delegation it changes (`<member id>-<topic>`)."),
    ...delegationFields("the change"),
    f("delegate", "String", "CAIP-10 id of the new delegate, null when cleared.", {
      nullable: true,
    }),
    f("previousDelegate", "String", "CAIP-10 id of the previous delegate.", { nullable: true }),
  ],
  relations: delegationRelations(false),
};

const latestProposalEvent = (column: string, block: bigint | undefined) =>
  sql`(SELECT e.${sql.raw(column)} FROM proposal_events e WHERE e.proposal = p.id AND ${upTo(block, "e")} ORDER BY e.block_number DESC, e.log_index DESC LIMIT 1)`;

const Proposal: EntityDef = {
  name: "Proposal",
  single: "proposal",
  plural: "proposals",
  description: "A proposal, with its lifecycle as of the block.",
  source: (block) => sql`SELECT p.id, p.community, p.proposal_id, p.proposer, p.topic,
    p.community || '-' || p.topic AS topic_ref, p.mode, p.option_count, p.snapshot, p.vote_end,
    p.metadata_hash, p.metadata_uri, p.executable, p.actions, p.group_root, p.group_identities,
    ${latestProposalEvent("kind", block)} AS lifecycle, ${latestProposalEvent("eta", block)} AS eta,
    CASE WHEN m.status = 'ok' THEN m.title END AS title,
    CASE WHEN m.status = 'ok' THEN m.description END AS description,
    CASE WHEN m.status = 'ok' THEN m.options END AS options,
    m.status AS metadata_status,
    p.block_number, p.block_timestamp, p.log_index, p.transaction_hash
    FROM proposals p
    LEFT JOIN metadata_documents m ON m.uri = p.metadata_uri AND m.hash = p.metadata_hash
    WHERE ${upTo(block, "p")}`,
  fields: [
    id("`<community id>-<proposal id>`."),
    f("proposalId", "BigInt", "The proposal's id in its community."),
    f("proposer", "String", "CAIP-10 id of the proposer."),
    f("topic", "Int", "Topic number."),
    f("mode", "String", "`single`, `quadratic` or `anonymous`."),
    f("optionCount", "Int", "Number of options."),
    f("snapshot", "BigInt", "Snapshot timepoint: weights and delegations are read there."),
    f("voteEnd", "BigInt", "End of voting (Unix seconds)."),
    f("metadataHash", "Bytes", "Hash the metadata document must match."),
    f("metadataUri", "String", "Where the metadata document is."),
    f("title", "String", "Title from the metadata document, once fetched and hash-checked.", {
      nullable: true,
    }),
    f(
      "description",
      "String",
      "Description from the metadata document, once fetched and hash-checked, when it has one.",
      { nullable: true },
    ),
    f(
      "options",
      "[String!]",
      "Option labels from the metadata document (in option order), once fetched and hash-checked, when it has them. Their number may differ from `optionCount`: the document is shown as it is.",
      { nullable: true },
    ),
    f("metadataStatus", "String", "`pending`, `ok`, `hash-mismatch`, `unreachable`, `invalid`.", {
      nullable: true,
    }),
    f("executable", "Boolean", "Whether it carries actions."),
    f("actions", "[ProposalAction!]", "Calls executed if it passes.", { nullable: true }),
    f("groupRoot", "BigInt", "Anonymous: the identity group root recorded.", { nullable: true }),
    f("groupIdentities", "BigInt", "Anonymous: identities in the group.", { nullable: true }),
    f("lifecycle", "String", "`queued`, `executed` or `canceled` as of the block, else null.", {
      nullable: true,
    }),
    f("eta", "BigInt", "When queued: earliest execution time.", { nullable: true }),
    ...position("the creation"),
  ],
  relations: [
    community,
    {
      name: "topicEntity",
      target: "Topic",
      kind: "one",
      column: "topic_ref",
      foreign: "id",
      nullable: true,
      description: "The topic entity, if the community created it.",
    },
    many("ballots", "Ballot", "proposal", "Current public ballots."),
    many("anonymousBallots", "AnonymousBallot", "proposal", "Current anonymous ballots."),
    many("ballotHistory", "BallotEvent", "proposal", "Every ballot cast, changed or retracted."),
    many(
      "tallyRevisions",
      "TallyRevision",
      "proposal",
      "The tally after each block that moved it.",
    ),
    many("lifecycleEvents", "ProposalEvent", "proposal", "Queued, executed, canceled."),
    {
      name: "tally",
      target: "TallyRevision",
      kind: "latest",
      column: "id",
      foreign: "proposal",
      nullable: true,
      description: "The latest tally revision as of the block.",
    },
  ],
};

const ProposalEvent: EntityDef = {
  name: "ProposalEvent",
  single: "proposalEvent",
  plural: "proposalEvents",
  description: "A lifecycle event of a proposal.",
  source: (block) => sql`SELECT id, proposal, community, kind, eta, block_number, block_timestamp,
    log_index, transaction_hash FROM proposal_events WHERE ${upTo(block)}`,
  fields: [
    id("`<community id>-<block>-<log index>`."),
    f("kind", "String", "`queued`, `executed` or `canceled`."),
    f("eta", "BigInt", "When queued: earliest execution time.", { nullable: true }),
    ...position("the event"),
  ],
  relations: [community, proposal],
};

const currentBallots = (
  block: bigint | undefined,
) => sql`SELECT DISTINCT ON (proposal, ballot_key) *
  FROM ballot_events WHERE ${upTo(block)} ORDER BY proposal, ballot_key, block_number DESC, log_index DESC`;

const ballotMember = `CASE WHEN voter IS NULL THEN NULL ELSE ${memberOf("community", "voter")} END AS member`;

const Ballot: EntityDef = {
  name: "Ballot",
  single: "ballot",
  plural: "ballots",
  description: "A voter's current public ballot on a proposal, as of the block.",
  source: (block) => sql`SELECT proposal || '-' || ballot_key AS id, proposal, community, voter,
    ${sql.raw(ballotMember)}, kind, option, abstain, votes, block_number, block_timestamp, log_index,
    transaction_hash FROM (${currentBallots(block)}) latest
    WHERE kind <> 'retracted' AND voter IS NOT NULL`,
  fields: [
    id("`<proposal id>-<voter's CAIP-10 id>`."),
    f("voter", "String", "CAIP-10 id of the voter."),
    f("kind", "String", "`cast` or `changed`: how the current ballot came."),
    f("option", "Int", "The option chosen (single choice); null for abstain and quadratic.", {
      nullable: true,
    }),
    f("abstain", "Boolean", "Whether the ballot abstains."),
    f("votes", "[BigInt!]", "Quadratic: votes per option.", { nullable: true }),
    ...position("the latest cast or change"),
  ],
  relations: [
    community,
    proposal,
    {
      name: "member",
      target: "Member",
      kind: "one",
      column: "member",
      foreign: "id",
      nullable: true,
      description: "The voter as a member, if one at the block.",
    },
  ],
};

const AnonymousBallot: EntityDef = {
  name: "AnonymousBallot",
  single: "anonymousBallot",
  plural: "anonymousBallots",
  description: "A current anonymous ballot (one per nullifier), as of the block.",
  source: (block) => sql`SELECT proposal || '-' || ballot_key AS id, proposal, community, nullifier,
    kind, option, abstain, block_number, block_timestamp, log_index, transaction_hash
    FROM (${currentBallots(block)}) latest WHERE kind <> 'retracted' AND nullifier IS NOT NULL`,
  fields: [
    id("`<proposal id>-<nullifier>`."),
    f("nullifier", "BigInt", "The Semaphore nullifier."),
    f("kind", "String", "`cast` or `changed`."),
    f("option", "Int", "The option chosen; null for abstain.", { nullable: true }),
    f("abstain", "Boolean", "Whether the ballot abstains."),
    ...position("the latest cast or change"),
  ],
  relations: [community, proposal],
};

const BallotEvent: EntityDef = {
  name: "BallotEvent",
  single: "ballotEvent",
  plural: "ballotEvents",
  description: "Ballot history, public and anonymous: every cast, change and retraction.",
  source: (block) => sql`SELECT id, proposal, community, proposal || '-' || ballot_key AS ballot,
    voter, ${sql.raw(ballotMember)}, nullifier, kind, option, abstain, votes, block_number,
    block_timestamp, log_index, transaction_hash FROM ballot_events WHERE ${upTo(block)}`,
  fields: [
    id("`<community id>-<block>-<log index>`."),
    f("ballot", "String", "Id of the ballot it changes (`<proposal id>-<voter or nullifier>`)."),
    f("voter", "String", "CAIP-10 id of the voter (public ballots).", { nullable: true }),
    f("nullifier", "BigInt", "Nullifier (anonymous ballots).", { nullable: true }),
    f("kind", "String", "`cast`, `changed` or `retracted`."),
    f("option", "Int", "The option chosen, if any.", { nullable: true }),
    f("abstain", "Boolean", "Whether it abstains."),
    f("votes", "[BigInt!]", "Quadratic: votes per option.", { nullable: true }),
    ...position("the event"),
  ],
  relations: [community, proposal],
};

const identityColumns = `community, account, ${memberOf("community", "account")} AS member, kind,
  commitment, old_commitment, leaf_index, group_root, block_number, block_timestamp, log_index,
  transaction_hash`;

const identityFields = (what: string): FieldDef[] => [
  f("account", "String", "CAIP-10 id of the member's account."),
  f("kind", "String", "`registered`, `replaced` or `removed`."),
  f("commitment", "BigInt", "Identity commitment."),
  f("leafIndex", "BigInt", "Leaf index in the group."),
  f("groupRoot", "BigInt", "Group root after the event."),
  ...position(what),
];

const Identity: EntityDef = {
  name: "Identity",
  single: "identity",
  plural: "identities",
  description: "A member's current identity in the anonymous-ballot group, as of the block.",
  source: (block) => sql`SELECT ${sql.raw(memberOf("community", "account"))} AS id,
    ${sql.raw(identityColumns)} FROM (
      SELECT DISTINCT ON (community, account) * FROM identity_events WHERE ${upTo(block)}
      ORDER BY community, account, block_number DESC, log_index DESC) latest
    WHERE kind <> 'removed'`,
  fields: [
    id("The member's id: `<community id>-<lowercase address>`."),
    ...identityFields("the latest change"),
  ],
  relations: [
    community,
    {
      name: "member",
      target: "Member",
      kind: "one",
      column: "member",
      foreign: "id",
      nullable: true,
      description: "The member, if one at the block.",
    },
    many("history", "IdentityEvent", "member", "Every change of this member's identity."),
  ],
};

const IdentityEvent: EntityDef = {
  name: "IdentityEvent",
  single: "identityEvent",
  plural: "identityEvents",
  description: "A change in the anonymous-ballot group: registered, replaced, removed.",
  source: (block) =>
    sql`SELECT id, ${sql.raw(identityColumns)} FROM identity_events WHERE ${upTo(block)}`,
  fields: [
    id("`<community id>-<block>-<log index>`."),
    ...identityFields("the event"),
    f("oldCommitment", "BigInt", "Replaced: the previous commitment.", { nullable: true }),
  ],
  relations: [community],
};

const TallyRevision: EntityDef = {
  name: "TallyRevision",
  single: "tallyRevision",
  plural: "tallyRevisions",
  description:
    "A proposal's tally after a block in which its ballots changed (and at its creation), recomputed from events.",
  source: (block) => sql`SELECT r.*, r.block_number <= COALESCE((SELECT finalized FROM sync_cursor
    ORDER BY block_number DESC LIMIT 1), -1) AS finalized,
    CASE WHEN r.total_mass > 0 THEN floor(r.participation * 10000 / r.total_mass)::integer END AS turnout_bps,
    CASE WHEN r.total_mass > 0 THEN round(r.participation::numeric / r.total_mass, 18) END AS turnout
    FROM tally_revisions r WHERE ${upTo(block, "r")}`,
  fields: [
    id("`<proposal id>-<block>`."),
    f("blockNumber", "BigInt", "Block the revision reflects."),
    f("blockHash", "Bytes", "Hash of that block."),
    f("blockTimestamp", "BigInt", "Timestamp of that block."),
    f("finalized", "Boolean", "Whether that block is final (it can no longer be reorganised)."),
    f("tallies", "[BigInt!]", "Mass per option."),
    f("abstain", "BigInt", "Mass that abstains."),
    f("participation", "BigInt", "Mass that voted (options and abstain)."),
    f("totalMass", "BigInt", "Total mass at the snapshot."),
    f("turnout", "BigDecimal", "Turnout: participation / total mass (18 decimals, rounded).", {
      nullable: true,
    }),
    f("turnoutBps", "Int", "Turnout: participation / total mass, in basis points (rounded down).", {
      nullable: true,
    }),
    f("idleMass", "BigInt", "Mass of members whose chain reaches no voter yet."),
    f("quorum", "BigInt", "Participation required.", { nullable: true }),
    f("quorumBps", "Int", "Quorum in basis points.", { nullable: true }),
    f("quorumMet", "Boolean", "Whether participation reaches the quorum.", { nullable: true }),
    f("leader", "Int", "The strictly leading option, if any.", { nullable: true }),
    f("tie", "Boolean", "Whether options are tied above zero for the lead."),
    f("passing", "Boolean", "Whether it would pass now.", { nullable: true }),
    f("ballots", "Int", "Number of current ballots."),
    f("groupMismatch", "Boolean", "Anonymous: the rebuilt group disagrees with the recorded root."),
  ],
  relations: [community, proposal],
};

/**
 * Every entity by GraphQL type name.
 *
 * @example
 * ```ts
 * for (const entity of Object.values(entities)) console.log(entity.single, entity.plural);
 * ```
 */
export const entities: Record<string, EntityDef> = {
  Community,
  Topic,
  Member,
  MemberEvent,
  Delegation,
  DelegationEvent,
  Proposal,
  ProposalEvent,
  Ballot,
  AnonymousBallot,
  BallotEvent,
  Identity,
  IdentityEvent,
  TallyRevision,
};
