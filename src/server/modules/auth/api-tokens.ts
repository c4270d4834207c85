import { and, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { apiTokens } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { hashToken, randomToken } from "./secrets.ts";

/* Personal API tokens: made once with their secret shown, listed, revoked. */

/** Creates a personal API token; its secret is returned once and only its hash is kept. */
export async function createApiToken(
  ctx: { db: Executor; actor: Actor | null; ip: string | null },
  input: { personId: string; name: string; expiresAt?: Date | null },
) {
  const token = randomToken("cn_");
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({
      personId: input.personId,
      name: input.name.trim() || "API",
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  if (!row) {
    throw new Error("token insert returned nothing");
  }
  await recordAudit(ctx.db, {
    actor: ctx.actor,
    actorId: input.personId,
    action: "auth.token_create",
    target: { type: "api_token", id: row.id },
    ip: ctx.ip,
    details: { name: row.name },
  });
  return { token, row };
}

/** The person's API tokens, newest first (never their secrets). */
export async function listApiTokens(db: Executor, personId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.personId, personId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the actor's own tokens. */
export async function revokeApiToken(ctx: ActionContext & { actor: Actor }, tokenId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, tokenId),
          eq(apiTokens.personId, ctx.actor.personId),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id });
    if (revoked.length === 0) {
      throw errors.notFound({ vi: "mã truy cập", en: "API token" });
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "auth.token_revoke",
      target: { type: "api_token", id: tokenId },
      ip: ctx.ip,
    });
  });
  invalidateActorCache(ctx.actor.personId);
}
