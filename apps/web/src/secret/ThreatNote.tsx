// What a secret ballot protects and what it does not, in plain words, with the threat model's link.
import Link from "next/link";

/** Where this app shows the full threat model (the repository's docs/anonymous-ballots.md). */
export const THREAT_MODEL_PATH = "/threat-model";

/**
 * The short version of docs/anonymous-ballots.md.
 * @example
 * <ThreatNote open />
 */
export function ThreatNote({ open = false }: { open?: boolean }) {
  return (
    <details className="threat-note" open={open}>
      <summary>What a secret ballot protects, and what it does not</summary>
      <p>
        <strong>Protected:</strong> nobody — not the registrar, the relayer, this website or other
        members — can tell which member cast a ballot or how they voted. The ballot is a
        zero-knowledge proof made in your browser; the relayer's address sends it, not yours. Each
        identity counts once, and only you can change your ballot: your last one stands.
      </p>
      <p>
        <strong>Not protected:</strong> everyone can see that you registered an identity, so the
        list of people who may vote is public. Each ballot's choice is public, only the voter is
        hidden, so in a small group a lopsided result can reveal votes. Anyone holding your identity
        secret (or your wallet, if you derived it from a signature) can vote as you and recognise
        your ballots. The relayer and this website see your IP address and when you sent the ballot;
        use Tor or a VPN if that matters. A compromised device or browser extension can see your
        vote before any cryptography happens.
      </p>
      <p>
        <Link href={THREAT_MODEL_PATH}>Read the full threat model (docs/anonymous-ballots.md)</Link>
      </p>
    </details>
  );
}
