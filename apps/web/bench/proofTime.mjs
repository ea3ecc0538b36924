// Semaphore proof time in the browser, in the app's own prover worker. Member #2 derives an identity
// from the test wallet's signature and registers it (the identity page), a secret-ballot poll opens
// (the browser test's anonymousPoll.mjs), and they vote on it: the app fetches the circuit files of
// the poll's depth and proves in its worker. An init script wraps `Worker` so the page notes, for
// the prover (`name: "plenum-prover"`), its script URL and the request it was sent. That first run
// is timed from the Vote click to the proof (circuit files fetched and checked, worker started,
// witness and proof). The later runs post the same request to fresh workers made from the same URL
// (the app too starts one per proof), timed from the worker's creation to the proof: `runs` times
// at the poll's depth, then with the depth-20 circuit files the app serves (fetched first, not
// timed) once untimed (the first run at a depth compiles its circuit) and `runs` times.
import { openAnonymousPoll } from "../test/e2e/anonymousPoll.mjs";
import { installTestWallet } from "../test/e2e/wallet.mjs";

const MEMBER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const PROOF_TIMEOUT_MS = 180_000;

const WRAP_WORKER = () => {
  const Original = window.Worker;
  window.__prover = { requests: [] };
  window.Worker = class extends Original {
    constructor(url, options) {
      super(url, options);
      if (options?.name !== "plenum-prover") return;
      window.__prover.url = String(url);
      window.__prover.options = options;
      const post = this.postMessage.bind(this);
      this.postMessage = (message, ...rest) => {
        window.__prover.requests.push(message);
        post(message, ...rest);
      };
      this.addEventListener("message", (event) => {
        if (event.data?.type === "proof") window.__prover.provedAt = performance.now();
      });
    }
  };
};

/**
 * Proof times in ms: `{ depth, first, runs: number[], depth20: number[] }`.
 * @example
 * const proofs = await measureProofTime({ context, urls: demo.urls, runs: 5 });
 */
export async function measureProofTime({ context, urls, runs }) {
  await installTestWallet(context, { rpcUrl: urls.rpc, chainId: 31337, account: MEMBER });
  await context.addInitScript(WRAP_WORKER);
  const page = await context.newPage();
  await page.goto(urls.web);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("button", { name: "Plenum Test Wallet" }).click();
  await page.getByRole("button", { name: /Account/ }).waitFor();

  await page.goto(`${urls.web}/identity`);
  await page.getByRole("button", { name: "Derive from my wallet (recoverable)" }).click();
  await page.getByTestId("identity-commitment").getByText("Loaded (derived)").waitFor();
  await page.getByRole("button", { name: "Replace my registered identity" }).click();
  await page.getByTestId("identity-registered").waitFor({ timeout: 60_000 });

  const poll = await openAnonymousPoll(urls);
  await page.goto(`${urls.web}/proposals/${poll}`);
  await page.getByRole("heading", { name: "My secret ballot" }).waitFor();
  await page.getByRole("button", { name: "Use the identity from my wallet" }).click();
  await page.getByRole("radio", { name: /^Leipzig/ }).click();
  const clicked = await page.evaluate(() => performance.now());
  await page.getByRole("button", { name: "Vote" }).click();
  await page.waitForFunction(() => window.__prover.provedAt !== undefined, null, {
    timeout: PROOF_TIMEOUT_MS,
  });
  const first = (await page.evaluate(() => window.__prover.provedAt)) - clicked;
  const depth = await page.evaluate(() => window.__prover.requests[0].depth);
  await page.getByTestId("secret-receipt").getByText("Counted").waitFor({ timeout: 120_000 });

  // One proof in a fresh worker, as the app makes them; `depth20` swaps in the depth-20 files.
  const prove = (depth20) =>
    page.evaluate(
      async ({ depth20, timeout }) => {
        const request = { ...window.__prover.requests[0], ...(depth20 ? window.__depth20 : {}) };
        const started = performance.now();
        const worker = new window.Worker(window.__prover.url, window.__prover.options);
        try {
          return await new Promise((resolve, reject) => {
            setTimeout(() => reject(new Error("the proof timed out")), timeout);
            worker.addEventListener("message", (event) => {
              if (event.data.type === "proof") resolve(performance.now() - started);
              if (event.data.type === "error") reject(new Error(event.data.message));
            });
            worker.postMessage(request);
          });
        } finally {
          worker.terminate();
        }
      },
      { depth20, timeout: PROOF_TIMEOUT_MS },
    );

  const atDepth = [];
  for (let i = 0; i < runs; i++) atDepth.push(await prove(false));
  await page.evaluate(async () => {
    const files = {};
    for (const kind of ["wasm", "zkey"]) {
      const response = await fetch(`/zk/4.13.0/semaphore-20.${kind}`);
      if (!response.ok) throw new Error(`semaphore-20.${kind}: HTTP ${response.status}`);
      files[kind] = new Uint8Array(await response.arrayBuffer());
    }
    window.__depth20 = { depth: 20, ...files };
  });
  const depth20First = await prove(true);
  const depth20 = [];
  for (let i = 0; i < runs; i++) depth20.push(await prove(true));
  await page.close();
  return { depth, first, runs: atDepth, depth20First, depth20 };
}
