/**
 * The contract of the desk's connection checks, shared by the publishing module's routes and the
 * web's typed client: testing a channel's connection against its platform, the channels in a
 * person's scope that need connecting, and the connection state of the channels a post may go to.
 * (Saving, reading and removing a connection are in publishing.ts.)
 */
import { z } from "zod";
import { connectablePlatforms, connectionStateValues } from "../connection-state.ts";
import { connectionResponse } from "./publishing.ts";

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

/*
 * Connecting by signing in to the platform ("Kết nối bằng Facebook / Zalo"): whether the server is
 * set up for it, starting it (the answer is where to send the browser), and, when several Facebook
 * Pages were granted, the chooser. The callbacks (GET /api/connect/facebook/callback and
 * /api/connect/zalo/callback) are browser navigations answered with a redirect, outside this map.
 */
export const connectFlowPlatformValues = ["facebook_page", "zalo_oa"] as const;

export const connectFlowResponse = z.object({
  /** Null for a channel connected only by pasting (YouTube). */
  platform: z.enum(connectFlowPlatformValues).nullable(),
  available: z.boolean(),
  /** The operator's settings still unset (their environment names), when not available. */
  missingSettings: z.array(z.string()),
});

export const connectFlowStartResponse = z.object({ authorizeUrl: z.string() });

/** The chooser's one-time token, from the address the callback sent the browser to. */
const choice = z.string().trim().min(1).max(200);

export const connectFlowPagesQuery = z.object({ choice });

export const connectFlowPagesResponse = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const connectFlowChooseBody = z.strictObject({ choice, pageId: z.string().trim().min(1).max(100) });

/** Every route of the desk's connection checks, with the schemas its handler is declared with. */
export const connectionEndpoints = {
  "POST /api/channels/:id/connection/test": { params: channelParams, response: connectionTestResponse },
  "GET /api/connections/needed": { query: connectionsNeededQuery, response: connectionsNeededResponse },
  "GET /api/connections/states": { query: connectionStatesQuery, response: connectionStatesResponse },
  "GET /api/channels/:id/connection/flow": { params: channelParams, response: connectFlowResponse },
  "POST /api/channels/:id/connection/flow": { params: channelParams, response: connectFlowStartResponse },
  "GET /api/channels/:id/connection/flow/pages": {
    params: channelParams,
    query: connectFlowPagesQuery,
    response: connectFlowPagesResponse,
  },
  "POST /api/channels/:id/connection/flow/pages": {
    params: channelParams,
    body: connectFlowChooseBody,
    response: connectionResponse,
  },
} as const;
