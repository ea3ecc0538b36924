// Live updates over SSE: a proposal's tally revisions (a reorg sends the corrected tally, flagged as
// replacing), ballot events and proposals as they are added, and removed again by a reorg. Each
// subscriber filters the committed-step feed by id; the rows a step names are read once per step for
// all subscribers of this replica.
import { entities } from "./entities.ts";
import { createLoaders } from "./loaders.ts";
import type { EntityDef } from "./model.ts";
import type { CommittedFeed, CommittedStep } from "./pubsub.ts";
import { latestByColumn, type QueryDb, type Row, rowsByColumn } from "./query.ts";
import type { ApiContext } from "./resolvers.ts";

/**
 * The subscription side of the SDL.
 *
 * @example
 * ```ts
 * const typeDefs = [buildTypeDefs(), subscriptionTypeDefs];
 * ```
 */
export const subscriptionTypeDefs = `"""
A tally revision as it is committed, or after a reorg the tally as it now stands.
"""
type TallyRevisionEvent {
  """
  The proposal's id.
  """
  proposal: ID!
  """
  True after a reorg: this revision replaces every revision you received above its block (null revision: the proposal itself was dropped).
  """
  replacing: Boolean!
  revision: TallyRevision
}

"""
A ballot event as it is committed (\`removed: false\`), or the id of one a reorg dropped (\`removed: true\`).
"""
type BallotUpdate {
  """
  The ballot event's id.
  """
  id: ID!
  """
  The proposal's id.
  """
  proposal: ID!
  """
  True after a reorg: the ballot event you were told about with this id is gone (drop it from your list); what the replacing blocks add follows as new updates.
  """
  removed: Boolean!
  """
  The ballot event (null when removed).
  """
  ballot: BallotEvent
}

"""
A proposal as it is committed (\`removed: false\`), or the id of one a reorg dropped (\`removed: true\`).
"""
type ProposalUpdate {
  """
  The proposal's id.
  """
  id: ID!
  """
  The community's id.
  """
  community: ID!
  """
  True after a reorg: the proposal you were told about with this id is gone (drop it from your list); what the replacing blocks add follows as new updates.
  """
  removed: Boolean!
  """
  The proposal (null when removed).
  """
  proposal: Proposal
}

type Subscription {
  """
  Each new tally revision of a proposal, in block order; after a reorg, the corrected tally flagged \`replacing\`.
  """
  tallyRevisions(proposal: ID!): TallyRevisionEvent!
  """
  Each ballot cast, changed or retracted (public and anonymous), of one proposal or of all; after a reorg, the ones it dropped flagged \`removed\`, then the replacing blocks' ones.
  """
  ballots(proposal: ID): BallotUpdate!
  """
  Each new proposal, of one community or of all; after a reorg, the ones it dropped flagged \`removed\`, then the replacing blocks' ones.
  """
  proposals(community: ID): ProposalUpdate!
}`;

/** Rows read for a step, shared by the subscribers of this replica (one read per step and kind). */
const reads = new WeakMap<CommittedStep, Map<string, Promise<Row[]>>>();
function once(step: CommittedStep, key: string, read: () => Promise<Row[]>): Promise<Row[]> {
  let forStep = reads.get(step);
  if (!forStep) {
    forStep = new Map();
    reads.set(step, forStep);
  }
  let rows = forStep.get(key);
  if (!rows) {
    rows = read();
    forStep.set(key, rows);
  }
  return rows;
}

function stepRows(db: QueryDb, step: CommittedStep, entity: EntityDef, ids: string[]) {
  if (step.type !== "blocks") return Promise.resolve([]);
  const block = BigInt(step.block.number);
  return once(step, entity.name, () => rowsByColumn(db, entity, block, "id", ids)).then((rows) => {
    const order = new Map(ids.map((id, i) => [id, i]));
    return [...rows].sort(
      (a, b) => (order.get(String(a.id)) ?? 0) - (order.get(String(b.id)) ?? 0),
    );
  });
}

/**
 * Each step of `feed` mapped to the payloads it yields for one subscriber. Unlike an async generator,
 * `return()` (the client went away) reaches the feed at once, even while waiting for the next step,
 * so a closed subscription never keeps a listener.
 */
