import { eq } from "drizzle-orm";
import type { PlatformApis } from "../../config.ts";
import { openSecret, SecretBoxError, sealSecret } from "../../crypto/secret-box.ts";
import type { Executor } from "../../db/client.ts";
import { channelConnections, type channelPlatformValues } from "../../db/schema/index.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { getChannel } from "../channels/index.ts";
import { unitPath } from "../org/index.ts";
import {
  markNeedsReconnect,
  type RenewalOptions,
  renewZaloToken,
  sealContext,
} from "./connection-renewal.ts";
import { GRAPH_API_VERSION } from "./connectors/facebook.ts";
import { checkPageToken } from "./connectors/facebook-token.ts";
import type { ConnectionForPublish, VariantTarget } from "./connectors/types.ts";
import { publishingErrors } from "./errors.ts";

export { markNeedsReconnect };

/*
 * A channel's link to its platform account: which connector, the account id and the token, sealed
 * at rest (AES-256-GCM, bound to the channel id); for Zalo OA also the refresh token, app id and app
 * secret that renew it. The address the token is sent to is never stored with the connection nor
 * taken from a request: it is the platform's own, or the operator's configuration (config.ts
 * platformApis). Tokens leave this file only through connectionForPublish, for the scheduler.
 */

type ChannelPlatform = (typeof channelPlatformValues)[number];
export type ConnectorKind = Extract<VariantTarget, "facebook_page" | "zalo_oa" | "youtube">;
type ConnectionRow = typeof channelConnections.$inferSelect;

const connectorOfPlatform: Partial<Record<ChannelPlatform, ConnectorKind>> = {
  facebook_page: "facebook_page",
  zalo_oa: "zalo_oa",
  youtube: "youtube",
};

/** Where a connector's calls go: the configured root of its platform, with the API version it speaks. */
export function apiRootOf(connector: ConnectorKind, apis: PlatformApis): string {
  switch (connector) {
    case "facebook_page":
      return `${apis.graph}/${GRAPH_API_VERSION}`;
    case "zalo_oa":
      return apis.zalo;
    case "youtube":
      return `${apis.youtube}/youtube/v3`;
  }
}

/** Page id, OA id, channel id: what the connector cannot work without. */
const accountIdRequired: Record<ConnectorKind, boolean> = {
  facebook_page: true,
  // The OA access token already names the OA; the id is kept only for display.
  zalo_oa: false,
  youtube: true,
};

const connectionLabel = { vi: "kết nối của kênh", en: "Channel connection" };

/** What the API shows of a connection: whether a token is set, never the token. */
export interface ConnectionView {
  channelId: string;
  connector: VariantTarget;
  accountId: string | null;
  tokenSet: boolean;
  tokenExpiresAt: Date | null;
  /** Zalo OA: a refresh token, app id and secret are stored, so the token is renewed before it expires. */
  renewsItself: boolean;
  status: "connected" | "needs_reconnect";
  /** Why a reconnect is needed (a stable code such as token_expired or renewal_refused). */
  statusReason: string | null;
  updatedBy: string | null;
  updatedAt: Date;
}

