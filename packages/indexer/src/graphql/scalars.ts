// The Graph's scalars: `BigInt` (decimal strings, any size, never floats) and `Bytes` (0x hex). Values
// from either database driver (bigint, decimal string, safe integer) serialize the same way.
import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const DECIMAL = /^-?[0-9]+$/;
const HEX = /^0x([0-9a-fA-F]{2})*$/;

function toDecimal(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && Number.isSafeInteger(value)) return value.toString();
  if (typeof value === "string" && DECIMAL.test(value)) return BigInt(value).toString();
  throw new GraphQLError(`BigInt cannot represent ${JSON.stringify(String(value))}.`);
}

/**
 * `BigInt`: an integer of any size, written as a decimal string both ways (an integer literal is
 * accepted as input too).
 *
 * @example
 * ```ts
 * BigIntScalar.serialize(2n ** 256n - 1n); // "115792089237316195423570985008687907853269984665640564039457584007913129639935"
 * BigIntScalar.parseValue("42"); // "42"
 * ```
 */
export const BigIntScalar = new GraphQLScalarType({
  name: "BigInt",
  description: "An integer of any size, as a decimal string.",
  serialize: toDecimal,
  parseValue: toDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return toDecimal(ast.value);
    throw new GraphQLError("BigInt takes a decimal string or an integer literal.", { nodes: ast });
  },
});

function toBytes(value: unknown): string {
  if (typeof value === "string" && HEX.test(value)) return value.toLowerCase();
  throw new GraphQLError(
    `Bytes must be 0x-prefixed hex with whole bytes, not ${JSON.stringify(String(value))}.`,
  );
}

/**
 * `Bytes`: 0x-prefixed hex with whole bytes, lowercased.
 *
 * @example
 * ```ts
 * BytesScalar.parseValue("0xAB"); // "0xab"
 * ```
 */
export const BytesScalar = new GraphQLScalarType({
  name: "Bytes",
  description: "Bytes as 0x-prefixed hex (lower case).",
  serialize: toBytes,
  parseValue: toBytes,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING) return toBytes(ast.value);
    throw new GraphQLError("Bytes takes a 0x-prefixed hex string.", { nodes: ast });
  },
});

const DECIMAL_FRACTION = /^-?[0-9]+(\.[0-9]+)?$/;

function toBigDecimal(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && Number.isSafeInteger(value)) return value.toString();
  if (typeof value === "string" && DECIMAL_FRACTION.test(value)) {
    // Trailing zeros of the fraction carry no value: "0.500" and "0.5" are the same number.
    return value.includes(".") ? value.replace(/\.?0+$/, "") : value;
  }
  throw new GraphQLError(`BigDecimal cannot represent ${JSON.stringify(String(value))}.`);
}

/**
 * `BigDecimal`: an exact decimal number as a string (`"0.4482"`), never a float.
 *
 * @example
 * ```ts
 * BigDecimalScalar.serialize("0.448275862068965500"); // "0.4482758620689655"
 * ```
 */
export const BigDecimalScalar = new GraphQLScalarType({
  name: "BigDecimal",
  description: "An exact decimal number, as a string.",
  serialize: toBigDecimal,
  parseValue: toBigDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return toBigDecimal(ast.value);
    throw new GraphQLError("BigDecimal takes a decimal string or an integer literal.", {
      nodes: ast,
    });
  },
});
