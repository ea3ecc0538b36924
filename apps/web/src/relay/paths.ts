// Where the browser reaches the relayer: the app's own routes (app/api/relayer/v1/…).

/**
 * The relayer's base path under this app's origin; the SDK appends `v1/anonymous-ballots` or
 * `v1/signed-ballots`.
 * @example
 * relaySignedBallots({ relayerUrl: new URL(RELAYER_PATH, window.location.origin), ...signed });
 */
export const RELAYER_PATH = "/api/relayer/";
