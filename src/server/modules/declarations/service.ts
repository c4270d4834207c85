import { and, desc, eq, inArray } from "drizzle-orm";
import type { DeclarationPlatform } from "../../../shared/api/declarations.ts";
import type { Executor } from "../../db/client.ts";
import { accountDeclarations, accountReports, declarationResponses } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { personSummary } from "../org/index.ts";
import { declaredAccountOf } from "./declared-account.ts";
import { declarationErrors } from "./errors.ts";
import { canChangeDeclaration, consentsToCurrentPurpose, toggledStatus } from "./policy.ts";
import { type DeclarationRow, declarationView, reportView } from "./presenters.ts";
import { declarationPurpose } from "./purpose.ts";

/*
 * A member's own declarations: declaring, correcting, closing and deleting them, and reading back
 * everything held. Reports about them are in account-reports.ts, reviewers' reading in
 * member-declarations.ts.
 */

export type SignedInContext = ActionContext & { actor: Actor };

const declarationLabel = { vi: "kê khai tài khoản", en: "Account declaration" };

/** Where a change about the member is recorded: their own unit, so the audit stays in their branch. */
export async function auditUnitOf(db: Executor, personId: string) {
  const person = await personSummary(db, personId);
  return person ? { id: person.unitId, path: person.unitPath } : null;
}

/** A declaration the actor may change, optionally locked for the change. */
export async function requireOwnDeclaration(
  db: Executor,
  actor: Pick<Actor, "personId">,
  declarationId: string,
  lock = false,
): Promise<DeclarationRow> {
  const query = db.select().from(accountDeclarations).where(eq(accountDeclarations.id, declarationId));
  const [row] = lock ? await query.for("update") : await query;
  // Someone else's declaration answers exactly like a missing one: its existence is private too.
  if (!row || !canChangeDeclaration(actor, row)) {
    throw errors.notFound(declarationLabel);
  }
  return row;
}

function alreadyDeclared(existing: { displayName: string }) {
  return declarationErrors.alreadyDeclared({ displayName: existing.displayName });
}

async function findOwnByKey(db: Executor, personId: string, key: string) {
  const [row] = await db
    .select({ id: accountDeclarations.id, displayName: accountDeclarations.displayName })
    .from(accountDeclarations)
    .where(and(eq(accountDeclarations.personId, personId), eq(accountDeclarations.key, key)));
  return row ?? null;
}

export interface DeclareAccountInput {
  platform: DeclarationPlatform;
  url: string;
  displayName: string;
  realName: boolean;
  /** The purpose version the member was shown and agreed to. */
  purposeVersion: string;
  /** The language the purpose was shown in; its text is what is stored with the consent. */
  locale: "vi" | "en";
}

/** The member declares one of their own public accounts, consenting to the stated purpose. */
export async function declareAccount(ctx: SignedInContext, input: DeclareAccountInput) {
  if (!consentsToCurrentPurpose(input.purposeVersion)) {
    throw declarationErrors.purposeChanged();
  }
  const canonical = declaredAccountOf(input.url, input.platform);
  const personId = ctx.actor.personId;
  return ctx.db.transaction(async (tx) => {
    const existing = await findOwnByKey(tx, personId, canonical.key);
    if (existing) {
      throw alreadyDeclared(existing);
    }
    const now = new Date();
    const [row] = await tx
      .insert(accountDeclarations)
      .values({
        personId,
        platform: canonical.platform,
        key: canonical.key,
        url: canonical.url,
        displayName: input.displayName.normalize("NFC"),
        realName: input.realName,
        purposeVersion: declarationPurpose.version,
        purposeText: declarationPurpose[input.locale],
        consentedAt: now,
        statusSince: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      // Declared at the same moment from another tab.
      throw alreadyDeclared({ displayName: input.displayName });
    }
    // The audit log is read by administrators, so it says that something was declared, never what.
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "declarations.declare",
      unit: await auditUnitOf(tx, personId),
      target: { type: "declaration", id: row.id },
      ip: ctx.ip,
    });
    return row;
  });
}

export interface UpdateDeclarationInput {
  url?: string;
  displayName?: string;
  realName?: boolean;
}

