// A minimal graph-node host for the compiled mappings: exactly the graph-ts imports they list
// (store, type conversions, BigInt arithmetic, log, data source context and creation, ethereum.call),
// over AssemblyScript 0.19's memory layout. A module importing anything else fails to instantiate, and
// every store write is checked against schema.graphql (schema.ts). Like graph-node, each trigger runs
// in a fresh instance of the module.
import { type Schema, type StoreValue, violations } from "./schema.ts";

/** graph-ts's TypeId values the host allocates (global/global.ts). */
const TypeId = {
  String: 0,
  ArrayBuffer: 1,
  Uint8Array: 6,
  ArrayEthereumValue: 15,
  ArrayStoreValue: 16,
  ArrayTypedMapEntryStringStoreValue: 21,
  EthereumValue: 30,
  StoreValue: 31,
  TypedMapEntryStringStoreValue: 34,
  TypedMapStringStoreValue: 36,
} as const;

const STORE_KINDS = [
  "String",
  "Int",
  "BigDecimal",
  "Boolean",
  "Array",
  "Null",
  "Bytes",
  "BigInt",
  "Int8",
  "Timestamp",
];
const ETHEREUM = {
  ADDRESS: 0,
  FIXED_BYTES: 1,
  BYTES: 2,
  INT: 3,
  UINT: 4,
  BOOL: 5,
  STRING: 6,
  FIXED_ARRAY: 7,
  ARRAY: 8,
  TUPLE: 9,
};

/** A value of an `ethereum.Value`, decoded: addresses and bytes as hex, integers as bigint. */
export type EthereumValue = string | bigint | boolean | EthereumValue[];

/** What a mapping asked of `ethereum.call`. */
export interface CallRequest {
  contractName: string;
  address: string;
  functionName: string;
  /** `name(inputs):(outputs)`, as graph-ts passes it. */
  signature: string;
  args: EthereumValue[];
  blockNumber: bigint;
}

/** An event as the test entry's `newEvent` builds it. */
export interface EventInput {
  address: string;
  /** `kind=data` items (see test/as/events.ts). */
  params: string[];
  blockNumber: bigint;
  blockTimestamp: bigint;
  blockHash: string;
  transactionHash: string;
  transactionIndex: number;
  logIndex: number;
  from: string;
}

export interface LogLine {
  level: "critical" | "error" | "warning" | "info" | "debug";
  message: string;
}

export interface Creation {
  template: string;
  params: string[];
  context: Map<string, StoreValue>;
}

export function encodeBigInt(value: bigint): Uint8Array {
  // Minimal two's complement, little-endian (num-bigint's to_signed_bytes_le, as graph-node).
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(BigInt.asUintN(8, v));
    out.push(byte);
    v >>= 8n;
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

export function decodeBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i] as number);
  if (bytes.length > 0 && ((bytes[bytes.length - 1] as number) & 0x80) !== 0) {
    v -= 1n << BigInt(bytes.length * 8);
  }
  return v;
}

