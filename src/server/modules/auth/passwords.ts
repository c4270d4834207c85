import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { apiTokens, credentials, invitations, passwordResets, sessions } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { personAccountByEmail } from "../org/index.ts";
import { authErrors } from "./errors.ts";
import { hashToken, randomToken } from "./secrets.ts";

/* Passwords: setting one, changing one's own, and resetting a forgotten one through a mailed link. */

const RESET_TTL_MS = 60 * 60 * 1000;
export const MIN_PASSWORD_LENGTH = 10;

/** Hashes a password with argon2id (the library default algorithm). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

function assertPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw authErrors.passwordTooShort({ minLength: MIN_PASSWORD_LENGTH });
  }
}

/** Sets (or replaces) a person's password; used by the CLI, the seed and resets. */
export async function setPassword(db: Executor, personId: string, password: string): Promise<void> {
  assertPasswordStrength(password);
  const passwordHash = await hashPassword(password);
  await db
    .insert(credentials)
    .values({ personId, passwordHash })
    .onConflictDoUpdate({
      target: credentials.personId,
      set: { passwordHash, passwordChangedAt: new Date(), failedAttempts: 0, lockedUntil: null },
    });
}

/** Changes one's own password after checking the current one; other sessions are ended. */
export async function changePassword(
  ctx: ActionContext & { actor: Actor },
  input: {
    currentPassword: string;
    newPassword: string;
    keepSessionHash: string | null;
    /** Also revoke every API token of the person (the person ticks it; default: no). */
    revokeApiTokens?: boolean;
  },
): Promise<{ revokedApiTokens: number }> {
  const [credential] = await ctx.db
    .select()
    .from(credentials)
    .where(eq(credentials.personId, ctx.actor.personId));
  if (!credential || !(await verify(credential.passwordHash, input.currentPassword).catch(() => false))) {
    throw authErrors.currentPasswordWrong();
  }
  assertPasswordStrength(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  const revokedApiTokens = await ctx.db.transaction(async (tx) => {
    await tx
      .update(credentials)
      .set({ passwordHash, passwordChangedAt: new Date() })
      .where(eq(credentials.personId, ctx.actor.personId));
    const revoked = await endOtherAccess(tx, ctx.actor.personId, {
      keepSessionHash: input.keepSessionHash,
      revokeApiTokens: input.revokeApiTokens ?? false,
    });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "auth.password_change",
      ip: ctx.ip,
      details: { revokedApiTokens: revoked },
    });
    return revoked;
  });
  invalidateActorCache(ctx.actor.personId);
  return { revokedApiTokens };
}

/**
 * After a new password (or e-mail): every pending reset link and invitation of the person stops
 * working, every session but `keepSessionHash` ends, and, when asked, every API token is revoked
 * (returns how many).
 */
export async function endOtherAccess(
  tx: Executor,
  personId: string,
  options: { keepSessionHash: string | null; revokeApiTokens: boolean },
): Promise<number> {
  await tx
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.personId, personId), isNull(passwordResets.usedAt)));
  // An invitation mailed to an old address must not set the password of the account now.
  await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(invitations.personId, personId), isNull(invitations.usedAt), isNull(invitations.revokedAt)),
    );
  await tx
    .delete(sessions)
    .where(
      options.keepSessionHash
        ? and(eq(sessions.personId, personId), sql`${sessions.tokenHash} <> ${options.keepSessionHash}`)
        : eq(sessions.personId, personId),
    );
  if (!options.revokeApiTokens) {
    return 0;
  }
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.personId, personId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length;
}

/**
 * Starts a password reset: returns the one-time token to e-mail, or null when no such active
 * account exists (the caller answers the same either way, so accounts cannot be enumerated).
 */
