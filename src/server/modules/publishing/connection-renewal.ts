import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { PlatformApis } from "../../config.ts";
import { openSecret, SecretBoxError, sealSecret } from "../../crypto/secret-box.ts";
import type { Executor } from "../../db/client.ts";
import { channelConnections } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import { getChannel } from "../channels/index.ts";
import { unitPath } from "../org/index.ts";
import { renewZaloAccessToken } from "./connectors/zalo-oauth.ts";

/*
 * Zalo OA access tokens live about 25 hours; the refresh token that renews one is single-use. So
 * exactly one process renews a channel's token: under a transaction-scoped advisory lock on the
 * channel, after reading the row again (another process may have just renewed it, and the refresh
 * token it read before the lock is then already spent). The new pair is stored in the same
 * transaction. Only a refusal by Zalo marks the channel for reconnecting; a network failure leaves
 * the old token, which may still be valid, and the next attempt tries again.
 */

type ConnectionRow = typeof channelConnections.$inferSelect;

export interface RenewalOptions {
  secretKey: Buffer;
  apis: PlatformApis;
  timeoutMs?: number;
  now?: () => Date;
}

/** Renew when less than this is left (publishing asks just before calling Zalo). */
export const RENEW_BEFORE_MS = 60 * 60 * 1000;
/** The periodic sweep renews tokens that expire within this; it runs every 30 minutes. */
export const SWEEP_AHEAD_MS = 3 * 60 * 60 * 1000;
export const ZALO_RENEW_JOB = "publishing.zalo-token-renew";

/** Sealing contexts: each secret is bound to its channel and to its role. */
export const sealContext = {
  token: (channelId: string) => channelId,
  refresh: (channelId: string) => `${channelId}:refresh_token`,
  appSecret: (channelId: string) => `${channelId}:app_secret`,
};

/**
 * Records that the platform refused the token (expired, revoked) or its renewal: the channel shows
 * "reconnect" until someone saves a new token. Called by the scheduler, so the actor is usually nobody.
 */
export async function markNeedsReconnect(
  db: Executor,
  channelId: string,
  reason: { code: string; message: string },
  actor: Actor | null = null,
): Promise<void> {
  const [row] = await db
    .update(channelConnections)
    .set({ status: "needs_reconnect", statusReason: reason.code, updatedAt: new Date() })
    .where(eq(channelConnections.channelId, channelId))
    .returning({ connector: channelConnections.connector });
  if (!row) {
    return;
  }
  const channel = await getChannel(db, channelId);
  await recordAudit(db, {
    actor,
    action: "channel.connection.needs_reconnect",
    unit: { id: channel.unitId, path: (await unitPath(db, channel.unitId)) ?? "" },
    target: { type: "channel", id: channelId },
    ip: null,
    // Our words and the platform's code (connectors never pass a response body); never the token.
    details: { connector: row.connector, code: reason.code, message: reason.message.slice(0, 300) },
  });
}

function renewable(row: ConnectionRow): boolean {
  return (
    row.connector === "zalo_oa" &&
    row.status === "connected" &&
    row.refreshTokenSealed !== null &&
    row.appSecretSealed !== null &&
    row.appId !== null
  );
}

function due(row: ConnectionRow, now: Date, aheadMs: number): boolean {
  return row.tokenExpiresAt === null || row.tokenExpiresAt.getTime() - now.getTime() < aheadMs;
}

export type RenewalResult = "not_needed" | "renewed" | "failed" | "unreachable";

/**
 * Renews a Zalo channel's access token when it expires within `aheadMs` (or `force`). Safe to call
 * from any number of processes at once: only the first to take the lock spends the refresh token.
 */
export async function renewZaloToken(
  db: Executor,
  channelId: string,
  options: RenewalOptions,
  renewal: { aheadMs?: number; force?: boolean } = {},
): Promise<RenewalResult> {
  const now = options.now ?? (() => new Date());
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`caunoi.zalo-renew:${channelId}`}))`);
    // Read again under the lock: what was read before it may be a refresh token already spent.
    const [row] = await tx
      .select()
      .from(channelConnections)
      .where(eq(channelConnections.channelId, channelId));
    if (!row || !renewable(row) || (!renewal.force && !due(row, now(), renewal.aheadMs ?? RENEW_BEFORE_MS))) {
      return "not_needed";
    }
    let credentials: { appId: string; appSecret: string; refreshToken: string };
    try {
      credentials = {
        appId: row.appId ?? "",
        appSecret: openSecret(row.appSecretSealed ?? "", options.secretKey, sealContext.appSecret(channelId)),
        refreshToken: openSecret(
          row.refreshTokenSealed ?? "",
          options.secretKey,
          sealContext.refresh(channelId),
        ),
      };
    } catch (error) {
      if (!(error instanceof SecretBoxError)) {
        throw error;
      }
      await markNeedsReconnect(tx, channelId, {
        code: "token_unreadable",
        message: "The stored refresh token no longer opens with this server's key.",
      });
      return "failed";
    }
    const answer = await renewZaloAccessToken(options.apis.zaloOauth, credentials, {
      timeoutMs: options.timeoutMs,
      now: now(),
    });
    if (answer.kind === "renewed") {
      await tx
        .update(channelConnections)
        .set({
          tokenSealed: sealSecret(answer.accessToken, options.secretKey, sealContext.token(channelId)),
          refreshTokenSealed: sealSecret(
            answer.refreshToken,
            options.secretKey,
            sealContext.refresh(channelId),
          ),
          tokenExpiresAt: answer.expiresAt,
          statusReason: null,
          updatedAt: now(),
        })
        .where(eq(channelConnections.channelId, channelId));
      return "renewed";
    }
    if (answer.kind === "retry") {
      return "unreachable";
    }
    await markNeedsReconnect(tx, channelId, { code: "renewal_refused", message: answer.message });
    return "failed";
  });
}

/** The periodic job: renews every connected Zalo OA token that expires within a few hours. */
export async function renewDueZaloTokens(
  db: Executor,
  options: RenewalOptions,
): Promise<Record<RenewalResult, number>> {
  const now = (options.now ?? (() => new Date()))();
  const rows = await db
    .select({ channelId: channelConnections.channelId })
    .from(channelConnections)
    .where(
      and(
        eq(channelConnections.connector, "zalo_oa"),
        eq(channelConnections.status, "connected"),
        isNotNull(channelConnections.refreshTokenSealed),
        or(
          isNull(channelConnections.tokenExpiresAt),
          lt(channelConnections.tokenExpiresAt, new Date(now.getTime() + SWEEP_AHEAD_MS)),
        ),
      ),
    );
  const counts: Record<RenewalResult, number> = { not_needed: 0, renewed: 0, failed: 0, unreachable: 0 };
  for (const { channelId } of rows) {
    const result = await renewZaloToken(db, channelId, options, { aheadMs: SWEEP_AHEAD_MS });
    counts[result] += 1;
  }
  return counts;
}