const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString("hex")}`;
const unhex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/^0x/, ""), "hex"));

interface Exports {
  memory: WebAssembly.Memory;
  __new(size: number, id: number): number;
  id_of_type(id: number): number;
  _start(): void;
  [name: string]: unknown;
}

/** Reads and writes AssemblyScript 0.19 objects (stub runtime) in one instance's memory. */
class Memory {
  private ids = new Map<number, number>();
  constructor(private readonly exports: Exports) {}
  private get view() {
    return new DataView(this.exports.memory.buffer);
  }
  u32(ptr: number) {
    return this.view.getUint32(ptr, true);
  }
  i32(ptr: number) {
    return this.view.getInt32(ptr, true);
  }
  u64(ptr: number) {
    return this.view.getBigUint64(ptr, true);
  }
  setU32(ptr: number, value: number) {
    this.view.setUint32(ptr, value, true);
  }
  setU64(ptr: number, value: bigint) {
    this.view.setBigUint64(ptr, value, true);
  }
  id(type: number) {
    let id = this.ids.get(type);
    if (id === undefined) {
      id = this.exports.id_of_type(type);
      this.ids.set(type, id);
    }
    return id;
  }
  alloc(size: number, type: number) {
    return this.exports.__new(size, this.id(type));
  }
  string(ptr: number): string {
    const size = this.u32(ptr - 4);
    return Buffer.from(new Uint8Array(this.exports.memory.buffer, ptr, size)).toString("utf16le");
  }
  newString(text: string): number {
    const ptr = this.alloc(text.length * 2, TypeId.String);
    Buffer.from(text, "utf16le").copy(
      new Uint8Array(this.exports.memory.buffer, ptr, text.length * 2),
    );
    return ptr;
  }
  /** A typed array (Bytes, BigInt, Address: all Uint8Array views). */
  bytes(ptr: number): Uint8Array {
    const start = this.u32(ptr + 4);
    const length = this.i32(ptr + 8);
    return new Uint8Array(this.exports.memory.buffer.slice(start, start + length));
  }
  newBytes(bytes: Uint8Array): number {
    const buffer = this.alloc(bytes.length, TypeId.ArrayBuffer);
    new Uint8Array(this.exports.memory.buffer, buffer, bytes.length).set(bytes);
    const view = this.alloc(12, TypeId.Uint8Array);
    this.setU32(view, buffer);
    this.setU32(view + 4, buffer);
    this.setU32(view + 8, bytes.length);
    return view;
  }
  /** An Array<T> of references: its element pointers. */
  array(ptr: number): number[] {
    const start = this.u32(ptr + 4);
    const length = this.i32(ptr + 12);
    return Array.from({ length }, (_, i) => this.u32(start + 4 * i));
  }
  newArray(pointers: number[], type: number): number {
    const buffer = this.alloc(pointers.length * 4, TypeId.ArrayBuffer);
    for (const [i, p] of pointers.entries()) this.setU32(buffer + 4 * i, p);
    const array = this.alloc(16, type);
    this.setU32(array, buffer);
    this.setU32(array + 4, buffer);
    this.setU32(array + 8, pointers.length * 4);
    this.setU32(array + 12, pointers.length);
    return array;
  }
  storeValue(ptr: number): StoreValue {
    const kind = STORE_KINDS[this.i32(ptr)];
    const data = this.u64(ptr + 8);
    const target = Number(data);
    switch (kind) {
      case "String":
        return { kind, value: this.string(target) };
      case "Int":
        return { kind, value: Number(BigInt.asIntN(32, data)) };
      case "Int8":
        return { kind, value: BigInt.asIntN(64, data) };
      case "Boolean":
        return { kind, value: data !== 0n };
      case "Null":
        return { kind };
      case "Bytes":
        return { kind, value: hex(this.bytes(target)) };
      case "BigInt":
        return { kind, value: decodeBigInt(this.bytes(target)) };
      case "Array":
        return { kind, value: this.array(target).map((p) => this.storeValue(p)) };
      default:
        throw new Error(`store values of kind ${kind} are not supported by this host`);
    }
  }
  newStoreValue(value: StoreValue): number {
    let kind = STORE_KINDS.indexOf(value.kind);
    let data: bigint;
    switch (value.kind) {
      case "String":
        data = BigInt(this.newString(value.value));
        break;
      case "Int":
        data = BigInt.asUintN(64, BigInt(value.value));
        break;
      case "Int8":
        data = BigInt.asUintN(64, value.value);
        break;
      case "Boolean":
        data = value.value ? 1n : 0n;
        break;
      case "Null":
        data = 0n;
        break;
      case "Bytes":
        data = BigInt(this.newBytes(unhex(value.value)));
        break;
      case "BigInt":
        data = BigInt(this.newBytes(encodeBigInt(value.value)));
        break;
      case "Array":
        data = BigInt(
          this.newArray(
            value.value.map((v) => this.newStoreValue(v)),
            TypeId.ArrayStoreValue,
          ),
        );
        break;
    }
    if (kind < 0) kind = 5;
    const ptr = this.alloc(16, TypeId.StoreValue);
    this.setU32(ptr, kind);
    this.setU64(ptr + 8, data);
    return ptr;
  }
  /** An Entity / DataSourceContext (TypedMap<string, Value>). */
  entity(ptr: number): Map<string, StoreValue> {
    const fields = new Map<string, StoreValue>();
    for (const entry of this.array(this.u32(ptr))) {
      fields.set(this.string(this.u32(entry)), this.storeValue(this.u32(entry + 4)));
    }
    return fields;
  }
  newEntity(fields: Map<string, StoreValue>): number {
    const entries: number[] = [];
    for (const [key, value] of fields) {
      const valuePtr = this.newStoreValue(value);
      const keyPtr = this.newString(key);
      const entry = this.alloc(8, TypeId.TypedMapEntryStringStoreValue);
      this.setU32(entry, keyPtr);
      this.setU32(entry + 4, valuePtr);
      entries.push(entry);
    }
    const array = this.newArray(entries, TypeId.ArrayTypedMapEntryStringStoreValue);
    const map = this.alloc(4, TypeId.TypedMapStringStoreValue);
    this.setU32(map, array);
    return map;
  }
  ethereumValue(ptr: number): EthereumValue {
    const kind = this.i32(ptr);
    const target = Number(this.u64(ptr + 8));
    switch (kind) {
      case ETHEREUM.ADDRESS:
      case ETHEREUM.FIXED_BYTES:
      case ETHEREUM.BYTES:
        return hex(this.bytes(target));
      case ETHEREUM.INT:
      case ETHEREUM.UINT:
        return decodeBigInt(this.bytes(target));
      case ETHEREUM.BOOL:
        return this.u64(ptr + 8) !== 0n;
      case ETHEREUM.STRING:
        return this.string(target);
      default:
        return this.array(target).map((p) => this.ethereumValue(p));
    }
  }
  /** An ethereum.Value of ABI type `type` (uintN, intN, address, bool, and arrays of them). */
  newEthereumValue(type: string, value: EthereumValue): number {
    let kind: number;
    let data: bigint;
    if (type.endsWith("[]")) {
      if (!Array.isArray(value)) throw new Error(`${type} needs an array`);
      kind = ETHEREUM.ARRAY;
      const items = value.map((v) => this.newEthereumValue(type.slice(0, -2), v));
      data = BigInt(this.newArray(items, TypeId.ArrayEthereumValue));
    } else if (/^u?int\d*$/.test(type)) {
      kind = type.startsWith("u") ? ETHEREUM.UINT : ETHEREUM.INT;
      data = BigInt(this.newBytes(encodeBigInt(BigInt(value as bigint))));
    } else if (type === "address") {
      kind = ETHEREUM.ADDRESS;
      data = BigInt(this.newBytes(unhex(value as string)));
    } else if (type === "bool") {
      kind = ETHEREUM.BOOL;
      data = value ? 1n : 0n;
    } else {
      throw new Error(`ethereum.call results of type ${type} are not supported by this host`);
    }
    const ptr = this.alloc(16, TypeId.EthereumValue);
    this.setU32(ptr, kind);
    this.setU64(ptr + 8, data);
    return ptr;
  }
}

/** Output types of `name(inputs):(outputs)`, split at top-level commas. */
function outputTypes(signature: string): string[] {
  const outputs = signature.slice(signature.indexOf("):(") + 3, -1);
  return outputs.length === 0 ? [] : outputs.split(",");
}

export interface HostOptions {
  schema: Schema;
  /** Answers ethereum.call; null means the call reverted. Without it, any call fails the test. */
  call?: (request: CallRequest) => EthereumValue[] | null;
}

/** The store and logs of one simulated subgraph, and a way to run triggers against it. */
export function createHost({ schema, call }: HostOptions) {
  const entities = new Map<string, Map<string, Map<string, StoreValue>>>();
  const logs: LogLine[] = [];
  const creations: Creation[] = [];
  const calls: CallRequest[] = [];
  const table = (entity: string) => {
    let rows = entities.get(entity);
    if (!rows) {
      rows = new Map();
      entities.set(entity, rows);
    }
    return rows;
  };

  function imports(
    memory: () => Memory,
    trigger: { blockNumber: bigint; context: Map<string, StoreValue> },
  ) {
    const levels = ["critical", "error", "warning", "info", "debug"] as const;
    const fns: Record<string, (...args: number[]) => number | undefined> = {
      "env.abort": (message, file, line, column) => {
        const m = memory();
        const text = message ? m.string(message) : "abort";
        throw new Error(`${text} at ${file ? m.string(file) : "?"}:${line}:${column}`);
      },
      "conversion.typeConversion.bytesToHex": (ptr) =>
        memory().newString(hex(memory().bytes(ptr as number))),
      "conversion.typeConversion.bigIntToString": (ptr) =>
        memory().newString(decodeBigInt(memory().bytes(ptr as number)).toString()),
      "numbers.bigInt.plus": (x, y) => {
        const m = memory();
        return m.newBytes(
          encodeBigInt(decodeBigInt(m.bytes(x as number)) + decodeBigInt(m.bytes(y as number))),
        );
      },
      "numbers.bigInt.minus": (x, y) => {
        const m = memory();
        return m.newBytes(
          encodeBigInt(decodeBigInt(m.bytes(x as number)) - decodeBigInt(m.bytes(y as number))),
        );
      },
      "numbers.bigDecimal.toString": () => {
        throw new Error("bigDecimal.toString: the mappings use no BigDecimal");
      },
      "index.store.get": (entityPtr, idPtr) => {
        const m = memory();
        const row = table(m.string(entityPtr as number)).get(m.string(idPtr as number));
        return row ? m.newEntity(row) : 0;
      },
      "index.store.set": (entityPtr, idPtr, dataPtr) => {
        const m = memory();
        const entity = m.string(entityPtr as number);
        const id = m.string(idPtr as number);
        const data = m.entity(dataPtr as number);
        const problems = violations(schema, entity, id, data);
        const rows = table(entity);
        if (schema.get(entity)?.immutable && rows.has(id)) {
          problems.push(`${entity} ${id} is immutable and was written again`);
        }
        if (problems.length > 0)
          throw new Error(`store.set breaks schema.graphql:\n${problems.join("\n")}`);
        rows.set(id, data);
        return undefined;
      },
      "index.store.remove": (entityPtr, idPtr) => {
        const m = memory();
        const entity = m.string(entityPtr as number);
        if (schema.get(entity)?.immutable) throw new Error(`store.remove of immutable ${entity}`);
        table(entity).delete(m.string(idPtr as number));
        return undefined;
      },
      "index.log.log": (level, message) => {
        const line = {
          level: levels[level as number] ?? "debug",
          message: memory().string(message as number),
        };
        logs.push(line);
        if (line.level === "critical") throw new Error(`log.critical: ${line.message}`);
        return undefined;
      },
      "datasource.dataSource.context": () => memory().newEntity(trigger.context),
      "datasource.dataSource.createWithContext": (name, params, context) => {
        const m = memory();
        creations.push({
          template: m.string(name as number),
          params: m.array(params as number).map((p) => m.string(p)),
          context: m.entity(context as number),
        });
        return undefined;
      },
      "ethereum.ethereum.call": (callPtr) => {
        const m = memory();
        const ptr = callPtr as number;
        const request: CallRequest = {
          contractName: m.string(m.u32(ptr)),
          address: hex(m.bytes(m.u32(ptr + 4))),
          functionName: m.string(m.u32(ptr + 8)),
          signature: m.string(m.u32(ptr + 12)),
          args: m.array(m.u32(ptr + 16)).map((p) => m.ethereumValue(p)),
          blockNumber: trigger.blockNumber,
        };
        calls.push(request);
        if (!call) throw new Error(`unexpected ethereum.call ${request.signature}`);
        const result = call(request);
        if (result === null) return 0;
        const types = outputTypes(request.signature);
        const values = result.map((v, i) => m.newEthereumValue(types[i] as string, v));
        return m.newArray(values, TypeId.ArrayEthereumValue);
      },
    };
    return fns;
  }

  /** Runs handler `handler` of `module` on `event`, in a fresh instance, with the data source's context. */
  function run(
    module: WebAssembly.Module,
    handler: string,
    event: EventInput,
    context: Map<string, StoreValue> = new Map(),
  ): void {
    let exports: Exports | undefined;
    let mem: Memory | undefined;
    const memory = () => {
      if (!mem) mem = new Memory(exports as Exports);
      return mem;
    };
    const fns = imports(memory, { blockNumber: event.blockNumber, context });
    const object: Record<string, Record<string, (...args: number[]) => number | undefined>> = {};
    const missing: string[] = [];
    for (const { module: mod, name } of WebAssembly.Module.imports(module)) {
      const key = `${mod}.${name}`;
      const fn = fns[key];
      if (!fn) missing.push(key);
      else {
        object[mod] ??= {};
        (object[mod] as Record<string, unknown>)[name] = fn;
      }
    }
    if (missing.length > 0)
      throw new Error(`the mapping imports what this host lacks: ${missing.join(", ")}`);
    const instance = new WebAssembly.Instance(module, object as WebAssembly.Imports);
    exports = instance.exports as unknown as Exports;
    exports._start();
    const m = memory();
    const le = (value: bigint | number) => hex(encodeBigInt(BigInt(value)));
    const eventPtr = (exports.newEvent as (...args: number[]) => number)(
      m.newString(event.address),
      m.newString(event.params.join(";")),
      m.newString(le(event.blockNumber)),
      m.newString(le(event.blockTimestamp)),
      m.newString(event.blockHash),
      m.newString(event.transactionHash),
      m.newString(le(event.transactionIndex)),
      m.newString(le(event.logIndex)),
      m.newString(event.from),
    );
    const fn = exports[handler];
    if (typeof fn !== "function") throw new Error(`the module exports no handler ${handler}`);
    fn(eventPtr);
  }

  /**
   * Plain rows of `entity` as a GraphQL query would show their stored fields: Bytes as hex, BigInt as
   * bigint, references as the target's id, and null for a field never set.
   */
  function rows(entity: string): Record<string, unknown>[] {
    const plain = (value: StoreValue): unknown =>
      value.kind === "Null" ? null : value.kind === "Array" ? value.value.map(plain) : value.value;
    const fields = [...(schema.get(entity)?.fields.values() ?? [])].filter((f) => !f.derived);
    return [...table(entity).values()].map((row) =>
      Object.fromEntries(
        fields.map((f) => [f.name, row.has(f.name) ? plain(row.get(f.name) as StoreValue) : null]),
      ),
    );
  }

  return { run, rows, logs, creations, calls, entities };
}

export type Host = ReturnType<typeof createHost>;