function viewOf(row: ConnectionRow): ConnectionView {
  return {
    channelId: row.channelId,
    connector: row.connector,
    accountId: row.accountId,
    tokenSet: row.tokenSealed !== null,
    tokenExpiresAt: row.tokenExpiresAt,
    renewsItself: row.refreshTokenSealed !== null && row.appSecretSealed !== null && row.appId !== null,
    status: row.status,
    statusReason: row.status === "needs_reconnect" ? row.statusReason : null,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

async function connectionRow(db: Executor, channelId: string): Promise<ConnectionRow | null> {
  const [row] = await db.select().from(channelConnections).where(eq(channelConnections.channelId, channelId));
  return row ?? null;
}

async function auditUnit(db: Executor, unitId: string) {
  return { id: unitId, path: (await unitPath(db, unitId)) ?? "" };
}

/** The connector a registry channel's platform publishes through; other platforms have none (400). */
export function connectorForPlatform(platform: ChannelPlatform): ConnectorKind {
  const connector = connectorOfPlatform[platform];
  if (!connector) {
    throw publishingErrors.connectionPlatformUnsupported();
  }
  return connector;
}

export interface SaveConnectionInput {
  channelId: string;
  /** A new token replaces the stored one; omitted keeps it (changing only the account id). */
  token?: string;
  tokenExpiresAt?: Date | null;
  accountId?: string | null;
  /** Zalo OA only: renewing the access token needs the refresh token, the app id and the app secret. */
  refreshToken?: string;
  appId?: string | null;
  appSecret?: string;
  /** How the token came: pasted (the default) or by the admin signing in to the platform. */
  via?: "paste" | "facebook_login" | "zalo_oauth";
}

export interface ConnectionOptions extends RenewalOptions {}

const permissionNames: Record<string, { vi: string; en: string }> = {
  pages_manage_posts: { vi: "đăng bài lên Trang", en: "publishing to the Page" },
  pages_read_engagement: {
    vi: "đọc bài của Trang (để tìm bài đã đăng sau sự cố)",
    en: "reading the Page's posts (to find a post after a crash)",
  },
};

/**
 * Asks Graph what the Page token may do before it is stored: an invalid token, a token of another
 * page or a missing permission is refused now, saying which, rather than at the first publish.
 */
async function checkFacebookToken(
  options: ConnectionOptions,
  token: string,
  pageId: string,
): Promise<Date | null> {
  const check = await checkPageToken(apiRootOf("facebook_page", options.apis), token, pageId, {
    timeoutMs: options.timeoutMs,
  });
  if (check.kind === "ok") {
    return check.expiresAt;
  }
  if (check.kind === "missing_permissions") {
    const missing = check.missing.map((scope) => ({
      scope,
      ...(permissionNames[scope] ?? { vi: scope, en: scope }),
    }));
    throw publishingErrors.connectionPermissionsMissing({ missing }, { missing: check.missing });
  }
  if (check.kind === "wrong_page") {
    throw publishingErrors.connectionTokenOfAnotherPage({ tokenPageId: check.tokenPageId });
  }
  if (check.kind === "retry") {
    throw publishingErrors.connectionCheckUnavailable();
  }
  throw publishingErrors.connectionTokenRefused({ platformCode: check.code });
}

/** Connects a channel to its platform account, or replaces the connection's details. */
export async function saveConnection(
  ctx: ActionContext,
  options: ConnectionOptions,
  input: SaveConnectionInput,
): Promise<ConnectionView> {
  const channel = await getChannel(ctx.db, input.channelId);
  const connector = connectorForPlatform(channel.platform);
  const renewalGiven =
    input.refreshToken !== undefined || input.appId !== undefined || input.appSecret !== undefined;
  if (renewalGiven && connector !== "zalo_oa") {
    throw publishingErrors.connectionRenewalNotSupported();
  }
  const previous = await connectionRow(ctx.db, channel.id);
  const accountId =
    input.accountId !== undefined ? input.accountId?.trim() || null : (previous?.accountId ?? null);
  let checkedExpiry: Date | null | undefined;
  if (
    connector === "facebook_page" &&
    accountId &&
    (input.token !== undefined || accountId !== previous?.accountId)
  ) {
    const token =
      input.token ??
      (previous?.tokenSealed
        ? openStored(previous.tokenSealed, options.secretKey, sealContext.token(channel.id))
        : null);
    if (token) {
      checkedExpiry = await checkFacebookToken(options, token, accountId);
    }
  }
  return ctx.db.transaction(async (tx) => {
    const before = await connectionRow(tx, channel.id);
    if (accountIdRequired[connector] && !accountId) {
      throw publishingErrors.connectionAccountIdRequired({ connector });
    }
    const seal = (value: string, context: string) => sealSecret(value, options.secretKey, context);
    const tokenSealed =
      input.token !== undefined
        ? seal(input.token, sealContext.token(channel.id))
        : (before?.tokenSealed ?? null);
    if (!tokenSealed) {
      throw publishingErrors.connectionTokenRequired();
    }
    const tokenReplaced = input.token !== undefined;
    const renewal = {
      refreshTokenSealed:
        input.refreshToken !== undefined
          ? seal(input.refreshToken, sealContext.refresh(channel.id))
          : (before?.refreshTokenSealed ?? null),
      appId: input.appId !== undefined ? input.appId?.trim() || null : (before?.appId ?? null),
      appSecretSealed:
        input.appSecret !== undefined
          ? seal(input.appSecret, sealContext.appSecret(channel.id))
          : (before?.appSecretSealed ?? null),
    };
    const reconnected = tokenReplaced || input.refreshToken !== undefined;
    const values = {
      connector,
      accountId,
      tokenSealed,
      ...renewal,
      tokenExpiresAt:
        input.tokenExpiresAt !== undefined
          ? input.tokenExpiresAt
          : checkedExpiry !== undefined
            ? checkedExpiry
            : tokenReplaced
              ? null
              : (before?.tokenExpiresAt ?? null),
      // A new token (or refresh token) is what reconnecting means; other edits leave the state as it was.
      status: reconnected ? ("connected" as const) : (before?.status ?? ("connected" as const)),
      statusReason: reconnected ? null : (before?.statusReason ?? null),
      updatedBy: ctx.actor?.personId ?? null,
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(channelConnections)
      .values({ channelId: channel.id, ...values })
      .onConflictDoUpdate({ target: channelConnections.channelId, set: values })
      .returning();
    if (!row) {
      throw errors.notFound(connectionLabel);
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: before ? "channel.connection.update" : "channel.connection.create",
      unit: await auditUnit(tx, channel.unitId),
      target: { type: "channel", id: channel.id },
      ip: ctx.ip,
      details: {
        connector,
        accountId,
        via: input.via ?? "paste",
        tokenReplaced,
        refreshTokenReplaced: input.refreshToken !== undefined,
        appSecretReplaced: input.appSecret !== undefined,
        appId: renewal.appId,
        tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
      },
    });
    return viewOf(row);
  });
}

function openStored(sealed: string, key: Buffer, context: string): string | null {
  try {
    return openSecret(sealed, key, context);
  } catch (error) {
    if (error instanceof SecretBoxError) {
      return null;
    }
    throw error;
  }
}

/** The connection of a channel as the API shows it; 404 when the channel is not connected. */
export async function getConnection(db: Executor, channelId: string): Promise<ConnectionView> {
  await getChannel(db, channelId);
  const row = await connectionRow(db, channelId);
  if (!row) {
    throw errors.notFound(connectionLabel);
  }
  return viewOf(row);
}

/** Forgets the account and its token; publishing to the channel stops until it is connected again. */
export async function disconnectChannel(ctx: ActionContext, channelId: string): Promise<void> {
  const channel = await getChannel(ctx.db, channelId);
  await ctx.db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(channelConnections)
      .where(eq(channelConnections.channelId, channel.id))
      .returning({ connector: channelConnections.connector, accountId: channelConnections.accountId });
    if (!removed) {
      throw errors.notFound(connectionLabel);
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "channel.connection.delete",
      unit: await auditUnit(tx, channel.unitId),
      target: { type: "channel", id: channel.id },
      ip: ctx.ip,
      details: { connector: removed.connector, accountId: removed.accountId },
    });
  });
}

