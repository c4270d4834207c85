import type { FastifyReply, FastifyRequest } from "fastify";
import type { Executor } from "../../db/client.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { listFilterPath } from "../org/index.ts";

/* What the editors' kit and campaign routes share. */

/** The record id of a `/:id` path. */
export const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

/** The unit a creating request names in its body, for the access check. */
export const bodyUnit = (request: FastifyRequest) => (request.body as { unitId: string }).unitId;

/** Sends a report workbook as a download that no cache keeps. */
export function sendXlsx(reply: FastifyReply, name: string, workbook: Buffer) {
  return reply
    .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("content-disposition", `attachment; filename="${name}.xlsx"`)
    .header("cache-control", "private, no-store")
    .send(workbook);
}

/** The reader's scope for a list of kits or campaigns, narrowed to a unit when asked, and the page. */
export function managedListOf(db: Executor) {
  return async (
    request: FastifyRequest,
    query: { unitId?: string | undefined; page?: number | undefined; pageSize?: number | undefined },
  ) => {
    const scope = scopeFor(signedInContextOf(request).actor, "advocacy.manage");
    return { scope, unitPath: await listFilterPath(db, scope, query.unitId), ...pageOf(query) };
  };
}
