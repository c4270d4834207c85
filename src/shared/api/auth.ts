/**
 * The auth API contract (sign-in, sessions, two-factor, passwords, API tokens, role policies and the
 * audit log), shared by the server's routes and the web's typed client: the enums, the request and
 * response schemas, and `authEndpoints`, which names each route's schemas. Shared code imports no
 * server code: the database schema takes its enum lists from here.
 */
import { z } from "zod";
import { permissions, roles } from "../organisation.ts";

/** A session is active, or waits for the second sign-in step. */
export const sessionStageValues = ["active", "totp_required"] as const;

export const signInBody = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

export const signInResponse = z.object({ stage: z.enum(sessionStageValues) });

export const totpCodeBody = z.object({ code: z.string().trim().min(6).max(10) });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
  /** Also revoke all of one's API tokens (default: no). */
  revokeApiTokens: z.boolean().optional(),
});

export const resetRequestBody = z.object({ email: z.string().trim().min(3).max(254) });
export const resetCompleteBody = z.object({
  token: z.string().min(10).max(200),
  newPassword: z.string().min(1).max(1024),
  /** Also revoke all of the person's API tokens (default: yes). */
  revokeApiTokens: z.boolean().optional(),
});

/** After a new password: how many API tokens were revoked with it. */
export const passwordSetResponse = z.object({ ok: z.literal(true), revokedApiTokens: z.number() });

// Any text reaches the service: a truncated link gets "invalid or expired", not a validation error.
export const emailChangeConfirmBody = z.object({ token: z.string().min(1).max(200) });
export const emailChangeConfirmResponse = z.object({ ok: z.literal(true), email: z.string() });

/**
 * Where a person's account stands: signed in at least once (active), invited with a link that still
 * works, invited with a link that expired unused, or never signed in (and not invited).
 */
export const accountStateValues = ["active", "invited", "invitation_expired", "never_signed_in"] as const;

export const accountStateSchema = z.object({
  personId: z.string(),
  state: z.enum(accountStateValues),
  lastSignInAt: z.date().nullable(),
  /** The latest invitation, whatever became of it. */
  invitation: z
    .object({ sentAt: z.date(), expiresAt: z.date(), invitedBy: z.string().nullable() })
    .nullable(),
  /** The asker may send (or send again) an invitation to this person. */
  canInvite: z.boolean(),
  /** The asker may revoke the pending invitation. */
  canRevoke: z.boolean(),
});

/** Up to 100 person ids, comma-separated (a page of the people list). */
export const accountStatesQuery = z.object({
  ids: z.string().regex(/^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36}){0,99}$/),
});
export const accountStateListResponse = z.object({ items: z.array(accountStateSchema) });
export const invitationPersonParams = z.object({ id: z.uuid() });
export const bulkInvitationBody = z.object({ personIds: z.array(z.uuid()).min(1).max(1000) });
export const bulkInvitationResponse = z.object({
  sent: z.number(),
  /** People not invited, each with the reason (no e-mail, already signed in…). */
  skipped: z.array(
    z.object({
      personId: z.string(),
      fullName: z.string(),
      code: z.string(),
      message: z.object({ vi: z.string(), en: z.string() }),
    }),
  ),
});
// Any text reaches the service: a truncated link gets "invalid", not a validation error.
export const invitationTokenBody = z.object({ token: z.string().min(1).max(200) });
export const invitationCheckResponse = z.object({
  fullName: z.string(),
  email: z.string(),
  unitName: z.string(),
  expiresAt: z.date(),
});
export const invitationAcceptBody = z.object({
  token: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(1024),
});
/** `signedIn` is false when the person must still give a two-factor code: they go to the sign-in page. */
export const invitationAcceptResponse = z.object({ signedIn: z.boolean(), email: z.string() });

export const grantSchema = z.object({ role: z.enum(roles), unitId: z.string(), unitPath: z.string() });

export const sessionResponse = z.union([
  z.object({ authenticated: z.literal(false) }),
  z.object({
    authenticated: z.literal(true),
    csrfToken: z.string().nullable(),
    person: z.object({
      id: z.string(),
      fullName: z.string(),
      email: z.string().nullable(),
      unitId: z.string(),
    }),
    grants: z.array(grantSchema),
    /** For each permission, the unit paths under which the person holds it. */
    abilities: z.record(z.enum(permissions), z.array(z.string())),
    /** For each role, the unit paths under which the person may grant (and revoke) it. */
    grantableRoles: z.record(z.enum(roles), z.array(z.string())),
    security: z.object({
      totpEnabled: z.boolean(),
      totpRequiredBy: z.array(z.string()),
      totpSetupRequired: z.boolean(),
    }),
  }),
]);

