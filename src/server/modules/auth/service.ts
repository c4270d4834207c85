import { verify } from "@node-rs/argon2";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { apiTokens, credentials, rolePolicies, sessions } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import type { Actor, Role } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { loadActor, personAccountByEmail, rolesHeldBy } from "../org/index.ts";
import { authErrors } from "./errors.ts";
import { hashPassword } from "./passwords.ts";
import { hashToken, randomToken } from "./secrets.ts";
import { acceptTotpCode, totpRefused } from "./totp.ts";

export const SESSION_COOKIE = "caunoi_session";
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
/** A pending sign-in waiting for its TOTP code lives this long. */
const TOTP_STAGE_TTL_MS = 10 * 60 * 1000;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
export interface SessionResolution {
  actor: Actor;
  csrfToken: string | null;
  sessionHash: string | null;
  /** When the session or token ends, if it does. */
  expiresAt: Date | null;
}

/** Resolves a session cookie or a Bearer API token to the acting person, or null. */
export async function resolveCredentials(
  db: Db,
  input: { sessionToken?: string; bearerToken?: string },
): Promise<SessionResolution | null> {
  const now = new Date();
  if (input.bearerToken) {
    const tokenHash = hashToken(input.bearerToken);
    const [token] = await db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
    if (!token || (token.expiresAt && token.expiresAt <= now)) {
      return null;
    }
    // Writing on every request would make each API call a write; a minute's precision is enough.
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id));
    }
    const actor = await loadActorWithTotpState(db, token.personId, "token");
    return actor ? { actor, csrfToken: null, sessionHash: null, expiresAt: token.expiresAt } : null;
  }
  if (input.sessionToken) {
    const tokenHash = hashToken(input.sessionToken);
    const [session] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
    if (session?.stage !== "active" || session.expiresAt <= now) {
      return null;
    }
    let expiresAt = session.expiresAt;
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
    }
    const actor = await loadActorWithTotpState(db, session.personId, "session");
    return actor ? { actor, csrfToken: session.csrfToken, sessionHash: tokenHash, expiresAt } : null;
  }
  return null;
}

/** The actor, marked when a role of theirs requires TOTP that they have not turned on. */
async function loadActorWithTotpState(db: Db, personId: string, via: Actor["via"]): Promise<Actor | null> {
  const actor = await loadActor(db, personId, via);
  if (!actor) {
    return null;
  }
  const required = await db
    .select({ role: rolePolicies.role })
    .from(rolePolicies)
    .where(eq(rolePolicies.requireTotp, true));
  if (required.length > 0 && actor.grants.some((grant) => required.some((r) => r.role === grant.role))) {
    const [credential] = await db
      .select({ totpEnabledAt: credentials.totpEnabledAt })
      .from(credentials)
      .where(eq(credentials.personId, personId));
    actor.totpSetupRequired = !credential?.totpEnabledAt;
  }
  return actor;
}

export interface SignInResult {
  sessionToken: string;
  stage: "totp_required" | "active";
  personId: string;
}

/** The roles of the person for which two-factor sign-in is mandatory. */
export async function rolesRequiringTotp(db: Executor, personId: string): Promise<Role[]> {
  const held = await rolesHeldBy(db, personId);
  if (held.length === 0) {
    return [];
  }
  const required = await db
    .select({ role: rolePolicies.role })
    .from(rolePolicies)
    .where(and(inArray(rolePolicies.role, held), eq(rolePolicies.requireTotp, true)));
  return held.filter((role) => required.some((r) => r.role === role));
}

