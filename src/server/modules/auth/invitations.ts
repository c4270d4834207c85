import { and, desc, eq, gt, inArray, isNull, max, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { auditEvents, credentials, invitations } from "../../db/schema/index.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { type Actor, can } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { AppError, errors } from "../../platform/errors.ts";
import {
  canActOnWholePerson,
  type PersonSummary,
  personNames,
  personSummaries,
  unitPathsOfPeople,
} from "../org/index.ts";
import { authErrors } from "./errors.ts";
import { queueInvitationMail } from "./invitation-mail.ts";
import { hashToken, randomToken } from "./secrets.ts";

/*
 * Invitations: an administrator mails a person a one-time link to set their first password. Sending
 * again revokes the pending link; the administrator may also revoke it. What the people list shows of
 * each account (signed in, invited, never signed in) is read here too.
 */

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const personLabel = { vi: "nhân sự", en: "Person" };

type SignedInContext = ActionContext & { actor: Actor };

export interface AccountState {
  personId: string;
  state: "active" | "invited" | "invitation_expired" | "never_signed_in";
  lastSignInAt: Date | null;
  invitation: { sentAt: Date; expiresAt: Date; invitedBy: string | null } | null;
  canInvite: boolean;
  canRevoke: boolean;
}

/** When each person last signed in, from the audit log (the sign-ins it records). */
async function lastSignIns(db: Executor, ids: readonly string[]): Promise<Map<string, Date>> {
  const rows = await db
    .select({ personId: auditEvents.actorId, at: max(auditEvents.at) })
    .from(auditEvents)
    .where(and(inArray(auditEvents.actorId, [...ids]), eq(auditEvents.action, "auth.sign_in")))
    .groupBy(auditEvents.actorId);
  return new Map(rows.flatMap((row) => (row.personId && row.at ? [[row.personId, row.at] as const] : [])));
}

/** The latest invitation of each person. */
async function latestInvitations(db: Executor, ids: readonly string[]) {
  const rows = await db
    .selectDistinctOn([invitations.personId])
    .from(invitations)
    .where(inArray(invitations.personId, [...ids]))
    .orderBy(invitations.personId, desc(invitations.createdAt));
  return new Map(rows.map((row) => [row.personId, row]));
}

/**
 * The account state of each person the actor may read (others are left out), with whether the actor
 * may invite them or revoke their invitation: only someone who manages the whole person may.
 */
export async function accountStates(
  db: Executor,
  actor: Actor,
  personIds: readonly string[],
): Promise<AccountState[]> {
  const people = [...(await personSummaries(db, personIds)).values()].filter((person) =>
    can(actor, "people.read", person.unitPath),
  );
  const ids = people.map((person) => person.id);
  if (ids.length === 0) {
    return [];
  }
  const [signIns, latest, paths] = await Promise.all([
    lastSignIns(db, ids),
    latestInvitations(db, ids),
    unitPathsOfPeople(db, ids),
  ]);
  const inviterNames = await personNames(
    db,
    [...latest.values()].flatMap((row) => (row.invitedBy ? [row.invitedBy] : [])),
  );
  const now = new Date();
  return people.map((person) => {
    const invitation = latest.get(person.id);
    const lastSignInAt = signIns.get(person.id) ?? null;
    const pending = Boolean(invitation && !invitation.usedAt && !invitation.revokedAt);
    let state: AccountState["state"] = "never_signed_in";
    if (lastSignInAt) {
      state = "active";
    } else if (pending && invitation && invitation.expiresAt > now) {
      state = "invited";
    } else if (pending) {
      state = "invitation_expired";
    }
    const manages = canActOnWholePerson(actor, "people.manage", paths.get(person.id) ?? [person.unitPath]);
    const invitable = manages && person.status === "active" && Boolean(person.email) && state !== "active";
    return {
      personId: person.id,
      state,
      lastSignInAt,
      invitation: invitation
        ? {
            sentAt: invitation.createdAt,
            expiresAt: invitation.expiresAt,
            invitedBy: invitation.invitedBy ? (inviterNames.get(invitation.invitedBy) ?? null) : null,
          }
        : null,
      canInvite: invitable,
      canRevoke: invitable && state === "invited",
    };
  });
}

/** The person to invite, refused unless the actor manages the whole person and the person can be invited. */
async function invitee(db: Executor, actor: Actor | null, personId: string): Promise<PersonSummary> {
  const person = (await personSummaries(db, [personId])).get(personId);
  if (!person) {
    throw errors.notFound(personLabel);
  }
  if (actor) {
    const paths = (await unitPathsOfPeople(db, [personId])).get(personId) ?? [person.unitPath];
    if (!canActOnWholePerson(actor, "people.manage", paths)) {
      throw errors.forbidden();
    }
  }
  if (person.status !== "active") {
    throw authErrors.invitationPersonInactive();
  }
  if (!person.email) {
    throw authErrors.invitationNoEmail();
  }
  if ((await lastSignIns(db, [personId])).has(personId)) {
    throw authErrors.invitationAlreadyActive();
  }
  return person;
}

/** Revokes the person's pending invitations; answers how many there were. */
async function revokePending(tx: Executor, personId: string): Promise<number> {
  const revoked = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.personId, personId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return revoked.length;
}

export interface InvitationDeps {
  jobs: JobQueue;
  publicUrl: string;
}

/**
 * Sends a person an invitation to set their first password (valid 7 days), or sends it again: the
 * link sent before stops working. The mail is queued once the invitation is stored.
 */
export async function sendInvitation(
  ctx: SignedInContext | (ActionContext & { actor: null }),
  personId: string,
  deps: InvitationDeps,
): Promise<void> {
  const person = await invitee(ctx.db, ctx.actor, personId);
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  await ctx.db.transaction(async (tx) => {
    const replaced = await revokePending(tx, personId);
    await tx.insert(invitations).values({
      personId,
      tokenHash: hashToken(token),
      invitedBy: ctx.actor?.personId ?? null,
      expiresAt,
    });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: replaced > 0 ? "auth.invitation_resend" : "auth.invitation_send",
      unit: { id: person.unitId, path: person.unitPath },
      target: { type: "person", id: personId },
      ip: ctx.ip,
    });
  });
  await queueInvitationMail(deps.jobs, {
    publicUrl: deps.publicUrl,
    token,
    expiresAt,
    person: { email: person.email ?? "", fullName: person.fullName, unitName: person.unitName },
    invitedBy: ctx.actor?.fullName ?? null,
  });
}

