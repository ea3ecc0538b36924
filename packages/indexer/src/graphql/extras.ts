// What the generated entities do not cover: explanations at a tally revision (the SDK's `explain`:
// the path that carries a member's mass, or why nobody carries it; and whom a voter carries), a
// member's delegation chain per topic, and the open proposals that still need a member's vote.
import type { CommunityLog } from "@plenum/sdk";
import { sql } from "drizzle-orm";
import type { Address } from "viem";
import { type CarriedMembers, carriedBy, carriers, explainMember } from "../indexing/explain.ts";
import { loadCommunityLogs } from "../indexing/logs.ts";
import { accountId } from "../store/values.ts";
import { type BlockArg, resolveBlock } from "./block.ts";
import { entities } from "./entities.ts";
import { ApiError } from "./errors.ts";
import type { EntityDef } from "./model.ts";
import type { Row } from "./query.ts";
import type { ApiContext } from "./resolvers.ts";

/**
 * The SDL of the extras, extending the generated types.
 *
 * @example
 * ```ts
 * const typeDefs = [buildTypeDefs(), extrasTypeDefs, subscriptionTypeDefs];
 * ```
 */
export const extrasTypeDefs = `"""
Where a member's mass goes in a proposal at a revision (the SDK's \`explain\`).
"""
type Explanation {
  """
  CAIP-10 id of the member explained.
  """
  member: String!
  """
  \`voted\` (their own ballot), \`carried\` (a delegate's ballot), \`uncounted\` or \`not-a-member\`.
  """
  kind: String!
  """
  CAIP-10 ids from the member along their delegation chain to the carrier (or to where it ends).
  """
  path: [String!]!
  """
  CAIP-10 id of the voter whose ballot carries the member's mass.
  """
  carrier: String
  """
  Uncounted: \`no-voter-on-chain\` (nobody on the chain voted yet) or \`chain-ends-at-non-member\`.
  """
  reason: String
  """
  The member's mass (weight; quadratic: its square root).
  """
  mass: BigInt
}

"""
A member whose mass a voter carries.
"""
type CarriedMember {
  member: String!
  mass: BigInt!
}

"""
Whom a voter carries in a proposal at a revision.
"""
type Carried {
  voter: String!
  """
  Mass carried in all, the voter's own included.
  """
  carried: BigInt!
  members: [CarriedMember!]!
}

extend type TallyRevision {
  """
  Where \`member\`'s mass goes at this revision (address or CAIP-10 id). Public proposals only.
  """
  explain(member: String!): Explanation!
  """
  The members whose mass \`voter\` carries at this revision (address or CAIP-10 id). Public proposals only.
  """
  carried(voter: String!): Carried!
  """
  Every voter who carries mass at this revision, with whom they carry, from one recount: the most
  mass first (ties by address). Public proposals only.
  """
  carriers: [Carried!]!
}

extend type Member {
  """
  The member's delegation chain on \`topic\`: CAIP-10 ids from the member to the last delegate.
  """
  chain(topic: Int!): [String!]!
}

extend type Query {
  """
  Open proposals of the member's community (voting not over at the block read, not canceled, public)
  on which the member has no ballot of their own.
  """
  needsVote(member: ID!, block: Block_height): [Proposal!]!
}`;

const MAX_CHAIN = 64;

function addressOf(account: string): Address {
  const address = account.includes(":") ? account.split(":")[2] : account;
  if (!address || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
    throw new ApiError(
      "INVALID_FILTER",
      `${account} is neither an address nor a CAIP-10 account id.`,
    );
  }
  return address as Address;
}

/** A `Carried` object of the API: CAIP-10 ids for the voter and the members. */
function carriedView(chainId: number, c: CarriedMembers) {
  const id = (a: string) => accountId(chainId, a);
  return {
    voter: id(c.voter),
    carried: c.carried,
    members: c.members.map((m) => ({ member: id(m.member), mass: m.mass })),
  };
}

