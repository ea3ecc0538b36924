// `pnpm dev`: the demo community as data, a party convention. scripts/dev/seed.mts sends it through the
// SDK. Members are anvil's accounts #1..#30 (anvil's public mnemonic `test test … junk`; account #0 is
// the deployer, registrar and bootstrap admin); `#n` below is an account index. The printed agenda
// (and README.md's sample of it) depends on every number here.

/** The demo's topics, by id. */
export const GENERAL = 0;
export const BUDGET = 1;
export const ENVIRONMENT = 2;
export const topicNames = ["General", "Budget", "Environment"] as const;

/** Option indexes of bills and the executable proposal: [Against, For]. */
export const AGAINST = 0;
export const FOR = 1;
const againstFor = ["Against", "For"] as const;

/**
 * The community's settings: votes last 3 days (polls may be as short as 10 minutes), quorum 20%, any
 * member may propose, 16 topics at most, chains of 8 edges at most; the timelock waits an hour.
 * @example
 * await createCommunitySync(admin, { factory, ...communityConfig, registrar: admin.account.address });
 */
export const communityConfig = {
  topics: topicNames,
  votingPeriod: 3 * 86_400,
  minVotingPeriod: 10 * 60,
  quorumBps: 2000,
  proposalThreshold: 1,
  maxTopics: 16,
  maxDepth: 8,
  timelockDelay: 3600,
} as const;

/**
 * Voice credits of members #1..#30 (index n - 1): mostly 1–6, a few organisers with more: #1 chair,
 * #6 environment lead, #10 popular delegate, #21 treasurer. They add up to 153.
 * @example
 * const members = accounts.map((account, i) => ({ account, weight: weights[i] }));
 */
export const weights: readonly number[] = [
  12, 3, 4, 6, 2, 16, 1, 2, 3, 25, 2, 1, 4, 3, 1, 2, 5, 1, 2, 3, 20, 4, 2, 5, 9, 1, 2, 3, 1, 8,
];

/** One delegation transaction: member `#from` delegates `topics` to member `#to`. */
export interface Delegation {
  from: number;
  topics: readonly number[];
  to: number;
}

const edge = (from: number, topic: number, to: number): Delegation => ({
  from,
  topics: [topic],
  to,
});
const range = (first: number, last: number) =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

/**
 * The delegation graph, one transaction each, in the order they are sent (34 in all):
 * General: #30 → #29 → #28 → #27 → #26 → #25 (five edges); #11–#17 → #10, #18 → #11; #2, #3 → #1.
 * Budget: #1–#4, #22–#24 → #21 (treasurer), #5 → #4, #10 → #21, #13, #14 → #10.
 * Environment: #7–#9, #19, #20 → #6; #25 → #24 → #23 → #22 → #6 (four edges); #10 → #6, #13, #14 → #10.
 * #13 and #14 delegate all three topics to #10 in one call.
 * @example
 * for (const { from, topics, to } of delegations) await delegateSync(member(from), { community, topics, to: account(to) });
 */
export const delegations: readonly Delegation[] = [
  // General: a chain five edges deep, delegated bottom-up.
  ...[30, 29, 28, 27, 26].map((n) => edge(n, GENERAL, n - 1)),
  // A popular delegate in General; two members follow them in every topic.
  { from: 13, topics: [GENERAL, BUDGET, ENVIRONMENT], to: 10 },
  { from: 14, topics: [GENERAL, BUDGET, ENVIRONMENT], to: 10 },
  ...[11, 12, 15, 16, 17].map((n) => edge(n, GENERAL, 10)),
  edge(18, GENERAL, 11),
  edge(2, GENERAL, 1),
  edge(3, GENERAL, 1),
  // Budget: the treasurer, who also receives the popular delegate's budget mass.
  ...[...range(1, 4), ...range(22, 24)].map((n) => edge(n, BUDGET, 21)),
  edge(5, BUDGET, 4),
  edge(10, BUDGET, 21),
  // Environment: the environment lead, with a chain of four edges.
  ...[7, 8, 9, 19, 20, 22].map((n) => edge(n, ENVIRONMENT, 6)),
  edge(23, ENVIRONMENT, 22),
  edge(24, ENVIRONMENT, 23),
  edge(25, ENVIRONMENT, 24),
  edge(10, ENVIRONMENT, 6),
];

