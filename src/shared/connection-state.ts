/*
 * Where a channel's link to its platform account stands, as people need to know it: connected,
 * expiring soon, expired, refused by the platform, or not connected at all. Worked out the same way
 * by the server (the desk's list of channels to connect, the refusal to schedule) and by the web (the
 * channel's connection card), from what the connection answer already carries.
 */

export const connectionStateValues = [
  "connected",
  "expiring",
  "expired",
  "refused",
  "not_connected",
] as const;
export type ConnectionState = (typeof connectionStateValues)[number];

/** A token that ends within this is shown as expiring, so someone renews it before posts fail. */
export const EXPIRING_WITHIN_MS = 7 * 24 * 3600 * 1000;

/** The platforms Cầu Nối publishes to (or reads) through a connection of the channel's own. */
export const connectablePlatforms = ["facebook_page", "zalo_oa", "youtube"] as const;
export type ConnectablePlatform = (typeof connectablePlatforms)[number];

export function isConnectable(platform: string): platform is ConnectablePlatform {
  return (connectablePlatforms as readonly string[]).includes(platform);
}

/** The reasons a platform gives for an expired token; any other reason is a refusal. */
const expiryReasons = new Set(["token_expired"]);

export interface ConnectionFacts {
  status: "connected" | "needs_reconnect";
  statusReason: string | null;
  tokenExpiresAt: Date | string | null;
  /** Zalo OA renews its own token before it ends, so its expiry date is no warning. */
  renewsItself: boolean;
}

export function connectionStateOf(
  connection: ConnectionFacts | null,
  now: Date = new Date(),
): ConnectionState {
  if (!connection) {
    return "not_connected";
  }
  if (connection.status === "needs_reconnect") {
    return connection.statusReason && expiryReasons.has(connection.statusReason) ? "expired" : "refused";
  }
  if (connection.renewsItself || connection.tokenExpiresAt === null) {
    return "connected";
  }
  const left = new Date(connection.tokenExpiresAt).getTime() - now.getTime();
  if (left <= 0) {
    return "expired";
  }
  return left < EXPIRING_WITHIN_MS ? "expiring" : "connected";
}

/** Whether the scheduler could not publish through the connection: it must be connected first. */
export function blocksAutomaticPublishing(
  state: ConnectionState,
): state is "not_connected" | "expired" | "refused" {
  return state === "not_connected" || state === "expired" || state === "refused";
}
