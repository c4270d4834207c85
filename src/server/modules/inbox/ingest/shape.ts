import type { Executor } from "../../../db/client.ts";
import { unitOfChannel } from "../../channels/index.ts";
import { channelOfConnectedAccount } from "../../publishing/index.ts";

/* Reading the platforms' JSON without trusting its shape. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Ids arrive as strings, at times as numbers. */
export function asText(value: unknown): string | null {
  if (typeof value === "string" && value !== "") {
    return value;
  }
  return typeof value === "number" && Number.isFinite(value) ? String(value) : null;
}

/** A platform time in ms: milliseconds (Messenger, Zalo, as number or string) or Unix seconds (Graph feed). */
export function timeOf(value: unknown): number | null {
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number) || number <= 0) {
    return null;
  }
  return number < 1e12 ? number * 1000 : number;
}

export interface ResolvedChannel {
  channelId: string;
  unitId: string;
}

export type ChannelResolver = (
  connector: "facebook_page" | "zalo_oa",
  accountId: string,
) => Promise<ResolvedChannel | null>;

/** Finds the registry channel (and its unit) a page or OA id is connected to, once per id per delivery. */
export function channelResolver(db: Executor): ChannelResolver {
  const known = new Map<string, ResolvedChannel | null>();
  return async (connector, accountId) => {
    const key = `${connector}:${accountId}`;
    if (known.has(key)) {
      return known.get(key) ?? null;
    }
    let resolved: ResolvedChannel | null = null;
    const connection = await channelOfConnectedAccount(db, connector, accountId);
    if (connection) {
      try {
        resolved = { channelId: connection.channelId, unitId: await unitOfChannel(db, connection.channelId) };
      } catch {
        // The channel was removed from the registry: nothing of it enters the inbox.
        resolved = null;
      }
    }
    known.set(key, resolved);
    return resolved;
  };
}
