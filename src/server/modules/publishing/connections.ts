import { eq } from "drizzle-orm";
import { openSecret, SecretBoxError, sealSecret } from "../../crypto/secret-box.ts";
import type { Executor } from "../../db/client.ts";
import { channelConnections, type channelPlatformValues } from "../../db/schema/index.ts";
import { errors } from "../../http/errors.ts";
import { recordAudit } from "../auth/audit.ts";
import { getChannel } from "../channels/service.ts";
import type { Actor } from "../org/policy.ts";
import { type ActionContext, unitPath } from "../org/service.ts";
import type { ConnectionForPublish, VariantTarget } from "./connectors/types.ts";

/*
 * A channel's link to its platform account: which connector, the API root, the account id and
 * the token, sealed at rest (AES-256-GCM, bound to the channel id). The token leaves this file
 * only through connectionForPublish, for the scheduler; no API answer ever contains it.
 */

type ChannelPlatform = (typeof channelPlatformValues)[number];
export type ConnectorKind = Extract<VariantTarget, "facebook_page" | "zalo_oa" | "youtube">;
type ConnectionRow = typeof channelConnections.$inferSelect;

const connectorOfPlatform: Partial<Record<ChannelPlatform, ConnectorKind>> = {
  facebook_page: "facebook_page",
  zalo_oa: "zalo_oa",
  youtube: "youtube",
};

/** The documented API roots; a connection may name another (a proxy, or a test's fake). */
export const defaultBaseUrls: Record<ConnectorKind, string> = {
  facebook_page: "https://graph.facebook.com/v21.0",
  zalo_oa: "https://openapi.zalo.me",
  youtube: "https://www.googleapis.com/youtube/v3",
};

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
  baseUrl: string;
  accountId: string | null;
  tokenSet: boolean;
  tokenExpiresAt: Date | null;
  status: "connected" | "needs_reconnect";
  updatedBy: string | null;
  updatedAt: Date;
}

function viewOf(row: ConnectionRow): ConnectionView {
  return {
    channelId: row.channelId,
    connector: row.connector,
    baseUrl: row.baseUrl ?? defaultBaseUrls[row.connector as ConnectorKind] ?? "",
    accountId: row.accountId,
    tokenSet: row.tokenSealed !== null,
    tokenExpiresAt: row.tokenExpiresAt,
    status: row.status,
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
    throw errors.badRequest(
      "connection.unsupported_platform",
      "Kênh trên nền tảng này không kết nối được để đăng bài tự động (chỉ Trang Facebook, Zalo OA và YouTube).",
      "Channels on this platform cannot be connected for automatic publishing (only Facebook Pages, Zalo OA and YouTube).",
    );
  }
  return connector;
}

function checkBaseUrl(baseUrl: string, production: boolean): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    url = new URL("invalid:");
  }
  // Over plain http the token would cross the network readable; only a development or test setup may do that.
  const allowed = url.protocol === "https:" || (!production && url.protocol === "http:");
  if (!allowed || url.search || url.hash || url.username || url.password) {
    throw errors.badRequest(
      "connection.base_url_invalid",
      "Địa chỉ API phải là một URL https không có tham số truy vấn.",
      "The API address must be an https URL without a query string.",
    );
  }
  return url.toString().replace(/\/+$/, "");
}

export interface SaveConnectionInput {
  channelId: string;
  /** A new token replaces the stored one; omitted keeps it (changing only the account id or address). */
  token?: string;
  tokenExpiresAt?: Date | null;
  accountId?: string | null;
  /** null or omitted: the platform's documented API root. */
  baseUrl?: string | null;
}

