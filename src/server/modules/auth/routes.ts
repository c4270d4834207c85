import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  changePasswordBody,
  createdTokenResponse,
  createTokenBody,
  emailChangeConfirmBody,
  emailChangeConfirmResponse,
  okResponse,
  passwordSetResponse,
  resetCompleteBody,
  resetRequestBody,
  rolePolicyBody,
  rolePolicyListResponse,
  rolePolicyParams,
  rolePolicySchema,
  sessionResponse,
  signInBody,
  signInResponse,
  tokenIdParams,
  tokenListResponse,
  totpCodeBody,
  totpSetupResponse,
} from "../../../shared/api/auth.ts";
import { rememberedWithActor } from "../../http/authentication.ts";
import { signedInContextOf } from "../../http/context.ts";
import { roles } from "../../platform/actor.ts";
import { abilitiesOf, grantableRoleScopes, rootUnitIdFor } from "../org/index.ts";
import { confirmEmailChange } from "./email-change.ts";
import { authErrors } from "./errors.ts";
import { queuePasswordResetMail } from "./password-reset-mail.ts";
import { mayHoldApiTokens } from "./policy.ts";
import {
  changePassword,
  completePasswordReset,
  completeTotp,
  createApiToken,
  createPasswordReset,
  listApiTokens,
  listRolePolicies,
  revokeApiToken,
  SESSION_COOKIE,
  securityStatus,
  setRolePolicy,
  signIn,
  signOut,
} from "./service.ts";
import { guessingLimit, setSessionCookie, signInAddressLimit, signInLimit } from "./session-cookie.ts";
import { beginTotpEnrolment, confirmTotpEnrolment, disableTotp, sealPlainTotpSecrets } from "./totp.ts";

