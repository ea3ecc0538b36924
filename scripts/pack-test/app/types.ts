// The pack test's type check (b): compiled with `tsc --noEmit` against the packed tarballs' .d.ts, once
// with moduleResolution node16 and once with bundler. Every import must resolve to real types: `any`
// (a missing or untyped entry) fails the IsAny checks below.

import type { ServerEnv } from "@plenum/indexer/server";
import type { createStore } from "@plenum/indexer/store";
import { type GetTallyReturnType, getTally, type liquidGovernorAbi } from "@plenum/sdk";
import type { AnonymousError } from "@plenum/sdk/anonymous";
import { isqrt, type tally } from "@plenum/sdk/engine";
import type { Address } from "viem";

type IsAny<T> = 0 extends 1 & T ? true : false;
const typed: [
  IsAny<typeof getTally>,
  IsAny<typeof tally>,
  IsAny<typeof AnonymousError>,
  IsAny<typeof createStore>,
  IsAny<ServerEnv>,
] = [false, false, false, false, false];

// Typed ABI: the names are literal types, not string.
type FunctionName = Extract<(typeof liquidGovernorAbi)[number], { type: "function" }>["name"];
const castVote: FunctionName = "castVote";
// @ts-expect-error not a function of the community's ABI
const notAFunction: FunctionName = "noSuchFunction";

const root: bigint = isqrt(144n);
export async function read(client: Parameters<typeof getTally>[0], community: Address) {
  const result: GetTallyReturnType = await getTally(client, { community, proposalId: 1n });
  const participation: bigint = result.participation;
  return { participation, root, typed, castVote, notAFunction };
}
