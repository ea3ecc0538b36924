// Test-only (AssemblyScript): builds the `ethereum.Event` graph-node would hand a handler, from a
// compact text form the Node host writes, so the test calls the real handler exports with it.
// Parameters: `kind=hex` items joined by `;` (array items by `,`, each prefixed with `x`); numbers are
// little-endian hex.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

function bytes(hex: string): Bytes {
  return Bytes.fromHexString(hex);
}

function uint(littleEndianHex: string): BigInt {
  return BigInt.fromUnsignedBytes(Bytes.fromHexString(littleEndianHex));
}

/** Array items are each prefixed with `x`, so that one empty item differs from no item. */
function items(data: string): Array<string> {
  if (data.length == 0) return new Array<string>(0);
  const parts = data.split(",");
  for (let i = 0; i < parts.length; i++) parts[i] = parts[i].substring(1);
  return parts;
}

function value(kind: string, data: string): ethereum.Value {
  if (kind == "address") return ethereum.Value.fromAddress(Address.fromBytes(bytes(data)));
  if (kind == "uint") return ethereum.Value.fromUnsignedBigInt(uint(data));
  if (kind == "fixed") return ethereum.Value.fromFixedBytes(bytes(data));
  if (kind == "bytes") return ethereum.Value.fromBytes(bytes(data));
  if (kind == "string") return ethereum.Value.fromString(String.UTF8.decode(bytes(data).buffer));
  const list = items(data);
  if (kind == "address[]") {
    const out = new Array<Address>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = Address.fromBytes(bytes(list[i]));
    return ethereum.Value.fromAddressArray(out);
  }
  if (kind == "uint[]") {
    const out = new Array<BigInt>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = uint(list[i]);
    return ethereum.Value.fromUnsignedBigIntArray(out);
  }
  if (kind == "bytes[]") {
    const out = new Array<Bytes>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = bytes(list[i]);
    return ethereum.Value.fromBytesArray(out);
  }
  throw new Error("unknown parameter kind " + kind);
}

/** The event at `address` with `params`, in block `blockNumber` (all numbers little-endian hex). */
export function newEvent(
  address: string,
  params: string,
  blockNumber: string,
  blockTimestamp: string,
  blockHash: string,
  transactionHash: string,
  transactionIndex: string,
  logIndex: string,
  from: string,
): ethereum.Event {
  const parameters = new Array<ethereum.EventParam>(0);
  if (params.length > 0) {
    const parts = params.split(";");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const at = part.indexOf("=");
      parameters.push(
        new ethereum.EventParam("", value(part.substring(0, at), part.substring(at + 1))),
      );
    }
  }
  const block = new ethereum.Block(
    bytes(blockHash),
    Bytes.empty(),
    Bytes.empty(),
    Address.zero(),
    Bytes.empty(),
    Bytes.empty(),
    Bytes.empty(),
    uint(blockNumber),
    BigInt.zero(),
    BigInt.zero(),
    uint(blockTimestamp),
    BigInt.zero(),
    BigInt.zero(),
    null,
    null,
  );
  const transaction = new ethereum.Transaction(
    bytes(transactionHash),
    uint(transactionIndex),
    Address.fromBytes(bytes(from)),
    Address.fromBytes(bytes(address)),
    BigInt.zero(),
    BigInt.zero(),
    BigInt.zero(),
    Bytes.empty(),
    BigInt.zero(),
  );
  return new ethereum.Event(
    Address.fromBytes(bytes(address)),
    uint(logIndex),
    uint(logIndex),
    null,
    block,
    transaction,
    parameters,
    null,
  );
}
