#!/usr/bin/env node
// plenum: the command line for conventions and auditors. Exit codes (src/cli/errors.ts): 0 done or a
// verified match, 1 a failed transaction or a node error, 2 bad input, 3 a verified mismatch,
// 4 not found. With --json, stdout carries JSON only, failures included.
import { parseArgs } from "node:util";
import { CliInputError } from "../input/inputError.ts";
import { agendaCreate } from "./commands/agenda.ts";
import { communityCreate } from "./commands/community.ts";
import { identityCommand, identityIsOffline } from "./commands/identity.ts";
import { membersImport, membersRemove } from "./commands/members.ts";
import { cancel, execute, propose, queue } from "./commands/proposals.ts";
import { tally, verify } from "./commands/tally.ts";
import { delegateCommand, retract, vote } from "./commands/vote.ts";
import { createContext } from "./context.ts";
import { describeFailure, EXIT, type ExitCode } from "./errors.ts";
import { toJson } from "./output/format.ts";

const USAGE = `plenum: liquid / quadratic democracy from the command line

usage: plenum <command> [arguments] [options]

commands
  community create            create a community (--factory, --topics "General,Budget",
                              --voting-period 7d, --min-voting-period 1h, --quorum 20%,
                              --threshold 1, --max-depth 8, --max-topics 16, --timelock-delay 1d,
                              --registrar <addr|none>, --bootstrap-admin <addr|none>)
  members import <file.csv>   add members from "address,weight" lines (--batch 100); skips
                              accounts that are already members, so it can be re-run
  members remove <addr|file.csv> …
                              remove members together with their anonymous identities
                              (--batch 50); skips accounts that are not members
  agenda create <file>        create a convention agenda in one transaction from a Markdown list
                              or a CSV of "title[,uri[,options]]" (--topic, --mode single|quadratic|
                              anonymous, --options 2, --period 2h)
  propose --title "…"         create one poll (--description "…", --options 3 or "Yes,No,Later",
                              --mode single|quadratic|anonymous, --topic 0, --period 2h; or --uri
                              <ipfs://…> instead of --title), or with --call/--action an executable
                              proposal the timelock runs if it succeeds:
                              --call '<target> <signature> <args…>' (e.g. 'community
                              setQuorum(uint16) 2500'), --action <target>,<wei>,<calldata>;
                              both repeatable, in order
  queue <proposal>            put a succeeded executable proposal in the timelock
  execute <proposal>          run a queued proposal's actions once the timelock's delay is over
                              (--value 0.5: send that much ether with it, for actions that pay ether)
  cancel <proposal>           withdraw your proposal while nobody has voted on it
  vote <proposal> <ballot>    cast or change a ballot: an option number, "abstain", or quadratic
                              votes like 3,0,4; --anonymous for an anonymous proposal (proved
                              with your identity file; --relayer <url> sends it for you)
  retract <proposal>          withdraw your ballot (--anonymous [--relayer <url>])
  identity create             a new anonymous-voting identity, encrypted into the identity file
                              (--derive: from your signing key, --key-index N; --force)
  identity show               the identity's public commitment
  identity export             print the identity's secret (for a backup)
  identity import [<file>|-]  an exported identity from a file or standard input (--force)
  identity register           add your identity to the community's group (as the signing key)
  identity replace            change keys: a new identity replaces yours in the group; the old
                              file is kept for proposals created before (--derive, --key-index)
  delegate --topics 0,1 --to <address|none>
  tally <proposal> [--watch]  show the tally and state; --watch follows the proposal: redraws as
                              votes arrive with the time left, prints the result once the deadline
                              passes (chain time), follows an executable one through queued and
                              executed, and exits 0 once it is final (--json: one line per update);
                              --indexer <url>: the tally and option labels from an indexer, and
                              with --watch its subscription (PLENUM_INDEXER_URL)
  verify <proposal>           recount from event logs alone and compare with the contract
                              (exit 0 on a match, 3 on a mismatch; --from-block N)

options
  --rpc <url>          node to use (PLENUM_RPC_URL; default http://127.0.0.1:8545)
  --community <addr>   the community (PLENUM_COMMUNITY; default: the local demo's)
  --key-file <file>    signing key for commands that send transactions (or PLENUM_PRIVATE_KEY)
  --identity <file>    the encrypted identity file (PLENUM_IDENTITY_FILE; default
                       ~/.plenum/identity.json); its passphrase comes from
                       PLENUM_IDENTITY_PASSPHRASE or a prompt
  --json               stdout carries JSON only: the result, or {"error": …} on failure
                       (progress, warnings and hints go to stderr)
  --help               this text

addresses are 0x and 40 hex digits; one in mixed case must match its checksum (EIP-55)

exit codes
  0  done; verify: the recount matches      3  verify: the recount differs from the contract
  1  a failed transaction or a node error   4  not found: no such proposal, --community is not
  2  bad input: flags, files, addresses,       a Plenum community, not a member where one is
     values                                    required
`;

const wantsJson = process.argv.includes("--json");