/** Sign-in, sessions, two-factor, password changes and resets, API tokens, per-role sign-in rules. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = database.db;
  const tags = ["auth"];
  // TOTP secrets stored before they were sealed are sealed now (and on first use, if one slips past).
  await sealPlainTotpSecrets(db, config.secretKey());

  // Counted separately from the route's own limit: the plugin runs one limit per request, and this one
  // must see every attempt from the address, whichever account it names.
  const addressLimit = app.createRateLimit(signInAddressLimit);
  const addressCeiling = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await addressLimit(request);
    if (!result.isAllowed && result.isExceeded) {
      reply.header("retry-after", String(result.ttlInSeconds));
      throw Object.assign(new Error("sign-in attempts from this address exceed the ceiling"), {
        statusCode: 429,
      });
    }
  };

  routes.post(
    "/api/auth/sign-in",
    {
      config: { access: { public: true }, rateLimit: signInLimit },
      onRequest: addressCeiling,
      schema: {
        tags,
        summary: "Sign in with e-mail and password",
        body: signInBody,
        response: { 200: signInResponse },
      },
    },
    async (request, reply) => {
      const result = await signIn(db, { ...request.body, ip: request.ip });
      setSessionCookie(reply, result.sessionToken, config.cookieSecure);
      return { stage: result.stage };
    },
  );

  routes.post(
    "/api/auth/totp",
    {
      config: { access: { public: true }, rateLimit: guessingLimit },
      schema: {
        tags,
        summary: "Second step of sign-in: the TOTP code",
        body: totpCodeBody,
        response: { 200: signInResponse },
      },
    },
    async (request) => {
      await completeTotp(db, {
        sessionToken: request.cookies[SESSION_COOKIE] ?? "",
        code: request.body.code,
        ip: request.ip,
        secretKey: config.secretKey(),
      });
      return { stage: "active" as const };
    },
  );

  routes.post(
    "/api/auth/sign-out",
    {
      config: { access: { public: true } },
      schema: { tags, summary: "Sign out", response: { 200: okResponse } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        await signOut(db, token, request.actor, request.ip);
      }
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  routes.get(
    "/api/auth/session",
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: "Who is signed in, with their roles and abilities",
        response: { 200: sessionResponse },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) {
        return { authenticated: false as const };
      }
      // Kept with the cached actor: the web app asks for its session on every page.
      const security = await rememberedWithActor(request, "security", () => securityStatus(db, actor));
      return {
        authenticated: true as const,
        csrfToken: request.csrfToken,
        person: { id: actor.personId, fullName: actor.fullName, email: actor.email, unitId: actor.unitId },
        grants: actor.grants,
        abilities: abilitiesOf(actor),
        grantableRoles: grantableRoleScopes(actor),
        security: {
          totpEnabled: security.totpEnabled,
          totpRequiredBy: security.totpRequiredBy,
          totpSetupRequired: actor.totpSetupRequired,
        },
      };
    },
  );

  routes.post(
    "/api/auth/password",
    {
      config: { access: { authenticated: true }, rateLimit: guessingLimit },
      schema: {
        tags,
        summary:
          "Change one's own password; other sessions end and reset links stop working, API tokens too when asked",
        body: changePasswordBody,
        response: { 200: passwordSetResponse },
      },
    },
    async (request) => {
      const { revokedApiTokens } = await changePassword(signedInContextOf(request), {
        ...request.body,
        keepSessionHash: request.sessionHash,
      });
      return { ok: true as const, revokedApiTokens };
    },
  );

  routes.post(
    "/api/auth/password-reset",
    {
      config: { access: { public: true }, rateLimit: { max: 5, timeWindow: "15 minutes" } },
      schema: {
        tags,
        summary: "Send a password reset link by e-mail (same answer whether or not the account exists)",
        body: resetRequestBody,
        response: { 202: okResponse },
      },
    },
    async (request, reply) => {
      const reset = await createPasswordReset(db, { email: request.body.email, ip: request.ip });
      if (reset) {
        await queuePasswordResetMail(app.deps.jobs, {
          publicUrl: config.publicUrl,
          token: reset.token,
          person: reset.person,
        });
      }
      reply.status(202);
      return { ok: true as const };
    },
  );

  routes.post(
    "/api/auth/password-reset/complete",
    {
      config: { access: { public: true }, rateLimit: guessingLimit },
      schema: {
        tags,
        summary:
          "Set a new password with a reset token; every session and other reset link ends, API tokens unless revokeApiTokens is false",
        body: resetCompleteBody,
        response: { 200: passwordSetResponse },
      },
    },
    async (request) => {
      const { revokedApiTokens } = await completePasswordReset(db, { ...request.body, ip: request.ip });
      return { ok: true as const, revokedApiTokens };
    },
  );

  routes.post(
    "/api/auth/email-change/confirm",
    {
      // Public: the link is opened from the new mailbox, maybe on a device where the person is not signed in.
      config: { access: { public: true }, rateLimit: guessingLimit },
      schema: {
        tags,
        summary: "Confirm a new e-mail from the link mailed to it; the person's other sessions end",
        body: emailChangeConfirmBody,
        response: { 200: emailChangeConfirmResponse },
      },
    },
    async (request) => {
      const { email } = await confirmEmailChange(db, {
        token: request.body.token,
        sessionHash: request.sessionHash,
        ip: request.ip,
      });
      return { ok: true as const, email };
    },
  );

  routes.post(
    "/api/auth/totp/setup",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Start two-factor enrolment: a new secret and its otpauth URI (refused while it is on)",
        response: { 200: totpSetupResponse },
      },
    },
    async (request) => beginTotpEnrolment(signedInContextOf(request), config.secretKey()),
  );

  routes.post(
    "/api/auth/totp/confirm",
    {
      config: { access: { authenticated: true }, rateLimit: guessingLimit },
      schema: {
        tags,
        summary: "Turn two-factor on with a code from the app",
        body: totpCodeBody,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await confirmTotpEnrolment(signedInContextOf(request), request.body.code, config.secretKey());
      return { ok: true as const };
    },
  );

  routes.post(
    "/api/auth/totp/disable",
    {
      config: { access: { authenticated: true }, rateLimit: guessingLimit },
      schema: {
        tags,
        summary: "Turn two-factor off (refused when a role requires it)",
        body: totpCodeBody,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await disableTotp(signedInContextOf(request), request.body.code, config.secretKey());
      return { ok: true as const };
    },
  );

  routes.get(
    "/api/auth/tokens",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "My API tokens",
        response: { 200: tokenListResponse },
      },
    },
    async (request) => ({ items: await listApiTokens(db, signedInContextOf(request).actor.personId) }),
  );

  routes.post(
    "/api/auth/tokens",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Create an API token limited to my own permissions; the secret is shown once",
        body: createTokenBody,
        response: { 201: createdTokenResponse },
      },
    },
    async (request, reply) => {
      const ctx = signedInContextOf(request);
      if (!mayHoldApiTokens(ctx.actor)) {
        throw authErrors.apiTokensNotForRole();
      }
      const expiresAt = request.body.expiresInDays
        ? new Date(Date.now() + request.body.expiresInDays * 86400_000)
        : null;
      const { token, row } = await createApiToken(ctx, {
        personId: ctx.actor.personId,
        name: request.body.name,
        expiresAt,
      });
      reply.status(201);
      return { ...row, token };
    },
  );

  routes.delete(
    "/api/auth/tokens/:tokenId",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Revoke one of my API tokens",
        params: tokenIdParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await revokeApiToken(signedInContextOf(request), request.params.tokenId);
      return { ok: true as const };
    },
  );

  routes.get(
    "/api/settings/role-policies",
    {
      config: { access: { permission: "settings.manage" } },
      schema: {
        tags: ["settings"],
        summary: "Sign-in requirements per role",
        response: { 200: rolePolicyListResponse },
      },
    },
    async () => {
      const stored = await listRolePolicies(db);
      return {
        items: roles.map((role) => ({
          role,
          requireTotp: stored.find((p) => p.role === role)?.requireTotp ?? false,
        })),
      };
    },
  );

  routes.put(
    "/api/settings/role-policies/:role",
    {
      // Role policies apply everywhere, so only an administrator of the whole tree may set them.
      config: {
        access: {
          permission: "settings.manage",
          unit: (request) => rootUnitIdFor(db, request.actor?.unitId),
        },
      },
      schema: {
        tags: ["settings"],
        summary: "Require (or not) two-factor sign-in for a role",
        params: rolePolicyParams,
        body: rolePolicyBody,
        response: { 200: rolePolicySchema },
      },
    },
    async (request) => {
      await setRolePolicy(signedInContextOf(request), request.params.role, request.body.requireTotp);
      return { role: request.params.role, requireTotp: request.body.requireTotp };
    },
  );
}