/**
 * Checks e-mail and password, counting failures towards a lockout, and opens a session; when the
 * person has TOTP on, the session stays at the "totp_required" stage until `completeTotp`.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string | null },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const person = await personAccountByEmail(db, email);
  const [credential] = person
    ? await db.select().from(credentials).where(eq(credentials.personId, person.id))
    : [];
  const now = new Date();
  if (!person || !credential || person.status !== "active") {
    // Same work as a real check, so timing does not tell which e-mails exist.
    await hashPassword(input.password);
    await recordAudit(db, {
      actor: null,
      actorLabel: email,
      action: "auth.sign_in_failed",
      ip: input.ip,
      details: { reason: "unknown_account" },
    });
    throw authErrors.invalidCredentials();
  }
  if (credential.lockedUntil && credential.lockedUntil > now) {
    await recordAudit(db, {
      actor: null,
      actorId: person.id,
      actorLabel: email,
      action: "auth.sign_in_failed",
      ip: input.ip,
      details: { reason: "locked" },
    });
    const minutes = Math.ceil((credential.lockedUntil.getTime() - now.getTime()) / 60000);
    throw authErrors.locked({ minutes });
  }
  const ok = await verify(credential.passwordHash, input.password).catch(() => false);
  if (!ok) {
    const attempts = credential.failedAttempts + 1;
    const lock = attempts >= MAX_FAILED_ATTEMPTS;
    await db
      .update(credentials)
      .set({
        failedAttempts: lock ? 0 : attempts,
        lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MS) : null,
      })
      .where(eq(credentials.personId, person.id));
    await recordAudit(db, {
      actor: null,
      actorId: person.id,
      actorLabel: email,
      action: "auth.sign_in_failed",
      ip: input.ip,
      details: { reason: "bad_password", attempts, locked: lock },
    });
    throw authErrors.invalidCredentials();
  }
  await db
    .update(credentials)
    .set({ failedAttempts: 0, lockedUntil: null })
    .where(eq(credentials.personId, person.id));
  const stage = credential.totpEnabledAt ? "totp_required" : "active";
  const sessionToken = randomToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(sessionToken),
    personId: person.id,
    csrfToken: randomToken(),
    stage,
    expiresAt: new Date(now.getTime() + (stage === "active" ? SESSION_TTL_MS : TOTP_STAGE_TTL_MS)),
    ip: input.ip,
  });
  await recordAudit(db, {
    actor: null,
    actorId: person.id,
    actorLabel: email,
    action: stage === "active" ? "auth.sign_in" : "auth.sign_in_password_ok",
    ip: input.ip,
  });
  return { sessionToken, stage, personId: person.id };
}

/** Completes a sign-in waiting for its TOTP code; wrong codes count towards the lockout too. */
export async function completeTotp(
  db: Db,
  input: { sessionToken: string; code: string; ip: string | null; secretKey: Buffer },
): Promise<void> {
  const tokenHash = hashToken(input.sessionToken);
  const [session] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  if (session?.stage !== "totp_required" || session.expiresAt <= new Date()) {
    throw errors.unauthenticated();
  }
  const [credential] = await db.select().from(credentials).where(eq(credentials.personId, session.personId));
  if (!credential?.totpSecret) {
    throw errors.unauthenticated();
  }
  const check = await acceptTotpCode(db, credential, input.code, input.secretKey);
  if (check !== "ok") {
    const attempts = credential.failedAttempts + 1;
    const lock = attempts >= MAX_FAILED_ATTEMPTS;
    await db
      .update(credentials)
      .set({
        failedAttempts: lock ? 0 : attempts,
        lockedUntil: lock ? new Date(Date.now() + LOCKOUT_MS) : null,
      })
      .where(eq(credentials.personId, session.personId));
    if (lock) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    }
    await recordAudit(db, {
      actor: null,
      actorId: session.personId,
      action: "auth.totp_failed",
      ip: input.ip,
      details: { attempts, locked: lock, reused: check === "reused" },
    });
    throw totpRefused(check);
  }
  await db.update(credentials).set({ failedAttempts: 0 }).where(eq(credentials.personId, session.personId));
  await db
    .update(sessions)
    .set({ stage: "active", expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
    .where(eq(sessions.tokenHash, tokenHash));
  await recordAudit(db, {
    actor: null,
    actorId: session.personId,
    action: "auth.sign_in",
    ip: input.ip,
    details: { totp: true },
  });
}

/** Ends a session. */
export async function signOut(
  db: Db,
  sessionToken: string,
  actor: Actor | null,
  ip: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(sessionToken)));
    if (actor) {
      await recordAudit(tx, { actor, action: "auth.sign_out", ip });
    }
  });
  if (actor) {
    invalidateActorCache(actor.personId);
  }
}

/** What the signed-in person's own security settings look like. */
export async function securityStatus(db: Executor, actor: Actor) {
  const [credential] = await db.select().from(credentials).where(eq(credentials.personId, actor.personId));
  const requiredBy = await rolesRequiringTotp(db, actor.personId);
  return {
    totpEnabled: Boolean(credential?.totpEnabledAt),
    totpRequiredBy: requiredBy,
    passwordChangedAt: credential?.passwordChangedAt ?? null,
  };
}

/** Sets, per role, whether two-factor sign-in is mandatory. */
export async function setRolePolicy(ctx: ActionContext & { actor: Actor }, role: Role, requireTotp: boolean) {
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(rolePolicies)
      .values({ role, requireTotp })
      .onConflictDoUpdate({ target: rolePolicies.role, set: { requireTotp, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "settings.role_policy",
      ip: ctx.ip,
      details: { role, requireTotp },
    });
  });
  // Whether TOTP is missing is part of every cached actor.
  invalidateActorCache();
}

/** Every role's sign-in requirements. */
export async function listRolePolicies(db: Executor) {
  return db.select({ role: rolePolicies.role, requireTotp: rolePolicies.requireTotp }).from(rolePolicies);
}

export { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.ts";
export {
  changePassword,
  completePasswordReset,
  createPasswordReset,
  endOtherAccess,
  endSessionsOf,
  hashPassword,
  hasPassword,
  MIN_PASSWORD_LENGTH,
  resetPasswordByOperator,
  setPassword,
} from "./passwords.ts";
