import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { registerIdentitySync } from "../../actions/registerIdentity.ts";
import { replaceIdentitySync } from "../../actions/replaceIdentity.ts";
import { InvalidIdentityError } from "../../anonymous/errors.ts";
import {
  createIdentity,
  decryptIdentity,
  deriveIdentity,
  type Identity,
  isEncryptedIdentity,
  restoreIdentity,
  serializeIdentity,
} from "../../anonymous/identity.ts";
import { CliInputError } from "../../input/inputError.ts";
import type { CliContext } from "../context.ts";
import { CliFailedError } from "../errors.ts";
import {
  commitmentOfEnvelope,
  identityPath,
  newPassphrase,
  openIdentity,
  readEnvelope,
  readPassphrase,
  saveIdentity,
} from "../identityFile.ts";
import { toJson } from "../output/format.ts";
import { fileReadProblem } from "../parse/readInput.ts";

type Options = Record<string, string | boolean | undefined>;

/**
 * Whether the subcommand runs without a node: all but `register`, `replace` and `create --derive`
 * (which asks the wallet for a signature). Unknown subcommands too, so they fail as bad input.
 */
export function identityIsOffline(sub: string | undefined, options: Options): boolean {
  return !(sub === "register" || sub === "replace" || (sub === "create" && options.derive));
}

/** `plenum identity create|show|export|import|register|replace`. */
export async function identityCommand(
  context: CliContext | undefined,
  sub: string | undefined,
  file: string | undefined,
  options: Options,
): Promise<void> {
  const path = identityPath(typeof options.identity === "string" ? options.identity : undefined);
  const json = Boolean(options.json);
  switch (sub) {
    case "create":
      return create(context, path, json, options);
    case "show":
      return show(path, json);
    case "export":
      return exportIdentity(path, json);
    case "import":
      return importIdentity(path, file, json, Boolean(options.force));
    case "register":
      return register(needContext(context), path, json);
    case "replace":
      return replace(needContext(context), path, json, options);
  }
  throw new CliInputError(
    `unknown command "identity${sub ? ` ${sub}` : ""}": use identity create, show, export, import, register or replace`,
  );
}

function needContext(context: CliContext | undefined): CliContext {
  if (!context) throw new CliFailedError("this command needs a node, but none was connected");
  return context;
}

function keyIndexOf(options: Options): number {
  const text = typeof options["key-index"] === "string" ? options["key-index"] : "0";
  if (!/^\d+$/.test(text) || Number(text) > 2 ** 32 - 1) {
    throw new CliInputError(`--key-index "${text}" must be a whole number`);
  }
  return Number(text);
}

/** A new identity: random, or derived from the signing key's signature (`--derive`). */
async function newIdentity(
  context: CliContext | undefined,
  options: Options,
): Promise<{ identity: Identity; keyIndex: number | undefined }> {
  if (!options.derive) {
    if (options["key-index"] !== undefined) {
      throw new CliInputError("--key-index goes with --derive");
    }
    return { identity: createIdentity(), keyIndex: undefined };
  }
  const ready = needContext(context);
  const keyIndex = keyIndexOf(options);
  const { identity } = await deriveIdentity(ready.wallet(), {
    community: ready.community(),
    keyIndex,
  });
  return { identity, keyIndex };
}

async function create(
  context: CliContext | undefined,
  path: string,
  json: boolean,
  options: Options,
): Promise<void> {
  const { identity, keyIndex } = await newIdentity(context, options);
  await saveIdentity(path, identity, { overwrite: Boolean(options.force) });
  const commitment = identity.commitment;
  if (json) {
    return void console.log(
      toJson({ file: path, commitment, derived: keyIndex !== undefined, keyIndex }),
    );
  }
  console.log(`identity   ${commitment}`);
  console.log(`file       ${path} (encrypted)`);
  if (keyIndex !== undefined) {
    console.log(`derived    from your signing key, key index ${keyIndex} (re-derive it any time)`);
  }
  console.log('next: "plenum identity register" adds it to the community\'s group');
}

async function show(path: string, json: boolean): Promise<void> {
  const envelope = readEnvelope(path);
  const commitment = commitmentOfEnvelope(envelope);
  if (json) return void console.log(toJson({ file: path, commitment }));
  console.log(`identity   ${commitment}`);
  console.log(`file       ${path} (encrypted)`);
}

