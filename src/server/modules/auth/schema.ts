import { z } from "zod";
import { permissions, roles } from "../../platform/actor.ts";

export const signInBody = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

export const signInResponse = z.object({ stage: z.enum(["active", "totp_required"]) });

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

export const rolePolicySchema = z.object({ role: z.enum(roles), requireTotp: z.boolean() });

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
});

export const noContent = z.null();
export const okResponse = z.object({ ok: z.literal(true) });
