import {
  communityFactoryAbi,
  liquidGovernorAbi,
  timelockControllerAbi,
} from "../generated/abis.ts";

type ErrorItem<abi extends readonly unknown[]> = Extract<abi[number], { type: "error" }>;

/** Every custom error a community, its factory or its timelock can revert with. */
export type PlenumErrorsAbi = readonly (
  | ErrorItem<typeof liquidGovernorAbi>
  | ErrorItem<typeof communityFactoryAbi>
  | ErrorItem<typeof timelockControllerAbi>
)[];

function collectErrors(): PlenumErrorsAbi {
  const seen = new Map<string, unknown>();
  for (const abi of [liquidGovernorAbi, communityFactoryAbi, timelockControllerAbi]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const key = `${item.name}(${item.inputs.map((input) => input.type).join(",")})`;
      if (!seen.has(key)) seen.set(key, item);
    }
  }
  return [...seen.values()] as PlenumErrorsAbi;
}

/**
 * The custom errors of a community (all three facets), the factory and the timelock, deduplicated: the ABI
 * the SDK decodes revert data with.
 * @example
 * import { decodeErrorResult } from "viem";
 * import { plenumErrorsAbi } from "@plenum/sdk";
 * decodeErrorResult({ abi: plenumErrorsAbi, data: "0x…" });
 */
export const plenumErrorsAbi: PlenumErrorsAbi = collectErrors();
