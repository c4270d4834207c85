import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { emailChanges, people, roleGrants, units } from "../../db/schema/index.ts";
import type { Actor, Permission } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import { errors } from "../../platform/errors.ts";
import { orgErrors } from "./errors.ts";
import { personLabel } from "./people-queries.ts";
import { canActOnWholePerson } from "./policy.ts";

/*
 * Sensitive changes to a person (e-mail, roles, deactivation) and the e-mail change that an
 * administrator asks for but only the new address can confirm.
 */

/** How long the link mailed to the new address stays valid. */
export const EMAIL_CHANGE_TTL_MS = 7 * 24 * 3600 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Refuses an e-mail already used by another person. */
export async function assertEmailFree(db: Executor, email: string | null, exceptId?: string): Promise<void> {
  if (!email) {
    return;
  }
  const [existing] = await db.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (existing && existing.id !== exceptId) {
    throw orgErrors.emailTaken({ email });
  }
}

/** The paths of the person's own unit and of every unit where they hold a role. */
async function unitPathsOfPerson(db: Executor, personId: string): Promise<string[]> {
  const home = await db
    .select({ path: units.path })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(people.id, personId));
  const granted = await db
    .select({ path: units.path })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.personId, personId));
  return [...new Set([...home, ...granted].map((row) => row.path))];
}

/**
 * Refuses a sensitive change unless the actor holds `permission` over the person's unit and every
 * unit where the person holds a role. The system itself (no actor: CLI, seed) may always.
 */
export async function assertMayChangeWholePerson(
  db: Executor,
  actor: Actor | null,
  personId: string,
  permission: Permission,
): Promise<void> {
  if (!actor) {
    return;
  }
  if (!canActOnWholePerson(actor, permission, await unitPathsOfPerson(db, personId))) {
    throw orgErrors.personBeyondScope({ permission });
  }
}

export interface PendingEmailChange {
  token: string;
  newEmail: string;
  expiresAt: Date;
}

/**
 * Records an e-mail change waiting for confirmation from the new address (replacing any earlier one
 * for the person) and returns the one-time token to mail there; only its hash is stored.
 */
export async function requestEmailChange(
  db: Executor,
  input: { personId: string; newEmail: string; actor: Actor | null },
): Promise<PendingEmailChange> {
  await assertEmailFree(db, input.newEmail, input.personId);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + EMAIL_CHANGE_TTL_MS);
  await db
    .delete(emailChanges)
    .where(and(eq(emailChanges.personId, input.personId), isNull(emailChanges.confirmedAt)));
  await db.insert(emailChanges).values({
    personId: input.personId,
    newEmail: input.newEmail,
    tokenHash: hashToken(token),
    requestedBy: input.actor?.personId ?? null,
    expiresAt,
  });
  return { token, newEmail: input.newEmail, expiresAt };
}

/** The e-mail change waiting for the person's confirmation, if any. */
export async function pendingEmailOf(
  db: Executor,
  personId: string,
): Promise<{ email: string; expiresAt: Date } | null> {
  const [row] = await db
    .select({ email: emailChanges.newEmail, expiresAt: emailChanges.expiresAt })
    .from(emailChanges)
    .where(
      and(
        eq(emailChanges.personId, personId),
        isNull(emailChanges.confirmedAt),
        gt(emailChanges.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}

/**
 * Applies a pending e-mail change from its mailed token (once, before it expires) and returns whose
 * e-mail changed; the caller (auth) ends the person's other sessions in the same transaction.
 */
export async function applyEmailChange(
  db: Executor,
  token: string,
  ip: string | null,
): Promise<{ personId: string; oldEmail: string | null; newEmail: string }> {
  const [change] = await db
    .update(emailChanges)
    .set({ confirmedAt: new Date() })
    .where(
      and(
        eq(emailChanges.tokenHash, hashToken(token)),
        isNull(emailChanges.confirmedAt),
        gt(emailChanges.expiresAt, new Date()),
      ),
    )
    .returning();
  if (!change) {
    throw orgErrors.emailChangeLinkInvalid();
  }
  const [person] = await db
    .select({ email: people.email, unitId: people.unitId, fullName: people.fullName, phone: people.phone })
    .from(people)
    .where(eq(people.id, change.personId));
  if (!person) {
    throw errors.notFound(personLabel);
  }
  await assertEmailFree(db, change.newEmail, change.personId);
  await db
    .update(people)
    .set({
      email: change.newEmail,
      searchKey: foldForSearch(`${person.fullName} ${change.newEmail} ${person.phone ?? ""}`),
      updatedAt: new Date(),
    })
    .where(eq(people.id, change.personId));
  const [unit] = await db
    .select({ id: units.id, path: units.path })
    .from(units)
    .where(eq(units.id, person.unitId));
  await recordAudit(db, {
    actor: null,
    actorId: change.personId,
    action: "person.email_change_confirmed",
    unit: unit ?? null,
    target: { type: "person", id: change.personId },
    ip,
    details: { requestedBy: change.requestedBy },
  });
  return { personId: change.personId, oldEmail: person.email, newEmail: change.newEmail };
}
