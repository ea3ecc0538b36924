import type {
  Account,
  Address,
  Chain,
  Client,
  Hash,
  Log,
  TransactionReceipt,
  Transport,
} from "viem";
import { BaseError } from "../../errors/base.ts";
import { checkAddressParameters } from "./addresses.ts";
import type {
  Call,
  GovernorEventArgs,
  RelayWriteParameters,
  SyncParameters,
  WriteParameters,
} from "./types.ts";
import {
  type ContractCall,
  firstEvent,
  type GovernorEventName,
  governorEvents,
  sendWrite,
  simulateWrite,
  toCall,
  type voteEventNames,
  waitForSuccess,
} from "./write.ts";

type AnyClient = Client<Transport, Chain | undefined, Account | undefined>;

/** The events a write emits: one community event, or any of the vote events. */
type WriteEvents = GovernorEventName | typeof voteEventNames;

/** The event names in `events`. */
type EventNames<events extends WriteEvents> = events extends readonly (infer name)[]
  ? name
  : events;

/** The transaction options of a write or, with `relay`, of a relay (its `nonce` is the voter's). */
type Options<
  relay extends boolean,
  chain extends Chain | undefined,
  account extends Account | undefined,
> = relay extends true ? RelayWriteParameters<chain, account> : WriteParameters<chain, account>;

/** What is particular to one write action; {@link defineWrite} builds the rest. */
export interface WriteDefinition<
  args extends object,
  events extends WriteEvents,
  params extends object,
  decoded,
  simulation,
  relay extends boolean,
> {
  /** The action's name, given to the send function (and, with `Sync`, to the sync one). */
  name: string;
  /** The contract call for the action's arguments (what `.call` encodes). */
  contractCall: (args: args) => ContractCall;
  /** The call when the parameters are not the arguments (it may read the chain); else `contractCall`. */
  resolve?: (client: AnyClient, parameters: params) => Promise<ContractCall>;
  /** Checks run before the simulation that throw the error the contract would; gets all the parameters. */
  preflight?: (client: AnyClient, parameters: params, call: ContractCall) => Promise<void>;
  /** The event(s) `extractEvent(s)` decode; without `decode`, the `…Sync` result is the first one's fields. */
  eventName?: events;
  /** The `…Sync` result, from the receipt of the mined transaction. */
  decode?: (receipt: TransactionReceipt, parameters: params) => decoded;
  /** Types or reshapes the simulation's `{ result, request }` (`result`: the function's return value). */
  simulated?: (simulation: { result: unknown; request: unknown }) => simulation;
  /** The parameters' `nonce` is a signed ballot's, so it never becomes the transaction's. */
  relay?: relay;
}

/**
 * Builds a write action's forms from what is particular to it: the send (preflight, simulate, send),
 * `simulate`, `call`, `extractEvent(s)` and the `…Sync` form (send, wait, decode).
 * @example
 * const write = defineWrite({ name: "retractVote", contractCall, eventName: "VoteRetracted" });
 * export const retractVote = Object.assign(write.send, { simulate: write.simulate, call: write.call });
 * export const retractVoteSync = write.sync;
 */
export function defineWrite<
  args extends object,
  events extends WriteEvents = never,
  params extends object = args,
  decoded = GovernorEventArgs<EventNames<events>> & { receipt: TransactionReceipt },
  simulation = { result: undefined; request: unknown },
  relay extends boolean = false,
>(
  definition: WriteDefinition<args, events, params, decoded, simulation, relay> &
    ({ eventName: events } | { decode: unknown }),
) {
  const { name, contractCall, resolve, preflight, eventName, decode, simulated, relay } =
    definition;
  const prepare = async (client: AnyClient, parameters: params) => {
    // Before anything reaches the node: a mistyped address fails here, in plain words.
    checkAddressParameters(parameters);
    const call = resolve
      ? await resolve(client, parameters)
      : contractCall(parameters as unknown as args);
    await preflight?.(client, parameters, call);
    return call;
  };
  const transactionOptions = (parameters: object) =>
    relay ? { ...parameters, nonce: undefined } : parameters;

  const send = async <chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<Transport, chain, account>,
    parameters: Options<relay, chain, account> & params,
  ): Promise<Hash> =>
    sendWrite(client, transactionOptions(parameters), await prepare(client, parameters));

  const simulate = async <chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<Transport, chain, account>,
    parameters: Options<relay, chain, account> & params,
  ): Promise<simulation> => {
    const call = await prepare(client, parameters);
    const simulation = await simulateWrite(client, transactionOptions(parameters), call);
    return (simulated ? simulated(simulation) : simulation) as simulation;
  };

  const call = (args: args): Call => {
    checkAddressParameters(args);
    return toCall(contractCall(args));
  };

  const extractEvents = (logs: readonly Log[]) =>
    governorEvents<EventNames<events>>(logs, eventName as EventNames<events>);

  // A list of names is the vote events, which errors call "vote".
  const label = typeof eventName === "string" ? eventName : "vote";
  const extractEvent = (logs: readonly Log[]) => {
    const [event] = extractEvents(logs);
    if (!event) throw new BaseError(`no ${label} event in the logs`);
    return event;
  };

  const sync = async <chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<Transport, chain, account>,
    parameters: Options<relay, chain, account> & params & SyncParameters,
  ): Promise<decoded> => {
    const hash = await send(client, parameters);
    const receipt = await waitForSuccess(client, hash, parameters);
    if (decode) return decode(receipt, parameters);
    const { community } = parameters as { community?: Address };
    const { args } = firstEvent(receipt.logs, eventName as GovernorEventName, community);
    return { ...args, receipt } as decoded;
  };

  Object.defineProperty(send, "name", { value: name });
  Object.defineProperty(sync, "name", { value: `${name}Sync` });
  return { send, simulate, call, extractEvent, extractEvents, sync };
}
