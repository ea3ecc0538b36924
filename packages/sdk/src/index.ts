// @plenum/sdk: typed viem actions for Plenum communities, typed contract errors, the pure tally
// engine, the independent recount from chain logs, and anonymous ballots (Semaphore).
export * from "./actions/index.ts";
export * from "./address/index.ts";
export * from "./anonymous/index.ts";
export * from "./engine/index.ts";
export * from "./errors/index.ts";
export { communityFactoryAbi, liquidGovernorAbi, timelockControllerAbi } from "./generated/abis.ts";
export { demoDeployments, deployments } from "./generated/deployments.ts";
export * from "./indexer/index.ts";
export * from "./input/index.ts";
export * from "./recount/index.ts";
