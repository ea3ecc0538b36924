// The "demo accounts" connector: on the local demo chain only, it lets a newcomer act as one of the
// demo community's members without a wallet extension. Anvil holds those accounts unlocked, so this
// provider answers account and chain questions itself and forwards everything else (transactions,
// signatures, reads) to the configured RPC, where anvil signs.

import { type Address, type EIP1193RequestFn, getAddress, numberToHex } from "viem";
import { createConnector } from "wagmi";

/** The id wagmi knows the demo connector by. */
export const DEMO_CONNECTOR_ID = "plenumDemoAccounts";

const STORAGE_KEY = "plenum.demoAccount";

/** Parameters of {@link demoAccounts}. */
export interface DemoAccountsParameters {
  chainId: number;
  rpcUrl: string;
  /** Accounts the node signs for (the demo members). */
  accounts: readonly Address[];
}

/** A JSON-RPC error as EIP-1193 reports it. */
class ProviderRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The demo connector's extra methods: which member it acts as. */
export interface DemoAccountsProperties extends Record<string, unknown> {
  /** Acts as `account` from now on (it must be one of the demo accounts). */
  selectAccount(account: Address): void;
  /** The member it acts as. */
  selectedAccount(): Address | undefined;
}

/**
 * A wagmi connector acting as one of the local demo chain's unlocked accounts.
 * @example
 * const connector = demoAccounts({ chainId: 31337, rpcUrl: "http://127.0.0.1:8545", accounts });
 * createConfig({ chains: [chain], connectors: [connector], transports });
 */
export function demoAccounts({ chainId, rpcUrl, accounts }: DemoAccountsParameters) {
  const known = new Set(accounts.map((a) => getAddress(a)));
  let selected: Address | undefined;
  let connected = false;
  let nextId = 0;

  const stored = (): Address | undefined => {
    try {
      const value = globalThis.localStorage?.getItem(STORAGE_KEY);
      return value && known.has(getAddress(value)) ? getAddress(value) : undefined;
    } catch {
      return undefined;
    }
  };

  const request = (async ({ method, params }: { method: string; params?: unknown }) => {
    switch (method) {
      case "eth_requestAccounts":
        connected = true;
        selected ??= stored() ?? accounts[0];
        return selected ? [selected] : [];
      case "eth_accounts":
        return connected && selected ? [selected] : [];
      case "eth_chainId":
        return numberToHex(chainId);
      case "wallet_switchEthereumChain": {
        const [{ chainId: wanted }] = params as [{ chainId: string }];
        if (Number(wanted) !== chainId) {
          throw new ProviderRpcError(4902, `The demo accounts exist only on chain ${chainId}.`);
        }
        return null;
      }
      default: {
        const response = await fetch(rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: ++nextId, method, params: params ?? [] }),
        });
        const body = (await response.json()) as {
          result?: unknown;
          error?: { code: number; message: string; data?: unknown };
        };
        if (body.error) {
          const error = new ProviderRpcError(body.error.code, body.error.message);
          Object.assign(error, { data: body.error.data });
          throw error;
        }
        return body.result;
      }
    }
  }) as EIP1193RequestFn;
  const provider = { request, on() {}, removeListener() {} };

  return createConnector<typeof provider, DemoAccountsProperties>((config) => ({
    id: DEMO_CONNECTOR_ID,
    name: "Demo accounts",
    type: "demo",
    async connect({ withCapabilities } = {}) {
      const list = (await request({ method: "eth_requestAccounts" })) as Address[];
      return {
        accounts: (withCapabilities
          ? list.map((address) => ({ address, capabilities: {} }))
          : list) as never,
        chainId,
      };
    },
    async disconnect() {
      connected = false;
    },
    async getAccounts() {
      return (await request({ method: "eth_accounts" })) as Address[];
    },
    async getChainId() {
      return chainId;
    },
    async getProvider() {
      return provider;
    },
    async isAuthorized() {
      return connected && selected !== undefined;
    },
    async switchChain({ chainId: wanted }) {
      await request({
        method: "wallet_switchEthereumChain",
        params: [{ chainId: numberToHex(wanted) }],
      });
      const chain = config.chains.find((c) => c.id === wanted);
      if (!chain) throw new ProviderRpcError(4902, `Chain ${wanted} is not configured.`);
      return chain;
    },
    onAccountsChanged(list) {
      config.emitter.emit("change", { accounts: list.map((a) => getAddress(a)) });
    },
    onChainChanged(id) {
      config.emitter.emit("change", { chainId: Number(id) });
    },
    onDisconnect() {
      connected = false;
      config.emitter.emit("disconnect");
    },
    selectAccount(account: Address) {
      const address = getAddress(account);
      if (!known.has(address)) throw new Error(`${address} is not a demo account.`);
      selected = address;
      try {
        globalThis.localStorage?.setItem(STORAGE_KEY, address);
      } catch {}
      if (connected) config.emitter.emit("change", { accounts: [address] });
    },
    selectedAccount() {
      return selected ?? stored();
    },
  }));
}
