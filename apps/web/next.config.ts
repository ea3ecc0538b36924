// Next.js configuration of the Plenum web app. The SDK ships TypeScript sources (`.ts` imports), so
// Next transpiles it; the security headers that do not depend on a request live here, the
// Content-Security-Policy (which carries a per-request nonce) in proxy.ts.
import type { NextConfig } from "next";

const config: NextConfig = {
  transpilePackages: ["@plenum/sdk"],
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: false },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          // Semaphore's prover (a later page) runs in workers that share memory.
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default config;