export async function createPasswordReset(
  db: Db,
  input: { email: string; ip: string | null },
): Promise<{
  token: string;
  person: { id: string; fullName: string; email: string; locale: "vi" | "en" };
} | null> {
  const email = input.email.trim().toLowerCase();
  const person = await personAccountByEmail(db, email);
  if (person?.status !== "active" || !person.email) {
    return null;
  }
  const token = randomToken();
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      tokenHash: hashToken(token),
      personId: person.id,
      expiresAt: new Date(Date.now() + RESET_TTL_MS),
    });
    await recordAudit(tx, {
      actor: null,
      actorId: person.id,
      actorLabel: email,
      action: "auth.password_reset_requested",
      ip: input.ip,
    });
  });
  return {
    token,
    person: { id: person.id, fullName: person.fullName, email: person.email, locale: person.locale },
  };
}

/**
 * Sets a new password from a reset token; the token works once, every other reset link of the person
 * stops working, every session ends, and API tokens are revoked unless the person unticks it.
 */
export async function completePasswordReset(
  db: Db,
  input: {
    token: string;
    newPassword: string;
    ip: string | null;
    /** Also revoke every API token of the person (asked on the reset form; default: yes). */
    revokeApiTokens?: boolean;
  },
): Promise<{ revokedApiTokens: number }> {
  assertPasswordStrength(input.newPassword);
  const tokenHash = hashToken(input.token);
  const [reset] = await db
    .select()
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, new Date()),
      ),
    );
  if (!reset) {
    throw authErrors.resetLinkInvalid();
  }
  const passwordHash = await hashPassword(input.newPassword);
  const revokedApiTokens = await db.transaction(async (tx) => {
    // Claimed with a condition, so two requests racing with one link cannot both set a password.
    const claimed = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt)))
      .returning({ personId: passwordResets.personId });
    if (claimed.length === 0) {
      throw authErrors.resetLinkInvalid();
    }
    await tx
      .insert(credentials)
      .values({ personId: reset.personId, passwordHash })
      .onConflictDoUpdate({
        target: credentials.personId,
        set: { passwordHash, passwordChangedAt: new Date(), failedAttempts: 0, lockedUntil: null },
      });
    const revoked = await endOtherAccess(tx, reset.personId, {
      keepSessionHash: null,
      revokeApiTokens: input.revokeApiTokens ?? true,
    });
    await recordAudit(tx, {
      actor: null,
      actorId: reset.personId,
      action: "auth.password_reset",
      ip: input.ip,
      details: { revokedApiTokens: revoked },
    });
    return revoked;
  });
  invalidateActorCache(reset.personId);
  return { revokedApiTokens };
}

/** Whether the person has a password at all (someone acting only through API tokens has none). */
export async function hasPassword(db: Executor, personId: string): Promise<boolean> {
  const [credential] = await db
    .select({ personId: credentials.personId })
    .from(credentials)
    .where(eq(credentials.personId, personId));
  return Boolean(credential);
}

/** Ends every session of the person (API tokens are kept); answers how many there were. */
export async function endSessionsOf(db: Executor, personId: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(eq(sessions.personId, personId))
    .returning({ personId: sessions.personId });
  invalidateActorCache(personId);
  return ended.length;
}

/**
 * The operator's reset from the command line (`caunoi password reset`): a new password, the lockout
 * lifted, every session ended and every pending reset link spent, audited with who ran it. API
 * tokens are kept. Answers how many sessions ended.
 */
export async function resetPasswordByOperator(
  db: Db,
  input: { personId: string; password: string; operatorLabel: string },
): Promise<number> {
  const endedSessions = await db.transaction(async (tx) => {
    // setPassword's upsert also zeroes the failure count and lifts the lockout.
    await setPassword(tx, input.personId, input.password);
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.personId, input.personId))
      .returning({ personId: sessions.personId });
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.personId, input.personId), isNull(passwordResets.usedAt)));
    await recordAudit(tx, {
      actor: null,
      actorId: input.personId,
      actorLabel: input.operatorLabel,
      action: "auth.password_reset",
      target: { type: "person", id: input.personId },
      ip: null,
      details: { via: "cli", sessionsEnded: ended.length },
    });
    return ended.length;
  });
  invalidateActorCache(input.personId);
  return endedSessions;
}
