import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { ConnectApps } from "../../config.ts";
import { openSecret, sealSecret } from "../../crypto/secret-box.ts";
import type { Executor } from "../../db/client.ts";
import { channelConnectFlows, channelConnections } from "../../db/schema/index.ts";
import { type Actor, can } from "../../platform/actor.ts";
import type { ActionContext } from "../../platform/context.ts";
import { hashToken } from "../auth/index.ts";
import { getChannel } from "../channels/index.ts";
import { unitPath } from "../org/index.ts";
import { type ConnectionOptions, connectorForPlatform } from "./connections.ts";
import { facebookDialogUrl } from "./connectors/facebook-login.ts";
import { zaloPermissionUrl } from "./connectors/zalo-oauth.ts";
import { publishingErrors } from "./errors.ts";

/*
 * The safety of "Kết nối bằng Facebook / Zalo". The `state` sent through the platform's dialog is
 * 256 random bits, stored server-side only as its SHA-256 (like password-reset and API tokens), bound
 * to the person who pressed the button, the channel and a 10-minute expiry, and spent by the first
 * callback that brings it back. A table rather than a sealed cookie: a cookie cannot be spent (a
 * copy played back within its 10 minutes would be taken again), several instances behind a load
 * balancer all see the row, and the Facebook Page chooser needs the user token kept server-side
 * between two requests anyway. Zalo's PKCE verifier and that user token are sealed with the same key
 * and box as the channel tokens, and never leave the server.
 */

export type FlowPlatform = "facebook_page" | "zalo_oa";

export const FLOW_LIFETIME_MS = 10 * 60 * 1000;

export interface FlowOptions extends ConnectionOptions {
  /** config.publicUrl: the redirect URIs registered at Meta and Zalo are built from it. */
  publicUrl: string;
  apps: ConnectApps;
  /** FACEBOOK_APP_SECRET (config.webhooks): the same app's secret signs webhooks and exchanges codes. */
  facebookAppSecret: string | undefined;
}

type FlowRow = typeof channelConnectFlows.$inferSelect;

/** The address the platform sends the admin back to; it must be registered with the app as is. */
export function redirectUriOf(publicUrl: string, platform: FlowPlatform): string {
  return `${publicUrl.replace(/\/+$/, "")}/api/connect/${platform === "zalo_oa" ? "zalo" : "facebook"}/callback`;
}

/** The settings a flow still lacks (their environment names); none means the button is shown. */
export function missingSettings(
  options: Pick<FlowOptions, "apps" | "facebookAppSecret">,
  platform: FlowPlatform,
) {
  const settings =
    platform === "facebook_page"
      ? { FACEBOOK_APP_ID: options.apps.facebookAppId, FACEBOOK_APP_SECRET: options.facebookAppSecret }
      : { ZALO_APP_ID: options.apps.zaloAppId, ZALO_APP_SECRET_KEY: options.apps.zaloAppSecretKey };
  return Object.entries(settings)
    .filter(([, value]) => !value)
    .map(([name]) => name);
}

/** Which flow a channel's platform has, if any (YouTube has none: its key is pasted). */
export function flowPlatformOf(platform: string): FlowPlatform | null {
  return platform === "facebook_page" || platform === "zalo_oa" ? platform : null;
}

export interface FlowAvailability {
  platform: FlowPlatform | null;
  available: boolean;
  missingSettings: string[];
}

export async function flowAvailability(
  db: Executor,
  options: Pick<FlowOptions, "apps" | "facebookAppSecret">,
  channelId: string,
): Promise<FlowAvailability> {
  const channel = await getChannel(db, channelId);
  const platform = flowPlatformOf(channel.platform);
  if (!platform) {
    return { platform: null, available: false, missingSettings: [] };
  }
  const missing = missingSettings(options, platform);
  return { platform, available: missing.length === 0, missingSettings: missing };
}

const sealContexts = {
  verifier: (stateHash: string) => `connect-flow:${stateHash}:verifier`,
  userToken: (stateHash: string) => `connect-flow:${stateHash}:user_token`,
};