export async function updateDeclaration(
  ctx: SignedInContext,
  declarationId: string,
  input: UpdateDeclarationInput,
) {
  const personId = ctx.actor.personId;
  return ctx.db.transaction(async (tx) => {
    const before = await requireOwnDeclaration(tx, ctx.actor, declarationId, true);
    const canonical = input.url !== undefined ? declaredAccountOf(input.url, before.platform) : null;
    if (canonical && canonical.key !== before.key) {
      const existing = await findOwnByKey(tx, personId, canonical.key);
      if (existing) {
        throw alreadyDeclared(existing);
      }
    }
    const [row] = await tx
      .update(accountDeclarations)
      .set({
        ...(canonical ? { url: canonical.url, key: canonical.key, platform: canonical.platform } : {}),
        ...(input.displayName !== undefined ? { displayName: input.displayName.normalize("NFC") } : {}),
        ...(input.realName !== undefined ? { realName: input.realName } : {}),
        updatedAt: new Date(),
      })
      .where(eq(accountDeclarations.id, declarationId))
      .returning();
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "declarations.update",
      unit: await auditUnitOf(tx, personId),
      target: { type: "declaration", id: declarationId },
      ip: ctx.ip,
    });
    return row as DeclarationRow;
  });
}

/** Closed (the member no longer runs it) or active again (reopened, or control recovered). */
export async function setDeclarationStatus(
  ctx: SignedInContext,
  declarationId: string,
  input: { status: "active" | "closed"; since?: Date },
) {
  const personId = ctx.actor.personId;
  const since = input.since ?? new Date();
  if (since.getTime() > Date.now() + 5 * 60_000) {
    throw declarationErrors.dateInFuture({ field: "since" });
  }
  return ctx.db.transaction(async (tx) => {
    const before = await requireOwnDeclaration(tx, ctx.actor, declarationId, true);
    if (before.status === input.status) {
      return before;
    }
    const [row] = await tx
      .update(accountDeclarations)
      .set({ status: input.status, statusSince: since, updatedAt: new Date() })
      .where(eq(accountDeclarations.id, declarationId))
      .returning();
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "declarations.status",
      unit: await auditUnitOf(tx, personId),
      target: { type: "declaration", id: declarationId },
      ip: ctx.ip,
      details: { status: input.status },
    });
    return row as DeclarationRow;
  });
}

/** Deletes declarations of the member (one, or all when `declarationId` is null) with their reports. */
export async function deleteDeclarations(
  ctx: SignedInContext,
  declarationId: string | null,
): Promise<number> {
  const personId = ctx.actor.personId;
  return ctx.db.transaction(async (tx) => {
    if (declarationId) {
      await requireOwnDeclaration(tx, ctx.actor, declarationId, true);
    }
    const mine = eq(accountDeclarations.personId, personId);
    const deleted = await tx
      .delete(accountDeclarations)
      .where(declarationId ? and(mine, eq(accountDeclarations.id, declarationId)) : mine)
      .returning({ id: accountDeclarations.id });
    const ids = deleted.map((row) => row.id);
    if (ids.length > 0) {
      await tx.delete(accountReports).where(inArray(accountReports.declarationId, ids));
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "declarations.delete",
      unit: await auditUnitOf(tx, personId),
      target: declarationId ? { type: "declaration", id: declarationId } : null,
      ip: ctx.ip,
      details: { count: ids.length },
    });
    return ids.length;
  });
}

/** The member's own declarations, newest first, each with the reports they made about it. */
export async function listOwnDeclarations(db: Executor, personId: string) {
  const rows = await db
    .select()
    .from(accountDeclarations)
    .where(eq(accountDeclarations.personId, personId))
    .orderBy(desc(accountDeclarations.createdAt));
  const reports = await db
    .select()
    .from(accountReports)
    .where(eq(accountReports.personId, personId))
    .orderBy(desc(accountReports.createdAt));
  return rows.map((row) => ({
    ...declarationView(row),
    statusAction: toggledStatus(row),
    reports: reports.filter((report) => report.declarationId === row.id).map(reportView),
  }));
}

/** Everything the system holds from the member's declarations, for them to download. */
export async function exportOwnDeclarations(db: Executor, personId: string) {
  const responses = await db
    .select({
      requestId: declarationResponses.requestId,
      declarationCount: declarationResponses.declarationCount,
      respondedAt: declarationResponses.respondedAt,
    })
    .from(declarationResponses)
    .where(eq(declarationResponses.personId, personId));
  return {
    exportedAt: new Date(),
    declarations: await listOwnDeclarations(db, personId),
    requestResponses: responses,
  };
}
