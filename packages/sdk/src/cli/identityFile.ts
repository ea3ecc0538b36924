// The CLI's Semaphore identity file: the SDK's passphrase-encrypted envelope (PBKDF2 + AES-GCM) as
// JSON, readable by the owner only. Like signing keys, the secret never comes from a command-line
// argument: the passphrase comes from PLENUM_IDENTITY_PASSPHRASE or a hidden prompt on the terminal.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { IdentityDecryptionError } from "../anonymous/errors.ts";
import {
  decryptIdentity,
  type EncryptedIdentity,
  encryptIdentity,
  type Identity,
  isEncryptedIdentity,
} from "../anonymous/identity.ts";
import { CliInputError } from "../input/inputError.ts";
import { fileReadProblem } from "./parse/readInput.ts";

/** The environment variable that holds the identity file's passphrase. */
export const PASSPHRASE_VARIABLE = "PLENUM_IDENTITY_PASSPHRASE";
const MIN_PASSPHRASE = 8;

/** Where the identity lives: `--identity`, `PLENUM_IDENTITY_FILE`, or `~/.plenum/identity.json`. */
export function identityPath(given: string | undefined): string {
  return resolve(
    given ?? process.env.PLENUM_IDENTITY_FILE ?? join(homedir(), ".plenum", "identity.json"),
  );
}

/** The envelope in `file`, without opening it (its commitment is public). */
export function readEnvelope(file: string): EncryptedIdentity {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new CliInputError(
      missing
        ? `no identity at ${file}: run "plenum identity create" (or pass --identity <file>)`
        : `cannot read ${file}: ${fileReadProblem(error)}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!isEncryptedIdentity(value)) {
    throw new CliInputError(`${file} is not an encrypted Plenum identity`);
  }
  return value;
}

/** The envelope's commitment. */
export function commitmentOfEnvelope(envelope: EncryptedIdentity): bigint {
  return BigInt(envelope.commitment);
}

/** Opens the identity in `file` with the passphrase (environment or prompt). */
export async function openIdentity(file: string): Promise<Identity> {
  const envelope = readEnvelope(file);
  const passphrase = await readPassphrase(`passphrase for ${file}: `);
  try {
    return await decryptIdentity(envelope, passphrase);
  } catch (error) {
    if (error instanceof IdentityDecryptionError) {
      throw new CliInputError(`wrong passphrase for ${file} (or the file is damaged)`);
    }
    throw error;
  }
}

/**
 * Encrypts `identity` into `file` (owner-only permissions, parent directory created). Refuses to
 * replace an existing file unless `overwrite`.
 */
export async function saveIdentity(
  file: string,
  identity: Identity,
  options: { overwrite?: boolean; passphrase?: string } = {},
): Promise<EncryptedIdentity> {
  if (!options.overwrite && existsSync(file)) {
    throw new CliInputError(
      `${file} already holds an identity: pass --force to replace it (keep a copy: it may still vote on older proposals)`,
    );
  }
  const passphrase = options.passphrase ?? (await newPassphrase(file));
  const envelope = await encryptIdentity(identity, passphrase);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Written next to the target and renamed, so a crash never leaves half a file behind.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(envelope, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return envelope;
}

/** A passphrase for a new file: the environment's, or typed twice. */
export async function newPassphrase(file: string): Promise<string> {
  const fromEnvironment = process.env[PASSPHRASE_VARIABLE];
  if (fromEnvironment !== undefined) return checkPassphrase(fromEnvironment);
  const first = checkPassphrase(await prompt(`new passphrase for ${file}: `));
  const second = await prompt("repeat it: ");
  if (first !== second) throw new CliInputError("the passphrases differ");
  return first;
}

/** The passphrase of an existing file: the environment's, or typed once. */
export async function readPassphrase(question: string): Promise<string> {
  return process.env[PASSPHRASE_VARIABLE] ?? (await prompt(question));
}

function checkPassphrase(passphrase: string): string {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw new CliInputError(`the passphrase must have at least ${MIN_PASSPHRASE} characters`);
  }
  return passphrase;
}

/** Asks on the terminal without echoing what is typed. */
function prompt(question: string): Promise<string> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) {
    return Promise.reject(
      new CliInputError(
        `this command needs the identity's passphrase: set ${PASSPHRASE_VARIABLE} or run it in a terminal`,
      ),
    );
  }
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolvePrompt, reject) => {
    let value = "";
    const done = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write("\n");
      if (error) reject(error);
      else resolvePrompt(value);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === "\r" || character === "\n") return done();
        if (character === "\u0003" || character === "\u0004") {
          return done(new CliInputError("cancelled"));
        }
        if (character === "\u007f" || character === "\b") value = value.slice(0, -1);
        else value += character;
      }
    };
    stdin.on("data", onData);
  });
}
