import {
  type Abi,
  type AbiEvent,
  type AbiParameter,
  type ContractEventName,
  type DecodeEventLogReturnType,
  decodeAbiParameters,
  type Hex,
  toEventSelector,
} from "viem";

interface Compiled {
  name: string;
  inputs: number;
  unnamed: boolean;
  indexed: { param: AbiParameter; index: number }[];
  data: AbiParameter[];
}

// Indexed values of these types are stored as their hash: the topic is the value (as viem returns it).
const HASHED = /^(string|bytes|tuple)$|\[\d*\]$/;

/**
 * A strict event decoder for one ABI that gives what viem's `parseEventLogs({ strict: true })` gives
 * (`eventName` and `args`) for a log, or `undefined` when no event of the ABI decodes it, but computes
 * each event's selector and parameter split once instead of for every log: decoding stops being the
 * slow part of reading many logs.
 *
 * @example
 * ```ts
 * import { liquidGovernorAbi } from "@plenum/sdk";
 * const decode = createEventDecoder(liquidGovernorAbi);
 * const event = decode(rawLog); // { eventName: "VoteCast", args: { voter, proposalId, option } } | undefined
 * ```
 */
export function createEventDecoder<const abi extends Abi>(abi: abi) {
  const bySelector = new Map<Hex, Compiled[]>();
  for (const item of abi) {
    if (item.type !== "event" || item.anonymous) continue;
    const event = item as AbiEvent;
    const selector = toEventSelector(event);
    const compiled: Compiled = {
      name: event.name,
      inputs: event.inputs.length,
      unnamed: event.inputs.some((input) => !input.name),
      indexed: event.inputs
        .map((param, index) => ({ param, index }))
        .filter(({ param }) => (param as { indexed?: boolean }).indexed),
      data: event.inputs.filter((input) => !(input as { indexed?: boolean }).indexed),
    };
    bySelector.set(selector, [...(bySelector.get(selector) ?? []), compiled]);
  }

  const decodeWith = (event: Compiled, topics: readonly Hex[], data: Hex) => {
    const args: Record<string | number, unknown> | unknown[] = event.unnamed ? [] : {};
    const put = (key: string | number, value: unknown) => {
      (args as Record<string | number, unknown>)[key] = value;
    };
    for (let i = 0; i < event.indexed.length; i++) {
      const { param, index } = event.indexed[i] as { param: AbiParameter; index: number };
      const topic = topics[i + 1];
      if (!topic) throw new Error("missing topic");
      put(
        event.unnamed ? index : param.name || index,
        HASHED.test(param.type) ? topic : decodeAbiParameters([param], topic)[0],
      );
    }
    if (event.data.length > 0) {
      if (!data || data === "0x") throw new Error("missing data");
      const values = decodeAbiParameters(event.data, data) as unknown[];
      let next = 0;
      if (event.unnamed) {
        const list = args as unknown[];
        for (let i = 0; i < event.inputs && next < values.length; i++) {
          if (list[i] === undefined) list[i] = values[next++];
        }
      } else {
        for (const param of event.data) put(param.name as string, values[next++]);
      }
    }
    return { eventName: event.name, args: Object.values(args).length > 0 ? args : undefined };
  };

  return (log: {
    topics: readonly Hex[] | readonly [Hex, ...Hex[]] | [];
    data: Hex;
  }): DecodeEventLogReturnType<abi, ContractEventName<abi>, Hex[], Hex, true> | undefined => {
    const candidates = log.topics[0] ? bySelector.get(log.topics[0]) : undefined;
    for (const event of candidates ?? []) {
      try {
        return decodeWith(event, log.topics, log.data) as never;
      } catch {
        // Another event with the same selector may fit (different indexed parameters).
      }
    }
    return undefined;
  };
}
