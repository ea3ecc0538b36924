// The test wallet: an EIP-1193 provider injected into the page (window.ethereum, announced over
// EIP-6963 as "Plenum Test Wallet"). It answers account and chain requests itself and forwards the
// rest to anvil, which signs for its unlocked accounts; every request is reported to the test through
// a binding, so a test can check that nothing was sent.

/**
 * Installs the test wallet in every page of `context`, acting as `account` on `chainId`.
 * Returns the log of the methods the page asked the wallet for.
 * @example
 * const log = await installTestWallet(context, { rpcUrl, chainId: 31337, account });
 * log.filter((m) => m === "eth_sendTransaction").length // 0
 */
export async function installTestWallet(context, { rpcUrl, chainId, account }) {
  const log = [];
  await context.exposeBinding("__plenumWalletLog", (_source, method) => {
    log.push(method);
  });
  await context.addInitScript(
    ({ rpcUrl, chainId, account }) => {
      let nextId = 0;
      // Like a real wallet: no accounts until the site asked for them (remembered for the tab).
      let authorised = sessionStorage.getItem("plenum-test-wallet") === "authorised";
      const listeners = new Map();
      const provider = {
        async request({ method, params }) {
          window.__plenumWalletLog?.(method);
          switch (method) {
            case "eth_requestAccounts":
              authorised = true;
              sessionStorage.setItem("plenum-test-wallet", "authorised");
              return [account];
            case "eth_accounts":
              return authorised ? [account] : [];
            case "eth_chainId":
              return `0x${chainId.toString(16)}`;
            case "wallet_switchEthereumChain":
              return null;
            case "wallet_requestPermissions":
            case "wallet_getPermissions":
              return [{ parentCapability: "eth_accounts" }];
            default: {
              const response = await fetch(rpcUrl, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({
                  jsonrpc: "2.0",
                  id: ++nextId,
                  method,
                  params: params ?? [],
                }),
              });
              const body = await response.json();
              if (body.error) {
                const error = new Error(body.error.message);
                error.code = body.error.code;
                error.data = body.error.data;
                throw error;
              }
              return body.result;
            }
          }
        },
        on(event, listener) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event).add(listener);
        },
        removeListener(event, listener) {
          listeners.get(event)?.delete(listener);
        },
      };
      window.ethereum = provider;
      const info = {
        uuid: "7f1c2f1e-0000-4000-8000-000000000001",
        name: "Plenum Test Wallet",
        icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'%3E%3Crect width='8' height='8' fill='%23888'/%3E%3C/svg%3E",
        rdns: "org.plenum.testwallet",
      };
      const announce = () =>
        window.dispatchEvent(
          new CustomEvent("eip6963:announceProvider", {
            detail: Object.freeze({ info, provider }),
          }),
        );
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    },
    { rpcUrl, chainId, account },
  );
  return log;
}
