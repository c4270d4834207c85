import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  connectFlowChooseBody,
  connectFlowPagesQuery,
  connectFlowPagesResponse,
  connectFlowResponse,
  connectFlowStartResponse,
} from "../../../shared/api/connections.ts";
import { channelIdParams, connectionResponse } from "../../../shared/api/publishing.ts";
import { contextOf, signedInContextOf } from "../../http/context.ts";
import { unitOfChannel } from "../channels/index.ts";
import {
  chooseFacebookPage,
  type FlowEnd,
  finishFacebookFlow,
  finishZaloFlow,
  pagesToChoose,
} from "./connect-flow-finish.ts";
import { type FlowOptions, flowAvailability, startConnectFlow } from "./connect-flows.ts";

/*
 * "Kết nối bằng Facebook / Zalo". The API routes declare channels.manage on the channel's unit, as
 * PUT /api/channels/:id/connection does. The two callbacks are where Meta and Zalo send the browser
 * back (register ${PUBLIC_URL}/api/connect/facebook/callback and …/zalo/callback with the apps): they
 * live under /api so the session cookie is read as for any API call, but are declared public and
 * always answer a redirect to the channel's page, because a refusal there is read by a person in a
 * browser, not by a client. They let nobody in by that: the handler takes the state only from the
 * signed-in person who started it, who must still manage the channel (connect-flows.ts spendState).
 */

const callbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_reason: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
  // Zalo's
  oa_id: z.string().max(100).optional(),
  code_challenge: z.string().max(200).optional(),
});

/** Only a stable word and Facebook's permission names reach the address; never a token or a platform's text. */
export function flowEndAddress(end: FlowEnd): string {
  const query = new URLSearchParams({ "ket-noi": end.reason });
  if (end.choice) {
    query.set("chon", end.choice);
  }
  if (end.missing?.length) {
    query.set("thieu", end.missing.filter((scope) => /^[a-z_]{1,60}$/.test(scope)).join(","));
  }
  return end.channelId ? `/channels/${end.channelId}?${query}` : `/channels?${query}`;
}

export async function connectFlowRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = database.db;
  const tags = ["connections"];
  const channelUnit = (request: FastifyRequest) => unitOfChannel(db, (request.params as { id: string }).id);
  const options = (): FlowOptions => ({
    secretKey: config.secretKey(),
    apis: config.platformApis,
    timeoutMs: 15_000,
    publicUrl: config.publicUrl,
    apps: config.connectApps,
    facebookAppSecret: config.webhooks.facebookAppSecret,
  });
  const manage = { access: { permission: "channels.manage" as const, unit: channelUnit } };

  routes.get(
    "/api/channels/:id/connection/flow",
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Whether the channel can be connected by signing in to its platform (the operator set up the app)",
        params: channelIdParams,
        response: { 200: connectFlowResponse },
      },
    },
    async (request) => flowAvailability(db, options(), request.params.id),
  );

  routes.post(
    "/api/channels/:id/connection/flow",
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Start connecting the channel by signing in to Facebook or Zalo: answers the platform's address to send the browser to",
        params: channelIdParams,
        response: { 201: connectFlowStartResponse },
      },
    },
    async (request, reply) => {
      const started = await startConnectFlow(signedInContextOf(request), options(), request.params.id);
      reply.status(201);
      return started;
    },
  );

  routes.get(
    "/api/channels/:id/connection/flow/pages",
    {
      config: manage,
      schema: {
        tags,
        summary: "The Facebook Pages granted in this sign-in, to choose the channel's from (ids and names)",
        params: channelIdParams,
        querystring: connectFlowPagesQuery,
        response: { 200: connectFlowPagesResponse },
      },
    },
    async (request) => ({
      items: await pagesToChoose(
        signedInContextOf(request),
        options(),
        request.params.id,
        request.query.choice,
      ),
    }),
  );

  routes.post(
    "/api/channels/:id/connection/flow/pages",
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Connect the channel to the Page chosen among those granted; its token is checked and stored sealed",
        params: channelIdParams,
        body: connectFlowChooseBody,
        response: { 200: connectionResponse },
      },
    },
    async (request) =>
      chooseFacebookPage(
        signedInContextOf(request),
        options(),
        request.params.id,
        request.body.choice,
        request.body.pageId,
      ),
  );

  const callback =
    (finish: typeof finishFacebookFlow | typeof finishZaloFlow) =>
    async (request: FastifyRequest<{ Querystring: z.infer<typeof callbackQuery> }>, reply: FastifyReply) => {
      reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
      const actor = request.actor;
      if (!actor) {
        // Signed out meanwhile: the state was bound to that session's person, so start again after signing in.
        return reply.redirect(`/sign-in?next=${encodeURIComponent("/channels")}`, 302);
      }
      let end: FlowEnd;
      try {
        end = await finish({ ...contextOf(request), actor }, options(), request.query);
      } catch (error) {
        // Unforeseen: logged by its kind only (the query holds a code, the error may hold an answer).
        request.log.error({ kind: (error as Error)?.name }, "connect-flow callback failed");
        end = { channelId: null, reason: "failed" };
      }
      return reply.redirect(flowEndAddress(end), 302);
    };

  for (const [platform, finish] of [
    ["facebook", finishFacebookFlow],
    ["zalo", finishZaloFlow],
  ] as const) {
    routes.get(
      `/api/connect/${platform}/callback`,
      {
        config: { access: { public: true } },
        schema: {
          // A browser's stop between the platform and the channel's page, not an API: kept out of /docs.
          hide: true,
          summary: `Where ${platform === "zalo" ? "Zalo" : "Facebook"} sends the browser back after the sign-in; always redirects to the channel's page with the outcome`,
          querystring: callbackQuery,
          response: { 302: z.null() },
        },
      },
      callback(finish),
    );
  }
}