/** A proposal's text: a JSON document `{ title, options }` (the demo's and the CLI's metadata convention). */
export interface ProposalText {
  title: string;
  options: readonly string[];
}

/** The convention agenda: 10 single-choice bills tabled by the chair (#1) in one `proposeBatch`. */
export const bills: readonly (ProposalText & { topic: number; votingPeriod: number })[] = [
  "Bill 1: Adopt the 2026 party platform preamble",
  "Bill 2: Two-term limit for elected party officers",
  "Bill 3: Open primaries for every candidate selection",
  "Bill 4: Publish all convention votes and delegations",
  "Bill 5: 2026 operating budget of 1.2 million",
  "Bill 6: Waive membership dues for members under 26",
  "Bill 7: Cap campaign spending per district",
  "Bill 8: Net-zero party operations by 2030",
  "Bill 9: Oppose the coastal LNG terminal",
  "Bill 10: Rail-first transport policy for regional towns",
].map((title, i) => ({
  title,
  options: againstFor,
  topic: i < 4 ? GENERAL : i < 7 ? BUDGET : ENVIRONMENT,
  votingPeriod: 86_400,
}));

/** The quadratic poll (Budget, the community's default voting period). */
export const quadraticPoll: ProposalText & { topic: number } = {
  topic: BUDGET,
  title: "Participatory budget: fund which projects first?",
  options: ["Youth office", "Community solar co-op", "Local newspaper ads", "Member training"],
};

/** The quorum the executable proposal asks the timelock to set, in basis points. */
export const PROPOSED_QUORUM_BPS = 1500;

/** The executable proposal (General): if it passes, the timelock calls `setQuorum(1500)`. */
export const executableProposal: ProposalText & { topic: number } = {
  topic: GENERAL,
  title: "Lower the quorum to 15% of total weight",
  options: againstFor,
};

/** One ballot of the demo: `bill` counts from 0 (bill 1), `option` is an index or "abstain". */
export type DemoBallot =
  | { bill: number; option: number | "abstain" }
  | { executable: true; option: number }
  | { poll: true; votes: readonly [number, number, number, number] };

const b = (bill: number, option: number | "abstain"): DemoBallot => ({ bill, option });
const x = (option: number): DemoBallot => ({ executable: true, option });
const q = (...votes: [number, number, number, number]): DemoBallot => ({ poll: true, votes });

/**
 * The first ballots, one `castVotes` per voter (13 voters), in the order they are sent. Direct votes
 * override delegates: #12 and #17 leave #10 on single bills, #27 votes inside the General chain and
 * carries #28–#30.
 * @example
 * for (const { voter, ballots } of votes) await castVotesSync(member(voter), { community, ballots: ballots.map(toBallot) });
 */
export const votes: readonly { voter: number; ballots: readonly DemoBallot[] }[] = [
  // The popular General delegate.
  { voter: 10, ballots: [b(0, FOR), b(1, FOR), b(2, AGAINST), b(3, FOR), x(FOR), q(0, 0, 5, 0)] },
  // The chair.
  {
    voter: 1,
    ballots: [b(0, FOR), b(1, AGAINST), b(2, AGAINST), b(3, FOR), b(4, FOR), q(1, 1, 1, 3)],
  },
  { voter: 12, ballots: [b(1, AGAINST)] },
  { voter: 27, ballots: [b(0, FOR)] },
  { voter: 25, ballots: [b(0, AGAINST), q(2, 2, 1, 0)] },
  // The treasurer.
  { voter: 21, ballots: [b(4, FOR), b(5, FOR), b(6, AGAINST), q(3, 1, 3, 1)] },
  { voter: 4, ballots: [b(5, AGAINST)] },
  { voter: 3, ballots: [b(6, FOR)] },
  // The environment lead.
  { voter: 6, ballots: [b(7, FOR), b(8, FOR), b(9, FOR), q(0, 4, 0, 0)] },
  { voter: 22, ballots: [b(8, AGAINST)] },
  { voter: 19, ballots: [b(9, "abstain")] },
  // Two members against the executable proposal.
  { voter: 30, ballots: [x(AGAINST)] },
  { voter: 17, ballots: [x(AGAINST)] },
];
