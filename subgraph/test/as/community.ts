// Test entry for the community template: its real handlers, and the event builder.
export * from "../../src/community";
export { newEvent } from "./events";
