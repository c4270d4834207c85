import { and, eq, isNotNull, isNull, lt, notLike, or } from "drizzle-orm";
import { generateSecret, generateURI, verifySync } from "otplib";
import { openSecret, sealSecret } from "../../crypto/secret-box.ts";
import type { Executor } from "../../db/client.ts";
import { credentials } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { authErrors } from "./errors.ts";
import { rolesRequiringTotp } from "./service.ts";

/*
 * TOTP secrets are sealed at rest with the server's key (the same sealing as platform tokens, bound to
 * the person), and each accepted code's time step is remembered so that a code works only once.
 */

const SEALED_PREFIX = "v1:";
const sealContext = (personId: string) => `totp:${personId}`;

export function sealTotpSecret(secret: string, key: Buffer, personId: string): string {
  return sealSecret(secret, key, sealContext(personId));
}

/** The base32 secret; a value stored before sealing existed (plain base32, never containing “:”) is read as is. */
export function openTotpSecret(stored: string, key: Buffer, personId: string): string {
  return stored.startsWith(SEALED_PREFIX) ? openSecret(stored, key, sealContext(personId)) : stored;
}

/** Seals the TOTP secrets still stored in plain text; run at start-up, harmless to repeat. */
export async function sealPlainTotpSecrets(db: Executor, key: Buffer): Promise<number> {
  const plain = await db
    .select({ personId: credentials.personId, totpSecret: credentials.totpSecret })
    .from(credentials)
    .where(and(isNotNull(credentials.totpSecret), notLike(credentials.totpSecret, `${SEALED_PREFIX}%`)));
  for (const row of plain) {
    if (row.totpSecret) {
      await db
        .update(credentials)
        .set({ totpSecret: sealTotpSecret(row.totpSecret, key, row.personId) })
        .where(and(eq(credentials.personId, row.personId), eq(credentials.totpSecret, row.totpSecret)));
    }
  }
  return plain.length;
}

export type TotpCheck = "ok" | "invalid" | "reused";

/**
 * Checks a code against a person's stored secret and, when right, records its time step in the same
 * statement that refuses a step not later than the last accepted one: a code (or an older one) is
 * accepted once, even by two requests at the same moment.
 */
export async function acceptTotpCode(
  db: Executor,
  credential: { personId: string; totpSecret: string | null },
  code: string,
  key: Buffer,
): Promise<TotpCheck> {
  const token = code.replace(/\s/g, "");
  if (!credential.totpSecret || !/^\d{6}$/.test(token)) {
    return "invalid";
  }
  const secret = openTotpSecret(credential.totpSecret, key, credential.personId);
  // One step of tolerance either side: phones' clocks drift.
  const result = verifySync({ secret, token, epochTolerance: 30 });
  if (!result.valid || !("timeStep" in result)) {
    return "invalid";
  }
  const accepted = await db
    .update(credentials)
    .set({
      totpLastStep: result.timeStep,
      // A secret still in plain text is sealed on its first use.
      totpSecret: sealTotpSecret(secret, key, credential.personId),
    })
    .where(
      and(
        eq(credentials.personId, credential.personId),
        or(isNull(credentials.totpLastStep), lt(credentials.totpLastStep, result.timeStep)),
      ),
    )
    .returning({ personId: credentials.personId });
  return accepted.length > 0 ? "ok" : "reused";
}

/** The error for a code that was refused. */
export function totpRefused(check: Exclude<TotpCheck, "ok">) {
  return check === "reused" ? authErrors.totpReused() : authErrors.totpInvalid();
}

type SignedIn = ActionContext & { actor: Actor };

async function credentialOf(ctx: SignedIn) {
  const [credential] = await ctx.db
    .select()
    .from(credentials)
    .where(eq(credentials.personId, ctx.actor.personId));
  return credential;
}

/**
 * Starts TOTP enrolment: stores a new secret (sealed, not yet active) and returns it with its otpauth
 * URI. Refused while TOTP is on, so that starting over can never turn it off without a code.
 */
export async function beginTotpEnrolment(
  ctx: SignedIn,
  key: Buffer,
): Promise<{ secret: string; uri: string }> {
  const secret = generateSecret();
  const updated = await ctx.db
    .update(credentials)
    .set({ totpSecret: sealTotpSecret(secret, key, ctx.actor.personId), totpLastStep: null })
    .where(and(eq(credentials.personId, ctx.actor.personId), isNull(credentials.totpEnabledAt)))
    .returning({ personId: credentials.personId });
  if (updated.length === 0) {
    if (!(await credentialOf(ctx))) {
      throw authErrors.noPassword();
    }
    throw authErrors.totpAlreadyEnabled();
  }
  const uri = generateURI({ issuer: "Cầu Nối", label: ctx.actor.email ?? ctx.actor.fullName, secret });
  return { secret, uri };
}

/** Turns TOTP on once the person proves their app shows the right code. */
export async function confirmTotpEnrolment(ctx: SignedIn, code: string, key: Buffer): Promise<void> {
  const credential = await credentialOf(ctx);
  if (!credential || credential.totpEnabledAt) {
    throw totpRefused("invalid");
  }
  const check = await acceptTotpCode(ctx.db, credential, code, key);
  if (check !== "ok") {
    throw totpRefused(check);
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(credentials)
      .set({ totpEnabledAt: new Date() })
      .where(eq(credentials.personId, ctx.actor.personId));
    await recordAudit(tx, { actor: ctx.actor, action: "auth.totp_enabled", ip: ctx.ip });
  }); // Whether TOTP is still missing is part of the cached actor.
  invalidateActorCache(ctx.actor.personId);
}

/** Turns TOTP off with a current code, unless one of the person's roles requires it. */
export async function disableTotp(ctx: SignedIn, code: string, key: Buffer): Promise<void> {
  const required = await rolesRequiringTotp(ctx.db, ctx.actor.personId);
  if (required.length > 0) {
    throw authErrors.totpRequiredByRole({ roles: required });
  }
  const credential = await credentialOf(ctx);
  if (!credential?.totpEnabledAt) {
    throw totpRefused("invalid");
  }
  const check = await acceptTotpCode(ctx.db, credential, code, key);
  if (check !== "ok") {
    throw totpRefused(check);
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(credentials)
      .set({ totpEnabledAt: null, totpSecret: null })
      .where(eq(credentials.personId, ctx.actor.personId));
    await recordAudit(tx, { actor: ctx.actor, action: "auth.totp_disabled", ip: ctx.ip });
  });
  invalidateActorCache(ctx.actor.personId);
}