export const totpSetupResponse = z.object({ secret: z.string(), uri: z.string() });

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const createdTokenResponse = apiTokenSchema.extend({ token: z.string() });
export const tokenListResponse = z.object({ items: z.array(apiTokenSchema) });
export const tokenIdParams = z.object({ tokenId: z.uuid() });

export const rolePolicySchema = z.object({ role: z.enum(roles), requireTotp: z.boolean() });
export const rolePolicyListResponse = z.object({ items: z.array(rolePolicySchema) });
export const rolePolicyParams = z.object({ role: z.enum(roles) });
export const rolePolicyBody = z.object({ requireTotp: z.boolean() });

export const auditQuery = z.object({
  actorId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  unitId: z.uuid().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const auditEventSchema = z.object({
  id: z.number(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** The actor's full name when the actor is a person of the organisation. */
  actorName: z.string().nullable(),
  /** Reads of personal data are shown folded: how many this row stands for, and the first one's time. */
  times: z.number(),
  firstAt: z.date(),
  /** The object the event is about, named for the sentence; linkId is the page to open it on. */
  subject: z
    .object({
      type: z.string(),
      id: z.string(),
      name: z.string().nullable(),
      linkId: z.string(),
      kind: z.string().nullable(),
    })
    .nullable(),
  /** Names of the units and people whose ids the details hold. */
  refs: z.record(z.string(), z.string()),
});

export const auditListResponse = z.object({
  items: z.array(auditEventSchema),
  total: z.number(),
  page: z.number(),
});

export const noContent = z.null();
export const okResponse = z.object({ ok: z.literal(true) });

/**
 * Every auth route by method and path (the role policies are served under the "settings" tag, the
 * audit log under "audit"), with the schemas its handler is declared with; `response` is the success
 * answer. The web's typed client derives each call's types from this map.
 */
export const authEndpoints = {
  "POST /api/auth/sign-in": { body: signInBody, response: signInResponse },
  "POST /api/auth/totp": { body: totpCodeBody, response: signInResponse },
  "POST /api/auth/sign-out": { response: okResponse },
  "GET /api/auth/session": { response: sessionResponse },
  "POST /api/auth/password": { body: changePasswordBody, response: passwordSetResponse },
  "POST /api/auth/password-reset": { body: resetRequestBody, response: okResponse },
  "POST /api/auth/password-reset/complete": { body: resetCompleteBody, response: passwordSetResponse },
  "POST /api/auth/email-change/confirm": {
    body: emailChangeConfirmBody,
    response: emailChangeConfirmResponse,
  },
  "POST /api/auth/totp/setup": { response: totpSetupResponse },
  "POST /api/auth/totp/confirm": { body: totpCodeBody, response: okResponse },
  "POST /api/auth/totp/disable": { body: totpCodeBody, response: okResponse },
  "GET /api/auth/tokens": { response: tokenListResponse },
  "POST /api/auth/tokens": { body: createTokenBody, response: createdTokenResponse },
  "DELETE /api/auth/tokens/:tokenId": { params: tokenIdParams, response: okResponse },
  "GET /api/settings/role-policies": { response: rolePolicyListResponse },
  "PUT /api/settings/role-policies/:role": {
    params: rolePolicyParams,
    body: rolePolicyBody,
    response: rolePolicySchema,
  },
  "GET /api/audit": { query: auditQuery, response: auditListResponse },
  "GET /api/auth/account-states": { query: accountStatesQuery, response: accountStateListResponse },
  "POST /api/people/:id/invitation": { params: invitationPersonParams, response: accountStateSchema },
  "DELETE /api/people/:id/invitation": { params: invitationPersonParams, response: accountStateSchema },
  "POST /api/people/invitations": { body: bulkInvitationBody, response: bulkInvitationResponse },
  "POST /api/auth/invitation/check": { body: invitationTokenBody, response: invitationCheckResponse },
  "POST /api/auth/invitation/accept": { body: invitationAcceptBody, response: invitationAcceptResponse },
} as const;
