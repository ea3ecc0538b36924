// Test entry for the factory data source: its real handlers, and the event builder.
export { handleCommunityCreated } from "../../src/factory";
export { newEvent } from "./events";
