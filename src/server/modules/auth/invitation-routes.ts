import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  accountStateListResponse,
  accountStateSchema,
  accountStatesQuery,
  bulkInvitationBody,
  bulkInvitationResponse,
  invitationAcceptBody,
  invitationAcceptResponse,
  invitationCheckResponse,
  invitationPersonParams,
  invitationTokenBody,
} from "../../../shared/api/auth.ts";
import { signedInContextOf } from "../../http/context.ts";
import { errors } from "../../platform/errors.ts";
import { personSummaries, unitOfPerson } from "../org/index.ts";
import { acceptInvitation, checkInvitation } from "./invitation-accept.ts";
import { accountStates, revokeInvitation, sendInvitation, sendInvitations } from "./invitations.ts";
import { guessingLimit, setSessionCookie } from "./session-cookie.ts";

/** Each invitation is a mail: an administrator's browser gone wrong must not flood mailboxes. */
const sendingLimit = { max: 30, timeWindow: "1 minute" };

/** Invitations to set a first password: sending, re-sending, revoking, the people list's account states, accepting. */
export async function invitationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, config, jobs } = app.deps;
  const db = database.db;
  const tags = ["auth"];
  const deps = { jobs, publicUrl: config.publicUrl };
  const personUnit = (request: FastifyRequest) => unitOfPerson(db, (request.params as { id: string }).id);
  const stateOf = async (request: FastifyRequest, personId: string) => {
    const [state] = await accountStates(db, signedInContextOf(request).actor, [personId]);
    if (!state) {
      throw errors.notFound({ vi: "nhân sự", en: "Person" });
    }
    return state;
  };

  routes.get(
    "/api/auth/account-states",
    {
      config: { access: { permission: "people.read" } },
      schema: {
        tags,
        summary:
          "Whether each person has signed in, is invited or never signed in, and whether I may invite them (people outside my scope are left out)",
        querystring: accountStatesQuery,
        response: { 200: accountStateListResponse },
      },
    },
    async (request) => ({
      items: await accountStates(db, signedInContextOf(request).actor, request.query.ids.split(",")),
    }),
  );

  routes.post(
    "/api/people/:id/invitation",
    {
      config: { access: { permission: "people.manage", unit: personUnit }, rateLimit: sendingLimit },
      schema: {
        tags,
        summary:
          "Mail a person a one-time link (valid 7 days) to set their password; sending again revokes the previous link",
        params: invitationPersonParams,
        response: { 200: accountStateSchema },
      },
    },
    async (request) => {
      await sendInvitation(signedInContextOf(request), request.params.id, deps);
      return stateOf(request, request.params.id);
    },
  );

  routes.delete(
    "/api/people/:id/invitation",
    {
      config: { access: { permission: "people.manage", unit: personUnit } },
      schema: {
        tags,
        summary: "Revoke a person's pending invitation: its link stops working",
        params: invitationPersonParams,
        response: { 200: accountStateSchema },
      },
    },
    async (request) => {
      await revokeInvitation(signedInContextOf(request), request.params.id);
      return stateOf(request, request.params.id);
    },
  );

  routes.post(
    "/api/people/invitations",
    {
      config: {
        access: {
          permission: "people.manage",
          // Every person's unit must be managed, or nobody is invited.
          unit: async (request) => {
            const ids = (request.body as { personIds: string[] }).personIds;
            const units = [...new Set([...(await personSummaries(db, ids)).values()].map((p) => p.unitId))];
            return units.length > 0 ? units : [null];
          },
        },
        rateLimit: { max: 10, timeWindow: "1 minute" },
      },
      schema: {
        tags,
        summary:
          "Invite many people at once (after an import); those who cannot be invited are listed with the reason",
        body: bulkInvitationBody,
        response: { 200: bulkInvitationResponse },
      },
    },
    async (request) => sendInvitations(signedInContextOf(request), request.body.personIds, deps),
  );

  routes.post(
    "/api/auth/invitation/check",
    {
      config: { access: { public: true }, rateLimit: guessingLimit },
      schema: {
        tags,
        summary: "Who an invitation link is for, while it works; expired, used or revoked links are refused",
        body: invitationTokenBody,
        response: { 200: invitationCheckResponse },
      },
    },
    async (request) => checkInvitation(db, request.body.token),
  );

  routes.post(
    "/api/auth/invitation/accept",
    {
      config: { access: { public: true }, rateLimit: guessingLimit },
      schema: {
        tags,
        summary:
          "Set one's first password with an invitation link (it works once) and be signed in, unless two-factor sign-in is on",
        body: invitationAcceptBody,
        response: { 200: invitationAcceptResponse },
      },
    },
    async (request, reply) => {
      const { sessionToken, email } = await acceptInvitation(db, { ...request.body, ip: request.ip });
      if (sessionToken) {
        setSessionCookie(reply, sessionToken, config.cookieSecure);
      }
      return { signedIn: Boolean(sessionToken), email };
    },
  );
}