/** A revision's community logs up to its block, read once per request. */
async function revisionInput(row: Row, context: ApiContext) {
  const proposal = String(row.proposal);
  const community = String(row.community);
  const block = BigInt(String(row.block_number));
  const [mode] = await context.db.query(sql`SELECT mode FROM proposals WHERE id = ${proposal}`);
  if (mode?.mode === "anonymous") {
    throw new ApiError("INVALID_FILTER", "Anonymous ballots carry no one: nothing to explain.");
  }
  const drizzle = context.store?.db;
  if (!drizzle) throw new Error("Explanations need the store's drizzle handle.");
  const logs = context.loaders.batch<CommunityLog[]>(`logs|${block}`, (communities) =>
    Promise.all(communities.map((c) => loadCommunityLogs(drizzle, addressOf(c), block))),
  );
  return {
    logs: await logs.load(community),
    proposalId: BigInt(proposal.slice(proposal.lastIndexOf("-") + 1)),
    block,
    chainId: Number(community.split(":")[1]),
  };
}

/**
 * Resolvers of the extras.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(buildResolvers(), extrasResolvers());
 * ```
 */
export function extrasResolvers() {
  return {
    TallyRevision: {
      async explain(row: Row, args: { member: string }, context: ApiContext) {
        const { logs, proposalId, block, chainId } = await revisionInput(row, context);
        const e = explainMember(logs, proposalId, addressOf(args.member), block);
        const id = (a: string) => accountId(chainId, a);
        return {
          member: id(e.member),
          kind: e.kind,
          path: "path" in e ? e.path.map(id) : [],
          carrier: "carrier" in e ? id(e.carrier) : null,
          reason: "reason" in e ? e.reason : null,
          mass: "mass" in e ? e.mass : null,
        };
      },
      async carried(row: Row, args: { voter: string }, context: ApiContext) {
        const { logs, proposalId, block, chainId } = await revisionInput(row, context);
        return carriedView(chainId, carriedBy(logs, proposalId, addressOf(args.voter), block));
      },
      async carriers(row: Row, _: unknown, context: ApiContext) {
        const { logs, proposalId, block, chainId } = await revisionInput(row, context);
        return carriers(logs, proposalId, block).map((c) => carriedView(chainId, c));
      },
    },
    Member: {
      chain(row: Row, args: { topic: number }, context: ApiContext) {
        const block = row.__block;
        const loader = context.loaders.batch<string[]>(
          `chain|${block}|${args.topic}`,
          async (members) => {
            const accounts =
              await context.db.query(sql`WITH RECURSIVE chain(start, community, account, depth) AS (
              SELECT m.id, m.community, m.account, 0 FROM (${(entities.Member as EntityDef).source(block)}) m
                WHERE m.id IN (${sql.join(
                  members.map((m) => sql`${m}`),
                  sql`, `,
                )})
              UNION ALL
              SELECT c.start, c.community, d.delegate, c.depth + 1 FROM chain c
                JOIN (${(entities.Delegation as EntityDef).source(block)}) d
                  ON d.community = c.community AND d.delegator = c.account AND d.topic = ${args.topic}
                WHERE c.depth < ${MAX_CHAIN})
              SELECT start, account FROM chain ORDER BY start, depth`);
            const by = new Map<string, string[]>(members.map((m) => [m, []]));
            for (const a of accounts) by.get(String(a.start))?.push(String(a.account));
            return members.map((m) => by.get(m) ?? []);
          },
        );
        return loader.load(String(row.id));
      },
    },
    Query: {
      async needsVote(_: unknown, args: { member: string; block?: BlockArg }, context: ApiContext) {
        const head = await context.head();
        const block = await resolveBlock(context.db, args.block, head);
        const community = args.member.slice(0, args.member.lastIndexOf("-"));
        const [at] =
          block === undefined
            ? []
            : await context.db.query(
                sql`SELECT timestamp FROM blocks WHERE number <= ${block.toString()}::bigint ORDER BY number DESC LIMIT 1`,
              );
        const now = at ? String(at.timestamp) : "0";
        const rows =
          await context.db.query(sql`SELECT p.* FROM (${(entities.Proposal as EntityDef).source(block)}) p
          WHERE p.community = ${community} AND p.vote_end > ${now}::bigint AND p.mode <> 'anonymous'
            AND p.lifecycle IS DISTINCT FROM 'canceled'
            AND NOT EXISTS (SELECT 1 FROM (${(entities.Ballot as EntityDef).source(block)}) b
              WHERE b.proposal = p.id AND b.member = ${args.member})
          ORDER BY p.vote_end, p.id LIMIT 1000`);
        for (const row of rows) (row as Row).__block = block;
        return rows;
      },
    },
  };
}
