-- The indexer's first schema: append-only tables keyed by the block that wrote each row (see
-- src/store/schema.ts, which mirrors this file), and views of the current state.
CREATE TABLE blocks (
  number bigint PRIMARY KEY,
  hash text NOT NULL,
  parent_hash text NOT NULL,
  timestamp bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE sync_cursor (
  block_number bigint PRIMARY KEY,
  block_hash text NOT NULL,
  parent_hash text NOT NULL,
  block_timestamp bigint NOT NULL,
  finalized bigint NOT NULL,
  head bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE raw_events (
  block_number bigint NOT NULL,
  log_index integer NOT NULL,
  block_hash text NOT NULL,
  block_timestamp bigint NOT NULL,
  transaction_hash text NOT NULL,
  transaction_index integer NOT NULL,
  address text NOT NULL,
  source text NOT NULL,
  event_name text NOT NULL,
  args jsonb NOT NULL,
  PRIMARY KEY (block_number, log_index)
);
--> statement-breakpoint
CREATE INDEX raw_events_address ON raw_events (address, block_number, log_index);
--> statement-breakpoint
CREATE TABLE communities (
  id text PRIMARY KEY,
  chain_id integer NOT NULL,
  address text NOT NULL,
  timelock text NOT NULL,
  creator text NOT NULL,
  implementation text NOT NULL,
  registrar text NOT NULL,
  bootstrap_admin text NOT NULL,
  block_number bigint NOT NULL,
  block_timestamp bigint NOT NULL,
  log_index integer NOT NULL,
  transaction_hash text NOT NULL
);
--> statement-breakpoint
CREATE TABLE community_settings (
  id text PRIMARY KEY,
  community text NOT NULL,
  quorum_bps integer,
  voting_period bigint,
  min_voting_period bigint,
  proposal_threshold numeric(78, 0),
  block_number bigint NOT NULL,
  block_timestamp bigint NOT NULL,
  log_index integer NOT NULL,
  transaction_hash text NOT NULL
);
--> statement-breakpoint
CREATE INDEX community_settings_community ON community_settings (community, block_number);
--> statement-breakpoint
CREATE TABLE topics (
  id text PRIMARY KEY,
  community text NOT NULL,
  topic integer NOT NULL,
  name text NOT NULL,
  block_number bigint NOT NULL,
  block_timestamp bigint NOT NULL,
  log_index integer NOT NULL,
  transaction_hash text NOT NULL
);
--> statement-breakpoint
CREATE TABLE member_events (
  id text PRIMARY KEY,
  community text NOT NULL,
  member text NOT NULL,
  account text NOT NULL,
  kind text NOT NULL,
  weight numeric(78, 0) NOT NULL,
  previous_weight numeric(78, 0) NOT NULL,
  block_number bigint NOT NULL,
  block_timestamp bigint NOT NULL,
  log_index integer NOT NULL,
  transaction_hash text NOT NULL
);
--> statement-breakpoint
CREATE INDEX member_events_member ON member_events (member, block_number, log_index);
--> statement-breakpoint
CREATE INDEX member_events_community ON member_events (community, block_number);
--> statement-breakpoint
CREATE TABLE delegation_events (
  id text PRIMARY KEY,
  community text NOT NULL,
  topic integer NOT NULL,
  delegator text NOT NULL,
  delegate text,
  previous_delegate text,
  block_number bigint NOT NULL,
  block_timestamp bigint NOT NULL,
  log_index integer NOT NULL,
  transaction_hash text NOT NULL
);
--> statement-breakpoint
CREATE INDEX delegation_events_delegator ON delegation_events (community, topic, delegator, block_number, log_index);
--> statement-breakpoint
CREATE INDEX delegation_events_delegate ON delegation_events (community, topic, delegate);
--> statement-breakpoint
CREATE TABLE proposals (
  id text PRIMARY KEY,
  community text NOT NULL,
  proposal_id numeric(78, 0) NOT NULL,
  proposer text NOT NULL,
  topic integer NOT NULL,
  mode text NOT NULL,
  option_count integer NOT NULL,
  snapshot bigint NOT NULL,
  vote_end bigint NOT NULL,
  metadata_hash text NOT NULL,
  metadata_uri text NOT NULL,
  executable boolean NOT NULL,
  actions jsonb,
  group_root numeric(78, 0),
  group_identities numeric(78, 0),
  block_number bigint NOT NULL,
  block_timestamp bigint NOT NULL,
  log_index integer NOT NULL,
  transaction_hash text NOT NULL
);
--> statement-breakpoint
CREATE INDEX proposals_community ON proposals (community, block_number);
--> statement-breakpoint
CREATE TABLE proposal_events (
  id text PRIMARY KEY,
  proposal text NOT NULL,
  community text NOT NULL,
  kind text NOT NULL,
  eta bigint,
  block_number bigint NOT NULL,
  block_timestamp bigint NOT NULL,
  log_index integer NOT NULL,
  transaction_hash text NOT NULL
);
--> statement-breakpoint
CREATE INDEX proposal_events_proposal ON proposal_events (proposal, block_number);
--> statement-breakpoint
CREATE TABLE ballot_events (
  id text PRIMARY KEY,
  proposal text NOT NULL,
  community text NOT NULL,
  ballot_key text NOT NULL,
  voter text,
  nullifier numeric(78, 0),
  kind text NOT NULL,
  option integer,
  abstain boolean NOT NULL,
  votes numeric(78, 0)[],
  block_number bigint NOT NULL,
  block_timestamp bigint NOT NULL,
  log_index integer NOT NULL,
  transaction_hash text NOT NULL
);
--> statement-breakpoint
CREATE INDEX ballot_events_key ON ballot_events (proposal, ballot_key, block_number, log_index);
--> statement-breakpoint
CREATE INDEX ballot_events_voter ON ballot_events (voter, block_number);
--> statement-breakpoint
CREATE TABLE identity_events (
  id text PRIMARY KEY,
  community text NOT NULL,
  account text NOT NULL,
  kind text NOT NULL,
  commitment numeric(78, 0) NOT NULL,
  old_commitment numeric(78, 0),
  leaf_index numeric(78, 0) NOT NULL,
  group_root numeric(78, 0) NOT NULL,
  block_number bigint NOT NULL,
  block_timestamp bigint NOT NULL,
  log_index integer NOT NULL,
  transaction_hash text NOT NULL
);
--> statement-breakpoint
CREATE INDEX identity_events_community ON identity_events (community, block_number, log_index);
--> statement-breakpoint
CREATE TABLE tally_revisions (
  id text PRIMARY KEY,
  proposal text NOT NULL,
  community text NOT NULL,
  block_number bigint NOT NULL,
  block_hash text NOT NULL,
  block_timestamp bigint NOT NULL,
  tallies numeric(78, 0)[] NOT NULL,
  abstain numeric(78, 0) NOT NULL,
  participation numeric(78, 0) NOT NULL,
  total_mass numeric(78, 0) NOT NULL,
  idle_mass numeric(78, 0) NOT NULL,
  quorum numeric(78, 0),
  quorum_bps integer,
  quorum_met boolean,
  leader integer,
  tie boolean NOT NULL,
  passing boolean,
  ballots integer NOT NULL,
  group_mismatch boolean NOT NULL
);
--> statement-breakpoint
CREATE INDEX tally_revisions_proposal ON tally_revisions (proposal, block_number);
--> statement-breakpoint
CREATE INDEX tally_revisions_block ON tally_revisions (block_number);
--> statement-breakpoint
CREATE TABLE tally_checks (
  revision text PRIMARY KEY,
  proposal text NOT NULL,
  block_number bigint NOT NULL,
  status text NOT NULL,
  on_chain jsonb,
  differences jsonb,
  error text
);
--> statement-breakpoint
CREATE TABLE metadata_documents (
  uri text NOT NULL,
  hash text NOT NULL,
  status text NOT NULL,
  hash_of text,
  content jsonb,
  title text,
  error text,
  attempts integer NOT NULL,
  retry_at bigint,
  PRIMARY KEY (uri, hash)
);
--> statement-breakpoint
-- Current state: the latest row per key (a time-travel query adds `WHERE block_number <= N` inside).
CREATE VIEW current_members AS
  SELECT * FROM (
    SELECT DISTINCT ON (member) * FROM member_events ORDER BY member, block_number DESC, log_index DESC
  ) latest WHERE weight > 0;
--> statement-breakpoint
CREATE VIEW current_delegations AS
  SELECT * FROM (
    SELECT DISTINCT ON (community, topic, delegator) * FROM delegation_events
    ORDER BY community, topic, delegator, block_number DESC, log_index DESC
  ) latest WHERE delegate IS NOT NULL;
--> statement-breakpoint
CREATE VIEW current_ballots AS
  SELECT * FROM (
    SELECT DISTINCT ON (proposal, ballot_key) * FROM ballot_events
    ORDER BY proposal, ballot_key, block_number DESC, log_index DESC
  ) latest WHERE kind <> 'retracted';
--> statement-breakpoint
-- The anonymous-ballot group as it is now: the latest identity at each leaf, unless removed.
CREATE VIEW current_identities AS
  SELECT * FROM (
    SELECT DISTINCT ON (community, leaf_index) * FROM identity_events
    ORDER BY community, leaf_index, block_number DESC, log_index DESC
  ) latest WHERE kind <> 'removed';
--> statement-breakpoint
CREATE VIEW latest_tally_revisions AS
  SELECT DISTINCT ON (proposal) * FROM tally_revisions ORDER BY proposal, block_number DESC;
--> statement-breakpoint
-- Finality is not stored on a revision: it is final once the latest cursor's finalized block reaches it.
CREATE VIEW tally_revision_finality AS
  SELECT r.id, r.proposal, r.block_number,
    r.block_number <= coalesce(
      (SELECT finalized FROM sync_cursor ORDER BY block_number DESC LIMIT 1), -1
    ) AS finalized
  FROM tally_revisions r;
