import {
  HttpRequestError,
  InternalRpcError,
  InvalidParamsRpcError,
  LimitExceededRpcError,
  MethodNotFoundRpcError,
  RpcRequestError,
  TimeoutError,
} from "viem";
import { describe, expect, it } from "vitest";
import { ReorgTooDeepError, RpcUnavailableError } from "../internal/errors.ts";
import { isRetryableRpcError } from "./rpc.ts";

const url = "http://127.0.0.1:8545";
const body = { method: "eth_getLogs" };

describe("isRetryableRpcError()", () => {
  it.each([
    ["HTTP 429", new HttpRequestError({ url, body, status: 429 }), true],
    ["HTTP 503", new HttpRequestError({ url, body, status: 503 }), true],
    ["HTTP 401", new HttpRequestError({ url, body, status: 401 }), false],
    [
      "a connection that failed",
      new HttpRequestError({ url, body, cause: new Error("fetch failed") }),
      true,
    ],
    ["a timeout", new TimeoutError({ url, body }), true],
    [
      "-32005 limit exceeded",
      new LimitExceededRpcError(
        new RpcRequestError({ url, body, error: { code: -32005, message: "limit" } }),
      ),
      true,
    ],
    ["-32603 internal error", new InternalRpcError(new Error("boom")), true],
    ["-32602 invalid params", new InvalidParamsRpcError(new Error("bad")), false],
    ["-32601 no such method", new MethodNotFoundRpcError(new Error("no")), false],
    ["a dropped socket", new Error("socket hang up"), true],
    ["a bug", new TypeError("x is not a function"), false],
    [
      "RpcUnavailableError",
      new RpcUnavailableError({ method: "eth_call", attempts: 3, cause: null }),
      true,
    ],
    ["ReorgTooDeepError", new ReorgTooDeepError({ tip: 10n, finalized: 8n }), false],
  ])("%s -> %s", (_label, error, expected) => {
    expect(isRetryableRpcError(error)).toBe(expected);
  });
});