/** Reports a failure (stderr, and with --json a JSON object on stdout) and exits with its code. */
function fail(error: unknown, rpcUrl?: string): never {
  const { code, lines } = describeFailure(error, { rpcUrl });
  if (process.env.PLENUM_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
  for (const line of lines) process.stderr.write(`error: ${line}\n`);
  if (wantsJson) {
    process.stdout.write(
      `${toJson({ error: { code, message: lines.join("\n"), problems: lines } })}\n`,
    );
  }
  process.exit(code);
}

/** node:util's parseArgs errors, as sentences about the command line. */
function argumentError(error: unknown): CliInputError {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^'\s]*)/.exec(message ?? "")?.[1] ?? "an option";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new CliInputError(`unknown option ${option} (see plenum --help)`);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new CliInputError(`option ${option.split(/[ ,]/)[0]} needs a value, or takes none`);
    default:
      return new CliInputError("the command line could not be read (see plenum --help)");
  }
}

const { values: parsed, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        rpc: { type: "string" },
        community: { type: "string" },
        "key-file": { type: "string" },
        "from-block": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        watch: { type: "boolean" },
        indexer: { type: "string" },
        value: { type: "string" },
        factory: { type: "string" },
        topics: { type: "string" },
        topic: { type: "string" },
        "voting-period": { type: "string" },
        "min-voting-period": { type: "string" },
        quorum: { type: "string" },
        threshold: { type: "string" },
        "max-depth": { type: "string" },
        "max-topics": { type: "string" },
        "timelock-delay": { type: "string" },
        registrar: { type: "string" },
        "bootstrap-admin": { type: "string" },
        batch: { type: "string" },
        mode: { type: "string" },
        options: { type: "string" },
        period: { type: "string" },
        to: { type: "string" },
        anonymous: { type: "boolean" },
        relayer: { type: "string" },
        identity: { type: "string" },
        derive: { type: "boolean" },
        "key-index": { type: "string" },
        force: { type: "boolean" },
        title: { type: "string" },
        description: { type: "string" },
        uri: { type: "string" },
        action: { type: "string", multiple: true },
        call: { type: "string", multiple: true },
      },
    });
  } catch (error) {
    return fail(argumentError(error));
  }
})();

// --action and --call repeat (string[]); the other commands take single values.
const { action, call, ...values } = parsed;

async function main(): Promise<ExitCode> {
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) {
    // With --json, stdout is for JSON only.
    (values.json ? process.stderr : process.stdout).write(USAGE);
    if (command || values.help) return EXIT.ok;
    throw new CliInputError("no command given (see plenum --help)");
  }
  if (command === "identity" && identityIsOffline(sub, values)) {
    await identityCommand(undefined, sub, rest[0], values);
    return 0;
  }
  const context = await createContext(values);
  // Every command but "community create" works on a community: its first request to the node waits
  // until the community is checked (after the command has checked its own input).
  if (command !== "community") context.requireCommunity();
  switch (command) {
    case "identity":
      await identityCommand(context, sub, rest[0], values);
      return 0;
    case "community":
      if (sub !== "create") break;
      await communityCreate(context, values);
      return 0;
    case "members":
      if (sub === "import") {
        await membersImport(context, rest[0], values);
        return 0;
      }
      if (sub === "remove") {
        await membersRemove(context, rest, values);
        return 0;
      }
      break;
    case "agenda":
      if (sub !== "create") break;
      await agendaCreate(context, rest[0], values);
      return 0;
    case "propose":
      if (sub !== undefined) break;
      await propose(context, { ...values, action, call });
      return 0;
    case "queue":
      await queue(context, sub);
      return 0;
    case "execute":
      await execute(context, sub, values);
      return 0;
    case "cancel":
      await cancel(context, sub);
      return 0;
    case "vote":
      await vote(context, sub, rest[0], values);
      return 0;
    case "retract":
      await retract(context, sub, values);
      return 0;
    case "delegate":
      await delegateCommand(context, values);
      return 0;
    case "tally":
      await tally(context, sub, Boolean(values.watch), indexerUrl(values.indexer));
      return 0;
    case "verify":
      return (await verify(context, sub)) ? EXIT.ok : EXIT.mismatch;
  }
  throw new CliInputError(
    `unknown command "${[command, sub].filter(Boolean).join(" ")}" (see plenum --help)`,
  );
}

/** The indexer's URL from --indexer or PLENUM_INDEXER_URL, if any; an http(s) URL. */
function indexerUrl(flag: string | undefined): string | undefined {
  const url = flag ?? process.env.PLENUM_INDEXER_URL;
  if (url === undefined || url === "") return undefined;
  if (!/^https?:\/\/[^/\s]+/.test(url)) {
    throw new CliInputError(
      `${flag === undefined ? "PLENUM_INDEXER_URL" : "--indexer"} "${url}" is not an http(s) URL`,
    );
  }
  return url;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => fail(error, values.rpc ?? process.env.PLENUM_RPC_URL),
);
