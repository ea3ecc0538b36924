// The bill-by-bill page's states in words, for both ways to send (react-dom/server).
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppConfigProvider } from "../config/AppConfigProvider.tsx";
import type { AppConfig } from "../config/appConfig.ts";
import { formatMoment } from "../format/time.ts";
import type { ProposalView } from "../proposals/proposalView.ts";
import { BatchProgress, type BatchState } from "./BatchProgress.tsx";

const config: AppConfig = {
  chainId: 31337,
  chainName: "Local",
  rpcUrl: "http://127.0.0.1:9645",
  indexerUrl: "/api/indexer",
  community: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  explorerUrl: undefined,
  demoAccounts: [],
};
const hash = `0x${"ab".repeat(32)}` as const;
const bill = (proposalId: bigint, title: string): ProposalView => ({
  id: `31337-c-${proposalId}`,
  proposalId,
  title,
  description: undefined,
  mode: "single",
  topic: 0,
  topicName: "General",
  labels: ["Against", "For"],
  snapshot: 1_796_570_353n,
  voteEnd: 1_797_000_000n,
  executable: false,
  lifecycle: null,
});
const text = (state: BatchState) =>
  renderToStaticMarkup(
    <AppConfigProvider config={config}>
      <BatchProgress state={state} />
    </AppConfigProvider>,
  )
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

describe("BatchProgress", () => {
  it("says nothing before anything is sent", () => {
    expect(text({ phase: "idle" })).toBe("");
  });

  it("tells a signature from a transaction while the wallet asks", () => {
    expect(text({ phase: "signing", via: "relayer" })).toBe(
      "Sign the ballots in your wallet (a signature, not a transaction: no gas)…",
    );
    expect(text({ phase: "signing", via: "transaction" })).toBe("Confirm in your wallet…");
  });

  it("follows the relayer's transaction while it is pending", () => {
    expect(text({ phase: "relaying" })).toBe("Signed; handing the ballots to the relayer…");
    expect(text({ phase: "mining", via: "relayer", hash })).toBe(
      `The relayer sent them; waiting for the block that includes its transaction… Transaction ${hash}`,
    );
    expect(text({ phase: "indexing", via: "relayer", hash, block: 78n })).toBe(
      `Included in block 78; waiting for the indexer's tallies… Transaction ${hash}`,
    );
  });

  it("shows a failure as an alert", () => {
    const html = renderToStaticMarkup(
      <BatchProgress state={{ phase: "failed", message: "Your signature expired." }} />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain("Your signature expired.");
  });

  it("gives one receipt per bill, with its mass and snapshot, once the relayer's transaction is mined", () => {
    const receipt = (mass: bigint) => ({
      action: "vote" as const,
      hash,
      block: 78n,
      mass,
      indexed: true,
    });
    expect(
      text({
        phase: "done",
        via: "relayer",
        hash,
        block: 78n,
        receipts: [
          { proposal: bill(2n, "Bill 2"), receipt: receipt(3n) },
          { proposal: bill(3n, "Bill 3"), receipt: { ...receipt(0n), action: "retract" } },
        ],
      }),
    ).toBe(
      "2 ballots counted by one signature, in the tallies from block 78 . The relayer sent the transaction and paid its gas. " +
        `#2 Bill 2: Counted with mass 3 at snapshot ${formatMoment(1_796_570_353n)} (timepoint 1796570353), in the tally from block 78 . ` +
        "#3 Bill 3: Retracted : your ballot no longer counts, in the tally from block 78 . " +
        `Transaction ${hash}`,
    );
  });

  it("says so when the indexer has not shown the tallies yet", () => {
    expect(
      text({
        phase: "done",
        via: "transaction",
        hash,
        block: 9n,
        receipts: [
          {
            proposal: bill(2n, "Bill 2"),
            receipt: { action: "vote", hash, block: 9n, mass: 1n, indexed: false },
          },
        ],
      }),
    ).toContain("1 ballot counted in one transaction, from block 9 .");
  });
});