async function exportIdentity(path: string, json: boolean): Promise<void> {
  const identity = await openIdentity(path);
  process.stderr.write(
    "warning: this is the identity's secret key: whoever has it can cast and recognise your anonymous ballots\n",
  );
  const secret = serializeIdentity(identity);
  if (json) return void console.log(toJson({ commitment: identity.commitment, identity: secret }));
  console.log(secret);
}

/** Reads a serialised identity (or an encrypted one) from `source` or standard input. */
async function importIdentity(
  path: string,
  source: string | undefined,
  json: boolean,
  force: boolean,
): Promise<void> {
  let text: string;
  try {
    text = readFileSync(source === undefined || source === "-" ? 0 : source, "utf8").trim();
  } catch (error) {
    throw new CliInputError(`cannot read ${source ?? "standard input"}: ${fileReadProblem(error)}`);
  }
  if (!text) {
    throw new CliInputError(
      "usage: plenum identity import [<file>|-]  (the exported identity, never as an argument)",
    );
  }
  let identity: Identity;
  let passphrase: string | undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  try {
    if (isEncryptedIdentity(parsed)) {
      // An encrypted backup keeps its passphrase.
      passphrase = await readPassphrase(`passphrase of ${source ?? "the imported identity"}: `);
      identity = await decryptIdentity(parsed, passphrase);
    } else {
      identity = restoreIdentity(text);
    }
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    throw new CliInputError(
      error instanceof InvalidIdentityError
        ? `${source ?? "standard input"} holds no identity: ${error.shortMessage}`
        : `cannot open ${source ?? "standard input"}: wrong passphrase, or the file is damaged`,
    );
  }
  await saveIdentity(path, identity, { overwrite: force, passphrase });
  if (json) return void console.log(toJson({ file: path, commitment: identity.commitment }));
  console.log(`identity   ${identity.commitment}`);
  console.log(`file       ${path} (encrypted)`);
}

async function register(context: CliContext, path: string, json: boolean): Promise<void> {
  // Only the commitment is sent, and the envelope carries it in the clear: no passphrase needed.
  const commitment = commitmentOfEnvelope(readEnvelope(path));
  const wallet = context.wallet();
  const { index, groupRoot, receipt } = await registerIdentitySync(wallet, {
    community: context.community(),
    identity: commitment,
  });
  if (json) {
    return void console.log(
      toJson({
        member: wallet.account.address,
        commitment,
        index,
        groupRoot,
        block: receipt.blockNumber,
      }),
    );
  }
  console.log(
    `registered identity ${commitment} for ${wallet.account.address} as leaf ${index} (block ${receipt.blockNumber})`,
  );
  console.log("anonymous proposals created from now on accept its ballots");
}

/**
 * `identity replace`: a key change. The new identity is saved next to the old file first and moved in
 * only once the chain has it; the old one is kept, since proposals created before still need it.
 */
async function replace(
  context: CliContext,
  path: string,
  json: boolean,
  options: Options,
): Promise<void> {
  let previous: bigint | undefined;
  try {
    previous = commitmentOfEnvelope(readEnvelope(path));
  } catch {
    previous = undefined; // a lost identity is the usual reason to replace it
  }
  const { identity, keyIndex } = await newIdentity(context, options);
  const pending = `${path}.new`;
  await saveIdentity(pending, identity, {
    overwrite: true,
    passphrase: await newPassphrase(path),
  });
  const wallet = context.wallet();
  let result: Awaited<ReturnType<typeof replaceIdentitySync>>;
  try {
    result = await replaceIdentitySync(wallet, {
      community: context.community(),
      identity,
      fromBlock: context.fromBlock(),
    });
  } catch (error) {
    rmSync(pending, { force: true });
    throw error;
  }
  const kept = existsSync(path)
    ? `${path}.${previous === undefined ? "unreadable" : String(previous).slice(0, 12)}.old`
    : undefined;
  if (kept) renameSync(path, kept);
  renameSync(pending, path);
  const { oldCommitment, newCommitment, index, receipt } = result;
  if (json) {
    return void console.log(
      toJson({
        member: wallet.account.address,
        oldCommitment,
        newCommitment,
        index,
        keyIndex,
        block: receipt.blockNumber,
        file: path,
        previousFile: kept,
      }),
    );
  }
  console.log(
    `replaced identity ${oldCommitment} by ${newCommitment} at leaf ${index} (block ${receipt.blockNumber})`,
  );
  console.log(`file       ${path} (encrypted)`);
  if (kept) {
    console.log(
      `previous   ${kept}: keep it to vote on anonymous proposals created before block ${receipt.blockNumber}`,
    );
  }
}
