import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  declarationSchema,
  declarationStatusBody,
  declareBody,
  deletedResponse,
  exportResponse,
  idParams,
  memberRequestsResponse,
  ownDeclarationsResponse,
  reportBody,
  reportResponse,
  respondResponse,
  updateDeclarationBody,
} from "../../../shared/api/declarations.ts";
import { toCsv } from "../../../shared/csv.ts";
import { formatVietnamTime } from "../../../shared/vietnam-time.ts";
import { signedInContextOf } from "../../http/context.ts";
import { reportAccount } from "./account-reports.ts";
import { declarationPlatformWords } from "./declared-account.ts";
import { declarationView } from "./presenters.ts";
import { declarationPurpose } from "./purpose.ts";
import { requestsForMember, respondToRequest } from "./requests.ts";
import {
  declareAccount,
  deleteDeclarations,
  exportOwnDeclarations,
  listOwnDeclarations,
  setDeclarationStatus,
  updateDeclaration,
} from "./service.ts";

const exportFileName = (at: Date) => `ke-khai-tai-khoan-${at.toISOString().slice(0, 10)}`;

/**
 * A member's own side: their declarations (declare, correct, close, report, delete, download) and the
 * requests that reach them. Signed in is enough: every service reaches only the member's own records.
 */
/** A declaration's status in words, for the member's CSV. */
const declarationStatusWords = {
  active: "Đang hoạt động",
  closed: "Đã đóng",
  compromised: "Bị chiếm quyền",
} as const;

export async function ownDeclarationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, jobs, config } = app.deps;
  const db = database.db;
  const mailDeps = { jobs, publicUrl: config.publicUrl };
  const tags = ["declarations"];

  // --- The member's own declarations ---------------------------------------------------------

  routes.get(
    "/api/me/declarations",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "My declared public accounts, and the purpose text to show before declaring",
        response: { 200: ownDeclarationsResponse },
      },
    },
    async (request) => ({
      purpose: declarationPurpose,
      items: await listOwnDeclarations(db, signedInContextOf(request).actor.personId),
    }),
  );

  routes.post(
    "/api/me/declarations",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Declare one of my public accounts, agreeing to the stated purpose (consent: true)",
        body: declareBody,
        response: { 201: declarationSchema },
      },
    },
    async (request, reply) => {
      const row = await declareAccount(signedInContextOf(request), request.body);
      reply.status(201);
      return declarationView(row);
    },
  );

  routes.patch(
    "/api/me/declarations/:id",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Correct one of my declarations",
        params: idParams,
        body: updateDeclarationBody,
        response: { 200: declarationSchema },
      },
    },
    async (request) =>
      declarationView(await updateDeclaration(signedInContextOf(request), request.params.id, request.body)),
  );

  routes.post(
    "/api/me/declarations/:id/status",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Mark one of my accounts closed, or active again",
        params: idParams,
        body: declarationStatusBody,
        response: { 200: declarationSchema },
      },
    },
    async (request) =>
      declarationView(
        await setDeclarationStatus(signedInContextOf(request), request.params.id, request.body),
      ),
  );

  routes.post(
    "/api/me/declarations/:id/report",
    {
      config: {
        access: { authenticated: true },
        // Each report mails administrators at once: a member (or a stolen session) cannot flood them.
        rateLimit: {
          max: 10,
          timeWindow: "1 hour",
          hook: "preHandler",
          keyGenerator: (request: FastifyRequest) => `report:${request.actor?.personId ?? request.ip}`,
        },
      },
      schema: {
        tags,
        summary: "Report one of my accounts taken over or impersonated; my unit's administrators are alerted",
        params: idParams,
        body: reportBody,
        response: { 201: reportResponse },
      },
    },
    async (request, reply) => {
      const report = await reportAccount(
        signedInContextOf(request),
        mailDeps,
        request.params.id,
        request.body,
      );
      reply.status(201);
      return report;
    },
  );

  routes.delete(
    "/api/me/declarations/:id",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Delete one of my declarations with its reports",
        params: idParams,
        response: { 200: deletedResponse },
      },
    },
    async (request) => ({ deleted: await deleteDeclarations(signedInContextOf(request), request.params.id) }),
  );

  routes.delete(
    "/api/me/declarations",
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: "Delete all my declarations", response: { 200: deletedResponse } },
    },
    async (request) => ({ deleted: await deleteDeclarations(signedInContextOf(request), null) }),
  );

  routes.get(
    "/api/me/declarations/export.json",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Download everything held from my declarations, with the consent given for each",
        response: { 200: exportResponse },
      },
    },
    async (request, reply) => {
      const data = await exportOwnDeclarations(db, signedInContextOf(request).actor.personId);
      reply.header("content-disposition", `attachment; filename="${exportFileName(data.exportedAt)}.json"`);
      return data;
    },
  );

  routes.get(
    "/api/me/declarations/export.csv",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "My declarations as CSV (UTF-8) for a spreadsheet",
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const data = await exportOwnDeclarations(db, signedInContextOf(request).actor.personId);
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${exportFileName(data.exportedAt)}.csv"`);
      return toCsv(
        ["Nền tảng", "Tên hiển thị", "Địa chỉ", "Tên thật", "Trạng thái", "Từ", "Đồng ý mục đích lúc"],
        data.declarations.map((declaration) => [
          declarationPlatformWords[declaration.platform],
          declaration.displayName,
          declaration.url,
          declaration.realName ? "có" : "không",
          declarationStatusWords[declaration.status],
          formatVietnamTime(declaration.statusSince, "vi"),
          formatVietnamTime(declaration.consentedAt, "vi"),
        ]),
      );
    },
  );

  // --- Requests, as the member sees them -----------------------------------------------------

  routes.get(
    "/api/me/declaration-requests",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Open requests to review my declarations, with whether I have answered",
        response: { 200: memberRequestsResponse },
      },
    },
    async (request) => ({ items: await requestsForMember(db, signedInContextOf(request).actor.personId) }),
  );

  routes.post(
    "/api/me/declaration-requests/:id/respond",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Confirm that I have reviewed my declarations for this request",
        params: idParams,
        response: { 200: respondResponse },
      },
    },
    async (request) => respondToRequest(signedInContextOf(request), request.params.id),
  );
}
