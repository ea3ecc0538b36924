import { HttpRequestError, InvalidInputRpcError, RpcRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidAddressError } from "../address/checkAddress.ts";
import { ContractRevertError } from "../errors/contractRevert.ts";
import { decodeContractError } from "../errors/decode.ts";
import { CliInputError } from "../input/inputError.ts";
import { ProposalNotFoundInLogsError, RecountIncompleteLogsError } from "../recount/errors.ts";
import { CliFailedError, CliNotFoundError, describeFailure, EXIT } from "./errors.ts";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const revert = (errorName: string, args: readonly unknown[]) =>
  new ContractRevertError({ errorName: errorName as never, args: args as never });

describe("describeFailure", () => {
  it("describeFailure() maps each error class to its exit code and a plain sentence", () => {
    const cases: [unknown, number, string][] = [
      [new CliInputError("bad", { file: "m.csv", line: 3 }), EXIT.badInput, "m.csv line 3: bad"],
      [
        new InvalidAddressError({ value: "0x12", reason: "length", parameter: "community" }),
        EXIT.badInput,
        "community 0x12 is not a valid address: it has 2 hex digits after 0x instead of 40",
      ],
      [new CliNotFoundError("gone"), EXIT.notFound, "gone"],
      [new CliFailedError("reverted"), EXIT.failed, "reverted"],
      [revert("ProposalNotFound", [9n]), EXIT.notFound, "proposal 9 does not exist"],
      [
        revert("VotingNotMemberAtSnapshot", [ALICE, 2n]),
        EXIT.notFound,
        `${ALICE} was not a member when proposal 2 was created`,
      ],
      [
        revert("VotingInvalidOption", [2n, 7, 2]),
        EXIT.badInput,
        "proposal 2 has options 0 to 1, not 7",
      ],
      [
        revert("VotingQuadraticCreditsExceeded", [ALICE, 18n, 12n]),
        EXIT.failed,
        "quadratic ballot costs 18 credits, you have 12",
      ],
      [
        new ProposalNotFoundInLogsError({ proposalId: 4n }),
        EXIT.notFound,
        "proposal 4 is not in the community's logs: it does not exist, or --from-block starts after it was created",
      ],
      [
        new RecountIncompleteLogsError("Topic 2 of proposal 4 is never created in these logs."),
        EXIT.badInput,
        "topic 2 of proposal 4 is never created in these logs: the logs start too late, pass an earlier --from-block (the community's creation block)",
      ],
    ];
    for (const [error, code, line] of cases) {
      expect(describeFailure(error)).toEqual({ code, lines: [line] });
    }
  });

  it("describeFailure() keeps every problem of a file, one per line", () => {
    const error = CliInputError.all([
      new CliInputError("first", { file: "m.csv", line: 2 }),
      new CliInputError("second", { file: "m.csv", line: 5 }),
    ]);
    expect(describeFailure(error)).toEqual({
      code: EXIT.badInput,
      lines: ["m.csv line 2: first", "m.csv line 5: second"],
    });
  });

  it("describeFailure() turns node failures into a sentence about the node, never viem's text", () => {
    const down = decodeContractError(
      new HttpRequestError({ url: "http://127.0.0.1:9", details: "fetch failed" }),
    );
    expect(describeFailure(down, { rpcUrl: "http://127.0.0.1:9" })).toEqual({
      code: EXIT.failed,
      lines: [
        "the Ethereum node at http://127.0.0.1:9 did not answer (is it running? set --rpc or PLENUM_RPC_URL)",
      ],
    });
    const refused = decodeContractError(
      new InvalidInputRpcError(
        new RpcRequestError({ body: {}, url: "x", error: { code: -32000, message: "boom" } }),
      ),
    );
    const { code, lines } = describeFailure(refused);
    expect(code).toBe(EXIT.failed);
    expect(lines).toEqual([
      "the node rejected the request or gave an answer the CLI cannot read (set PLENUM_DEBUG=1 to see the underlying error)",
    ]);
  });
});