/** Connects a channel to its platform account, or replaces the connection's details. */
export async function saveConnection(
  ctx: ActionContext,
  options: { secretKey: Buffer; production: boolean },
  input: SaveConnectionInput,
): Promise<ConnectionView> {
  const channel = await getChannel(ctx.db, input.channelId);
  const connector = connectorForPlatform(channel.platform);
  const baseUrl = input.baseUrl ? checkBaseUrl(input.baseUrl, options.production) : null;
  return ctx.db.transaction(async (tx) => {
    const before = await connectionRow(tx, channel.id);
    const accountId =
      input.accountId !== undefined ? input.accountId?.trim() || null : (before?.accountId ?? null);
    if (accountIdRequired[connector] && !accountId) {
      throw errors.badRequest(
        "connection.account_id_required",
        connector === "facebook_page"
          ? "Cần mã Trang Facebook (page id) để đăng bài."
          : "Cần mã kênh YouTube (channel id, dạng UC…).",
        connector === "facebook_page"
          ? "The Facebook Page id is needed to publish."
          : "The YouTube channel id (UC…) is needed.",
      );
    }
    const tokenSealed =
      input.token !== undefined
        ? sealSecret(input.token, options.secretKey, channel.id)
        : (before?.tokenSealed ?? null);
    if (!tokenSealed) {
      throw errors.badRequest(
        "connection.token_required",
        "Cần mã truy cập (access token) của tài khoản trên nền tảng.",
        "The platform account's access token is needed.",
      );
    }
    const tokenReplaced = input.token !== undefined;
    const values = {
      connector,
      baseUrl,
      accountId,
      tokenSealed,
      tokenExpiresAt:
        input.tokenExpiresAt !== undefined
          ? input.tokenExpiresAt
          : tokenReplaced
            ? null
            : (before?.tokenExpiresAt ?? null),
      // A new token is what reconnecting means; other edits leave the state as it was.
      status: tokenReplaced ? ("connected" as const) : (before?.status ?? ("connected" as const)),
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
        baseUrl: baseUrl ?? defaultBaseUrls[connector],
        tokenReplaced,
        tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
      },
    });
    return viewOf(row);
  });
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

/**
 * Records that the platform refused the token (expired, revoked): the channel shows "reconnect"
 * until someone saves a new token. Called by the scheduler, so the actor is usually nobody.
 */
export async function markNeedsReconnect(
  db: Executor,
  channelId: string,
  reason: { code: string; message: string },
  actor: Actor | null = null,
): Promise<void> {
  const [row] = await db
    .update(channelConnections)
    .set({ status: "needs_reconnect", updatedAt: new Date() })
    .where(eq(channelConnections.channelId, channelId))
    .returning({ connector: channelConnections.connector });
  if (!row) {
    return;
  }
  const channel = await getChannel(db, channelId);
  await recordAudit(db, {
    actor,
    action: "channel.connection.needs_reconnect",
    unit: await auditUnit(db, channel.unitId),
    target: { type: "channel", id: channelId },
    ip: null,
    // The platform's own words, cut short: they say why, and never contain the token.
    details: { connector: row.connector, code: reason.code, message: reason.message.slice(0, 300) },
  });
}

export interface PublishConnection extends ConnectionForPublish {
  connector: ConnectorKind;
  status: "connected" | "needs_reconnect";
  tokenExpiresAt: Date | null;
}

/**
 * The connection with its token opened, for the scheduler only; null when the channel is not
 * connected. A token that no longer opens (the key was changed) reads as "needs reconnect".
 */
export async function connectionForPublish(
  db: Executor,
  channelId: string,
  secretKey: Buffer,
): Promise<PublishConnection | null> {
  const row = await connectionRow(db, channelId);
  if (!row) {
    return null;
  }
  const connector = row.connector as ConnectorKind;
  let token: string | null = null;
  let status = row.status;
  if (row.tokenSealed) {
    try {
      token = openSecret(row.tokenSealed, secretKey, row.channelId);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) {
        throw error;
      }
      status = "needs_reconnect";
    }
  }
  return {
    connector,
    baseUrl: row.baseUrl ?? defaultBaseUrls[connector],
    accountId: row.accountId,
    token,
    status,
    tokenExpiresAt: row.tokenExpiresAt,
  };
}
