/**
 * The contract of the desk's connection checks, shared by the publishing module's routes and the
 * web's typed client: testing a channel's connection against its platform, the channels in a
 * person's scope that need connecting, and the connection state of the channels a post may go to.
 * (Saving, reading and removing a connection are in publishing.ts.)
 */
import { z } from "zod";
import { connectablePlatforms, connectionStateValues } from "../connection-state.ts";

/** What the platform answered when asked who the stored token belongs to. */
export const connectionTestResultValues = [
  "ok",
  "expired",
  "refused",
  "wrong_account",
  "permission_missing",
  "unreachable",
  "platform_error",
] as const;

export const connectionState = z.enum(connectionStateValues);

const channelParams = z.object({ id: z.uuid() });

export const connectionTestResponse = z.object({
  result: z.enum(connectionTestResultValues),
  /** The account's name as the platform gives it (a Page's or an OA's name), when it says. */
  accountName: z.string().nullable(),
  /** The connection's state after the test (a refused token now needs reconnecting). */
  state: connectionState,
  testedAt: z.date(),
});

export const connectionsNeededQuery = z.object({
  unitId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

export const connectionNeededItem = z.object({
  channelId: z.string(),
  displayName: z.string(),
  platform: z.enum(connectablePlatforms),
  url: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  /** Never "connected": refused and expired first, then not connected, then expiring soon. */
  state: connectionState,
  tokenExpiresAt: z.date().nullable(),
});

export const connectionsNeededResponse = z.object({
  items: z.array(connectionNeededItem),
  total: z.number(),
  page: z.number(),
});

export const connectionStatesQuery = z.object({
  /** Comma-separated channel ids, at most 100. */
  channelIds: z.string().regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,99}$/i),
});

export const connectionStatesResponse = z.object({
  items: z.array(
    z.object({
      channelId: z.string(),
      /** Null for a channel that publishes without a connection (a website) or only by hand. */
      state: connectionState.nullable(),
    }),
  ),
});

/** Every route of the desk's connection checks, with the schemas its handler is declared with. */
export const connectionEndpoints = {
  "POST /api/channels/:id/connection/test": { params: channelParams, response: connectionTestResponse },
  "GET /api/connections/needed": { query: connectionsNeededQuery, response: connectionsNeededResponse },
  "GET /api/connections/states": { query: connectionStatesQuery, response: connectionStatesResponse },
} as const;