/**
 * Invites each of the people (after an import): those who cannot be invited (no e-mail, already signed
 * in, beyond the actor's reach) are skipped with the reason, the others each get their own link.
 */
export async function sendInvitations(
  ctx: SignedInContext,
  personIds: readonly string[],
  deps: InvitationDeps,
): Promise<{
  sent: number;
  skipped: { personId: string; fullName: string; code: string; message: { vi: string; en: string } }[];
}> {
  const names = await personNames(ctx.db, personIds);
  let sent = 0;
  const skipped = [];
  for (const personId of new Set(personIds)) {
    try {
      await sendInvitation(ctx, personId, deps);
      sent++;
    } catch (error) {
      if (!(error instanceof AppError)) {
        throw error;
      }
      skipped.push({
        personId,
        fullName: names.get(personId) ?? "",
        code: error.code,
        message: error.messages,
      });
    }
  }
  return { sent, skipped };
}

/** Revokes a person's pending invitation: its link stops working. */
export async function revokeInvitation(ctx: SignedInContext, personId: string): Promise<void> {
  const person = (await personSummaries(ctx.db, [personId])).get(personId);
  if (!person) {
    throw errors.notFound(personLabel);
  }
  const paths = (await unitPathsOfPeople(ctx.db, [personId])).get(personId) ?? [person.unitPath];
  if (!canActOnWholePerson(ctx.actor, "people.manage", paths)) {
    throw errors.forbidden();
  }
  await ctx.db.transaction(async (tx) => {
    if ((await revokePending(tx, personId)) === 0) {
      throw authErrors.invitationNotPending();
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "auth.invitation_revoke",
      unit: { id: person.unitId, path: person.unitPath },
      target: { type: "person", id: personId },
      ip: ctx.ip,
    });
  });
}

/** The invitation a token names, refused with what became of it (unknown, used, revoked, expired). */
export async function usableInvitation(db: Executor, token: string) {
  const [invitation] = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!invitation) {
    throw authErrors.invitationInvalid();
  }
  if (invitation.usedAt) {
    throw authErrors.invitationUsed();
  }
  if (invitation.revokedAt) {
    throw authErrors.invitationRevoked();
  }
  if (invitation.expiresAt <= new Date()) {
    throw authErrors.invitationExpired();
  }
  return invitation;
}

/** Claims the invitation for use, so two requests racing with one link cannot both set a password. */
export async function claimInvitation(tx: Executor, invitationId: string): Promise<boolean> {
  const claimed = await tx
    .update(invitations)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(invitations.id, invitationId),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: invitations.id });
  return claimed.length > 0;
}

/** Whether the person has two-factor sign-in on (then accepting sends them to the sign-in page). */
export async function hasTotp(db: Executor, personId: string): Promise<boolean> {
  const [credential] = await db
    .select({ totpEnabledAt: credentials.totpEnabledAt })
    .from(credentials)
    .where(eq(credentials.personId, personId));
  return Boolean(credential?.totpEnabledAt);
}