function expand<U>(
  feed: CommittedFeed,
  map: (step: CommittedStep) => Promise<U[]>,
): AsyncIterableIterator<U> {
  const inner = feed.subscribe()[Symbol.asyncIterator]();
  const buffered: U[] = [];
  let done = false;
  const finished = { done: true as const, value: undefined };
  return {
    async next() {
      while (buffered.length === 0) {
        if (done) return finished;
        const step = await inner.next();
        if (step.done || done) {
          done = true;
          return finished;
        }
        buffered.push(...(await map(step.value)));
      }
      return { done: false, value: buffered.shift() as U };
    },
    async return() {
      done = true;
      buffered.length = 0;
      await inner.return?.();
      return finished;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function tallyEvents(feed: CommittedFeed, db: QueryDb, proposal: string) {
  return expand(feed, async (step) => {
    if (step.type === "reorg") {
      if (!step.proposals.includes(proposal)) return [];
      const [row] = await once(step, `latest:${proposal}`, () =>
        latestByColumn(db, entities.TallyRevision as EntityDef, undefined, "proposal", [proposal]),
      );
      return [{ proposal, replacing: true, revision: row ?? null }];
    }
    if (!step.tallyRevisions.some((r) => r.proposal === proposal)) return [];
    const all = step.tallyRevisions.map((r) => r.id);
    const rows = await stepRows(db, step, entities.TallyRevision as EntityDef, all);
    return rows
      .filter((row) => row.proposal === proposal)
      .map((revision) => ({ proposal, replacing: false, revision }));
  });
}

/** A `BallotUpdate` before its `ballot` is resolved. */
interface BallotUpdate {
  id: string;
  proposal: string;
  removed: boolean;
  ballot: Row | null;
}

/** A `ProposalUpdate` before its `proposal` is resolved. */
interface ProposalUpdate {
  id: string;
  community: string;
  removed: boolean;
  proposal: Row | null;
}

function ballotEvents(feed: CommittedFeed, db: QueryDb, proposal: string | undefined) {
  const mine = (b: { proposal: string }) => !proposal || b.proposal === proposal;
  return expand(feed, async (step): Promise<BallotUpdate[]> => {
    if (step.type === "reorg") {
      return (step.removed?.ballotEvents ?? [])
        .filter(mine)
        .map((b) => ({ id: b.id, proposal: b.proposal, removed: true, ballot: null }));
    }
    if (!step.ballotEvents.some(mine)) return [];
    const all = step.ballotEvents.map((b) => b.id);
    const rows = await stepRows(db, step, entities.BallotEvent as EntityDef, all);
    return rows
      .filter((row) => mine({ proposal: String(row.proposal) }))
      .map((ballot) => ({
        id: String(ballot.id),
        proposal: String(ballot.proposal),
        removed: false,
        ballot,
      }));
  });
}

function proposalEvents(feed: CommittedFeed, db: QueryDb, community: string | undefined) {
  const mine = (p: { community: string }) => !community || p.community === community;
  return expand(feed, async (step): Promise<ProposalUpdate[]> => {
    if (step.type === "reorg") {
      return (step.removed?.proposals ?? [])
        .filter(mine)
        .map((p) => ({ id: p.id, community: p.community, removed: true, proposal: null }));
    }
    if (!step.proposals.some(mine)) return [];
    const all = step.proposals.map((p) => p.id);
    const rows = await stepRows(db, step, entities.Proposal as EntityDef, all);
    return rows
      .filter((row) => mine({ community: String(row.community) }))
      .map((proposal) => ({
        id: String(proposal.id),
        community: String(proposal.community),
        removed: false,
        proposal,
      }));
  });
}

/**
 * Each event is resolved with fresh loaders: a subscription lives long, and its nested fields must
 * read the state of the event's block, not a cache from an earlier one.
 */
function fresh<T>(context: ApiContext, value: T): T {
  context.loaders = createLoaders(context.db);
  return value;
}

/**
 * The subscription resolvers over `feed`.
 *
 * @example
 * ```ts
 * const resolvers = { ...buildResolvers(), Subscription: subscriptionResolvers(feed) };
 * ```
 */
export function subscriptionResolvers(feed: CommittedFeed) {
  return {
    tallyRevisions: {
      subscribe: (_: unknown, args: { proposal: string }, context: ApiContext) =>
        tallyEvents(feed, context.db, args.proposal),
      resolve: (event: unknown, _: unknown, context: ApiContext) => fresh(context, event),
    },
    ballots: {
      subscribe: (_: unknown, args: { proposal?: string | null }, context: ApiContext) =>
        ballotEvents(feed, context.db, args.proposal ?? undefined),
      resolve: (row: unknown, _: unknown, context: ApiContext) => fresh(context, row),
    },
    proposals: {
      subscribe: (_: unknown, args: { community?: string | null }, context: ApiContext) =>
        proposalEvents(feed, context.db, args.community ?? undefined),
      resolve: (row: unknown, _: unknown, context: ApiContext) => fresh(context, row),
    },
  };
}