/** 256 random bits, URL-safe: a state or a chooser token. */
const randomToken = () => randomBytes(32).toString("base64url");

/** PKCE (RFC 7636, as Zalo asks): base64url of the verifier's SHA-256, without padding. */
export function codeChallengeOf(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** Starts a flow: records the state and answers where to send the admin's browser. */
export async function startConnectFlow(
  ctx: ActionContext & { actor: Actor },
  options: FlowOptions,
  channelId: string,
): Promise<{ authorizeUrl: string }> {
  const channel = await getChannel(ctx.db, channelId);
  connectorForPlatform(channel.platform);
  const platform = flowPlatformOf(channel.platform);
  if (!platform) {
    throw publishingErrors.connectFlowUnsupported();
  }
  const missing = missingSettings(options, platform);
  if (missing.length > 0) {
    throw publishingErrors.connectFlowNotConfigured({ platform, settings: missing });
  }
  const now = new Date();
  // Old attempts are of no use to anyone: cleared as new ones start.
  await ctx.db
    .delete(channelConnectFlows)
    .where(lt(channelConnectFlows.createdAt, new Date(now.getTime() - 24 * 3600 * 1000)));
  const state = randomToken();
  const stateHash = hashToken(state);
  const verifier = platform === "zalo_oa" ? randomBytes(32).toString("base64url") : null;
  await ctx.db.insert(channelConnectFlows).values({
    stateHash,
    channelId: channel.id,
    unitId: channel.unitId,
    personId: ctx.actor.personId,
    platform,
    verifierSealed: verifier
      ? sealSecret(verifier, options.secretKey, sealContexts.verifier(stateHash))
      : null,
    expiresAt: new Date(now.getTime() + FLOW_LIFETIME_MS),
  });
  const redirectUri = redirectUriOf(options.publicUrl, platform);
  if (platform === "zalo_oa" && verifier) {
    return {
      authorizeUrl: zaloPermissionUrl(options.apis.zaloOauth, {
        appId: options.apps.zaloAppId ?? "",
        redirectUri,
        codeChallenge: codeChallengeOf(verifier),
        state,
      }),
    };
  }
  return {
    authorizeUrl: facebookDialogUrl(
      options.apps.facebookDialog,
      { appId: options.apps.facebookAppId ?? "", appSecret: "", redirectUri },
      state,
    ),
  };
}

/** What a spent state opens: the flow's row and, for Zalo, its verifier. */
export interface OpenedFlow {
  row: FlowRow;
  verifier: string | null;
}

/** Whether the signed-in person may still manage the flow's channel, as PUT connection asks. */
async function mayManage(db: Executor, actor: Actor, unitId: string): Promise<boolean> {
  const path = await unitPath(db, unitId);
  return !actor.totpSetupRequired && path !== null && can(actor, "channels.manage", path);
}

/**
 * Spends a state brought back by the platform. Refuses a missing, unknown or other platform's state
 * (no channel known), then, with the channel known: a state already used, expired, started by
 * someone else, or whose starter may no longer manage the channel. Spent before anything else, so
 * a second callback with the same state is refused even while the first is still exchanging.
 */
export async function spendState(
  ctx: ActionContext & { actor: Actor },
  options: Pick<FlowOptions, "secretKey">,
  platform: FlowPlatform,
  state: string | undefined,
): Promise<OpenedFlow> {
  if (!state) {
    throw publishingErrors.connectFlowStateUnknown();
  }
  const stateHash = hashToken(state);
  const [row] = await ctx.db
    .select()
    .from(channelConnectFlows)
    .where(eq(channelConnectFlows.stateHash, stateHash));
  if (!row || row.platform !== platform) {
    throw publishingErrors.connectFlowStateUnknown();
  }
  const refused = (error: Error) => Object.assign(error, { channelId: row.channelId });
  if (row.usedAt) {
    throw refused(publishingErrors.connectFlowStateUsed());
  }
  if (row.personId !== ctx.actor.personId) {
    throw refused(publishingErrors.connectFlowNotYours());
  }
  const [spent] = await ctx.db
    .update(channelConnectFlows)
    .set({ usedAt: new Date() })
    .where(and(eq(channelConnectFlows.stateHash, stateHash), isNull(channelConnectFlows.usedAt)))
    .returning();
  if (!spent) {
    throw refused(publishingErrors.connectFlowStateUsed());
  }
  if (spent.expiresAt.getTime() <= Date.now()) {
    throw refused(publishingErrors.connectFlowStateExpired());
  }
  if (!(await mayManage(ctx.db, ctx.actor, spent.unitId))) {
    throw refused(publishingErrors.connectFlowForbidden());
  }
  const verifier = spent.verifierSealed
    ? openSecret(spent.verifierSealed, options.secretKey, sealContexts.verifier(stateHash))
    : null;
  return { row: spent, verifier };
}

/** The account the channel is already known by: its connection's, else the registry's id (a Page or an OA). */
export async function expectedAccountOf(db: Executor, channelId: string): Promise<string | null> {
  const [connection] = await db
    .select({ accountId: channelConnections.accountId })
    .from(channelConnections)
    .where(eq(channelConnections.channelId, channelId));
  if (connection?.accountId) {
    return connection.accountId;
  }
  // The registry's address names the account: a Page's id when it was pasted by number, an OA's id
  // always (zalo.me/<id>). Signing in must not tie the channel to another account the admin runs.
  const channel = await getChannel(db, channelId);
  return channel.platform === "facebook_page" || channel.platform === "zalo_oa"
    ? (channel.platformId ?? null)
    : null;
}

/**
 * Several Pages granted and none known for the channel: the user token waits, sealed, under a new
 * one-time choice token for 10 minutes; the person picks a Page by name on the channel's page.
 */
export async function awaitChoice(
  db: Executor,
  options: Pick<FlowOptions, "secretKey">,
  row: FlowRow,
  userToken: string,
  pages: { id: string; name: string }[],
): Promise<string> {
  const choice = randomToken();
  await db
    .update(channelConnectFlows)
    .set({
      choiceHash: hashToken(choice),
      userTokenSealed: sealSecret(userToken, options.secretKey, sealContexts.userToken(row.stateHash)),
      pages,
      expiresAt: new Date(Date.now() + FLOW_LIFETIME_MS),
    })
    .where(eq(channelConnectFlows.stateHash, row.stateHash));
  return choice;
}

/**
 * The chooser's flow, checked as a state is: known for this channel, not expired, the same person,
 * who may still manage the channel. `spend` takes it (once); otherwise it is only read.
 */
export async function openChoice(
  ctx: ActionContext & { actor: Actor },
  options: Pick<FlowOptions, "secretKey">,
  channelId: string,
  choice: string,
  spend: boolean,
): Promise<{ pages: { id: string; name: string }[]; userToken: string }> {
  const choiceHash = hashToken(choice);
  const [row] = await ctx.db
    .select()
    .from(channelConnectFlows)
    .where(and(eq(channelConnectFlows.choiceHash, choiceHash), eq(channelConnectFlows.channelId, channelId)));
  if (!row?.userTokenSealed) {
    throw publishingErrors.connectFlowStateUnknown();
  }
  if (row.personId !== ctx.actor.personId) {
    throw publishingErrors.connectFlowNotYours();
  }
  if (row.expiresAt.getTime() <= Date.now()) {
    throw publishingErrors.connectFlowStateExpired();
  }
  if (!(await mayManage(ctx.db, ctx.actor, row.unitId))) {
    throw publishingErrors.connectFlowForbidden();
  }
  const userToken = openSecret(row.userTokenSealed, options.secretKey, sealContexts.userToken(row.stateHash));
  if (spend) {
    const [spent] = await ctx.db
      .update(channelConnectFlows)
      .set({ choiceHash: null, userTokenSealed: null })
      .where(eq(channelConnectFlows.choiceHash, choiceHash))
      .returning({ stateHash: channelConnectFlows.stateHash });
    if (!spent) {
      throw publishingErrors.connectFlowStateUsed();
    }
  }
  return { pages: row.pages ?? [], userToken };
}