export interface PublishConnection extends ConnectionForPublish {
  connector: ConnectorKind;
  status: "connected" | "needs_reconnect";
  tokenExpiresAt: Date | null;
}

/**
 * The connection with its token opened, for the scheduler only; null when the channel is not
 * connected. A Zalo OA token close to expiry is renewed first. A token that no longer opens (the
 * key was changed) reads as "needs reconnect". The API root is the configured one, never stored.
 */
export async function connectionForPublish(
  db: Executor,
  channelId: string,
  options: ConnectionOptions,
): Promise<PublishConnection | null> {
  let row = await connectionRow(db, channelId);
  if (!row) {
    return null;
  }
  if (row.connector === "zalo_oa" && row.refreshTokenSealed && row.status === "connected") {
    if ((await renewZaloToken(db, channelId, options)) !== "not_needed") {
      row = (await connectionRow(db, channelId)) ?? row;
    }
  }
  const connector = row.connector as ConnectorKind;
  let status = row.status;
  const token = row.tokenSealed
    ? openStored(row.tokenSealed, options.secretKey, sealContext.token(row.channelId))
    : null;
  if (row.tokenSealed && token === null) {
    status = "needs_reconnect";
  }
  return {
    connector,
    baseUrl: apiRootOf(connector, options.apis),
    accountId: row.accountId,
    token,
    status,
    tokenExpiresAt: row.tokenExpiresAt,
  };
}
