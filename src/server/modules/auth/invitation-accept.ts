import type { Db } from "../../db/client.ts";
import { sessions } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import { recordAudit } from "../../platform/audit.ts";
import { personSummaries } from "../org/index.ts";
import { authErrors } from "./errors.ts";
import { claimInvitation, hasTotp, usableInvitation } from "./invitations.ts";
import { endOtherAccess, setPassword } from "./passwords.ts";
import { hashToken, randomToken } from "./secrets.ts";
import { SESSION_TTL_MS } from "./service.ts";

/*
 * The public side of an invitation: the page the mailed link opens checks it, then the person sets
 * their password and is signed in.
 */

/** The person an invitation link is for, while it works; otherwise the reason it does not. */
async function invitedPerson(db: Db, token: string) {
  const invitation = await usableInvitation(db, token);
  const person = (await personSummaries(db, [invitation.personId])).get(invitation.personId);
  // Deactivated (or the e-mail removed) since the invitation was sent: the link no longer stands.
  if (person?.status !== "active" || !person.email) {
    throw authErrors.invitationRevoked();
  }
  return { invitation, person: { ...person, email: person.email } };
}

/** What the invitation page shows before the password is set: who is invited, to which unit, until when. */
export async function checkInvitation(db: Db, token: string) {
  const { invitation, person } = await invitedPerson(db, token);
  return {
    fullName: person.fullName,
    email: person.email,
    unitName: person.unitName,
    expiresAt: invitation.expiresAt,
  };
}

/**
 * Sets the person's password from an invitation link, which works once; every other invitation and
 * reset link of the person stops working. The person is signed in (a new session token is returned)
 * unless they must give a two-factor code, in which case they sign in on the sign-in page.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; newPassword: string; ip: string | null },
): Promise<{ sessionToken: string | null; email: string }> {
  const { invitation, person } = await invitedPerson(db, input.token);
  const sessionToken = await db.transaction(async (tx) => {
    if (!(await claimInvitation(tx, invitation.id))) {
      // Someone used, revoked or replaced it a moment ago: say which.
      await usableInvitation(tx, input.token);
      throw authErrors.invitationUsed();
    }
    await setPassword(tx, person.id, input.newPassword);
    await endOtherAccess(tx, person.id, { keepSessionHash: null, revokeApiTokens: false });
    await recordAudit(tx, {
      actor: null,
      actorId: person.id,
      actorLabel: person.email,
      action: "auth.invitation_accept",
      unit: { id: person.unitId, path: person.unitPath },
      target: { type: "person", id: person.id },
      ip: input.ip,
    });
    if (await hasTotp(tx, person.id)) {
      return null;
    }
    const token = randomToken();
    await tx.insert(sessions).values({
      tokenHash: hashToken(token),
      personId: person.id,
      csrfToken: randomToken(),
      stage: "active",
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      ip: input.ip,
    });
    await recordAudit(tx, {
      actor: null,
      actorId: person.id,
      actorLabel: person.email,
      action: "auth.sign_in",
      ip: input.ip,
      details: { via: "invitation" },
    });
    return token;
  });
  invalidateActorCache(person.id);
  return { sessionToken, email: person.email };
}
