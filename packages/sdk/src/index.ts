// @plenum/sdk: typed viem actions for Plenum communities, typed contract errors, the pure tally
// engine, and the independent recount from chain logs.
export * from "./actions/index.ts";
export * from "./engine/index.ts";
export * from "./errors/index.ts";
export { communityFactoryAbi, liquidGovernorAbi, timelockControllerAbi } from "./generated/abis.ts";
export { demoDeployments, deployments } from "./generated/deployments.ts";
export * from "./recount/index.ts";
