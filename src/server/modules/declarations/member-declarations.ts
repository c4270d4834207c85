import { and, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { DeclarationPlatform } from "../../../shared/api/declarations.ts";
import { containsPattern } from "../../db/like.ts";
import { accountDeclarations } from "../../db/schema/index.ts";
import { recordAudit } from "../../platform/audit.ts";
import { personIdWithin, personSummaries } from "../org/index.ts";
import { canViewDeclaration } from "./policy.ts";
import { type DeclarationStatus, declarationView } from "./presenters.ts";
import type { SignedInContext } from "./service.ts";

/* Reading other people's declarations: reviewers only, every read audited. */

export interface ListMemberDeclarationsOptions {
  scope: readonly string[];
  /** The unit the list is narrowed to, if any. */
  unit?: { id: string; path: string } | undefined;
  personId?: string | undefined;
  platform?: DeclarationPlatform | undefined;
  status?: DeclarationStatus | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** Members' declarations within the reviewer's scope; the ids read are written to the audit log. */
export async function listMemberDeclarations(ctx: SignedInContext, options: ListMemberDeclarationsOptions) {
  const conditions: SQL[] = [personIdWithin(accountDeclarations.personId, options.scope, options.unit?.path)];
  if (options.personId) {
    conditions.push(eq(accountDeclarations.personId, options.personId));
  }
  if (options.platform) {
    conditions.push(eq(accountDeclarations.platform, options.platform));
  }
  if (options.status) {
    conditions.push(eq(accountDeclarations.status, options.status));
  }
  const q = options.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    conditions.push(
      or(ilike(accountDeclarations.displayName, pattern), ilike(accountDeclarations.url, pattern)) as SQL,
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(accountDeclarations)
      .where(where)
      .orderBy(desc(accountDeclarations.updatedAt), desc(accountDeclarations.id))
      .limit(options.limit)
      .offset(options.offset),
    ctx.db.select({ total: count() }).from(accountDeclarations).where(where),
  ]);
  const people = await personSummaries(
    ctx.db,
    rows.map((row) => row.personId),
  );
  // The scope went into the query; a row the reader may not see means it was lost, and nothing is shown.
  for (const row of rows) {
    if (!canViewDeclaration(ctx.actor, row, people.get(row.personId)?.unitPath ?? "")) {
      throw new Error("declaration outside the reader's scope");
    }
  }
  if (rows.length > 0) {
    await recordAudit(ctx.db, {
      actor: ctx.actor,
      action: "declarations.read",
      unit: options.unit ?? null,
      target: options.personId ? { type: "person", id: options.personId } : null,
      ip: ctx.ip,
      details: {
        declarationIds: rows.map((row) => row.id),
        personIds: [...new Set(rows.map((row) => row.personId))],
      },
    });
  }
  return {
    items: rows.map((row) => {
      const person = people.get(row.personId);
      return {
        ...declarationView(row),
        person: {
          id: row.personId,
          fullName: person?.fullName ?? "",
          unitId: person?.unitId ?? "",
          unitName: person?.unitName ?? "",
        },
      };
    }),
    total: total?.total ?? 0,
  };
}
