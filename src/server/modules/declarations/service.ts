import { and, count, desc, eq, ilike, inArray, isNull, or, type SQL } from "drizzle-orm";
import { formatVietnamTime } from "../../../shared/vietnam-time.ts";
import type { Executor } from "../../db/client.ts";
import { accountDeclarations, accountReports, declarationResponses } from "../../db/schema/index.ts";
import { errors } from "../../http/errors.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { queueMail } from "../../mail/mailer.ts";
import { recordAudit } from "../auth/audit.ts";
import type { ChannelPlatform } from "../channels/canonical-url.ts";
import { canonicalOrThrow } from "../channels/service.ts";
import {
  nearestAdministrators,
  type PersonSummary,
  personIdWithin,
  personSummaries,
  personSummary,
  unitIdWithin,
} from "../org/membership.ts";
import type { Actor } from "../org/policy.ts";
import type { ActionContext } from "../org/service.ts";
import { declarationPurpose } from "./purpose.ts";

export type DeclarationRow = typeof accountDeclarations.$inferSelect;
export type DeclarationStatus = DeclarationRow["status"];
export type ReportKind = (typeof accountReports.kind.enumValues)[number];
type SignedInContext = ActionContext & { actor: Actor };

const declarationLabel = { vi: "kê khai tài khoản", en: "Account declaration" };
const reportLabel = { vi: "báo cáo", en: "Report" };

/** Where a change about the member is recorded: their own unit, so the audit stays in their branch. */
async function auditUnitOf(db: Executor, personId: string) {
  const person = await personSummary(db, personId);
  return person ? { id: person.unitId, path: person.unitPath } : null;
}

export function declarationView(row: DeclarationRow) {
  return {
    id: row.id,
    platform: row.platform,
    url: row.url,
    displayName: row.displayName,
    realName: row.realName,
    status: row.status,
    statusSince: row.statusSince,
    purposeVersion: row.purposeVersion,
    purposeText: row.purposeText,
    consentedAt: row.consentedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function requireOwnDeclaration(db: Executor, personId: string, declarationId: string, lock = false) {
  const query = db
    .select()
    .from(accountDeclarations)
    .where(and(eq(accountDeclarations.id, declarationId), eq(accountDeclarations.personId, personId)));
  // Someone else's declaration answers exactly like a missing one: its existence is private too.
  const [row] = lock ? await query.for("update") : await query;
  if (!row) {
    throw errors.notFound(declarationLabel);
  }
  return row;
}

function alreadyDeclared(existing: { displayName: string }) {
  return errors.conflict(
    "declarations.already_declared",
    `Bạn đã kê khai tài khoản này (“${existing.displayName}”).`,
    `You have already declared this account (“${existing.displayName}”).`,
  );
}

async function findOwnByKey(db: Executor, personId: string, key: string) {
  const [row] = await db
    .select({ id: accountDeclarations.id, displayName: accountDeclarations.displayName })
    .from(accountDeclarations)
    .where(and(eq(accountDeclarations.personId, personId), eq(accountDeclarations.key, key)));
  return row ?? null;
}

export interface DeclareAccountInput {
  platform: ChannelPlatform;
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
  if (input.purposeVersion !== declarationPurpose.version) {
    throw errors.conflict(
      "declarations.purpose_changed",
      "Nội dung mục đích kê khai vừa được cập nhật. Hãy tải lại trang, đọc lại và xác nhận.",
      "The stated purpose has just been updated. Reload the page, read it again and confirm.",
    );
  }
  const canonical = canonicalOrThrow(input.url, input.platform);
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
    const before = await requireOwnDeclaration(tx, personId, declarationId, true);
    const canonical = input.url !== undefined ? canonicalOrThrow(input.url, before.platform) : null;
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
    throw errors.badRequest(
      "declarations.date_in_future",
      "Ngày thay đổi không thể ở tương lai.",
      "The date of the change cannot be in the future.",
    );
  }
  return ctx.db.transaction(async (tx) => {
    const before = await requireOwnDeclaration(tx, personId, declarationId, true);
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
      await requireOwnDeclaration(tx, personId, declarationId, true);
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

export function reportView(row: typeof accountReports.$inferSelect) {
  return {
    id: row.id,
    declarationId: row.declarationId,
    kind: row.kind,
    happenedAt: row.happenedAt,
    description: row.description,
    impersonatorUrl: row.impersonatorUrl,
    alertedCount: row.alertedCount,
    acknowledgedAt: row.acknowledgedAt,
    createdAt: row.createdAt,
  };
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

export interface ReportAccountInput {
  kind: ReportKind;
  happenedAt: Date;
  description?: string | undefined;
  impersonatorUrl?: string | undefined;
}

const reportKindText: Record<ReportKind, { vi: string; en: string }> = {
  compromised: { vi: "bị chiếm quyền", en: "taken over" },
  impersonated: { vi: "bị giả mạo", en: "impersonated" },
};

function alertMail(
  admin: PersonSummary,
  member: PersonSummary,
  declaration: DeclarationRow,
  report: ReportAccountInput & { createdAt: Date },
  publicUrl: string,
) {
  const link = `${publicUrl}/declarations/alerts`;
  const kind = reportKindText[report.kind];
  if (admin.locale === "en") {
    return {
      to: admin.email ?? "",
      subject: `[Cầu Nối] Alert: ${member.fullName}'s account was ${kind.en}`,
      text: [
        `${member.fullName} (${member.unitName}) reports that their account was ${kind.en}.`,
        "",
        `Account: ${declaration.displayName} — ${declaration.url}`,
        `Happened: ${formatVietnamTime(report.happenedAt, "en")} (Vietnam time)`,
        `Reported: ${formatVietnamTime(report.createdAt, "en")}`,
        ...(report.impersonatorUrl ? [`Fake account: ${report.impersonatorUrl}`] : []),
        ...(report.description ? ["", `Their words: ${report.description}`] : []),
        "",
        `Follow up: ${link}`,
      ].join("\n"),
    };
  }
  return {
    to: admin.email ?? "",
    subject: `[Cầu Nối] Cảnh báo: tài khoản của ${member.fullName} ${kind.vi}`,
    text: [
      `${member.fullName} (${member.unitName}) báo tài khoản của mình ${kind.vi}.`,
      "",
      `Tài khoản: ${declaration.displayName} — ${declaration.url}`,
      `Thời điểm xảy ra: ${formatVietnamTime(report.happenedAt, "vi")}`,
      `Thời điểm báo: ${formatVietnamTime(report.createdAt, "vi")}`,
      ...(report.impersonatorUrl ? [`Tài khoản giả mạo: ${report.impersonatorUrl}`] : []),
      ...(report.description ? ["", `Mô tả của người báo: ${report.description}`] : []),
      "",
      `Xử lý tại: ${link}`,
    ].join("\n"),
  };
}

/**
 * The member reports a declared account taken over or impersonated. The report is kept for the
 * unit's administrators and mailed at once to the nearest ones above the member.
 */
export async function reportAccount(
  ctx: SignedInContext,
  deps: { jobs: JobQueue; publicUrl: string },
  declarationId: string,
  input: ReportAccountInput,
) {
  if (input.happenedAt.getTime() > Date.now() + 5 * 60_000) {
    throw errors.badRequest(
      "declarations.date_in_future",
      "Thời điểm xảy ra không thể ở tương lai.",
      "When it happened cannot be in the future.",
    );
  }
  const personId = ctx.actor.personId;
  const member = await personSummary(ctx.db, personId);
  if (!member) {
    throw errors.unauthenticated();
  }
  const admins = (await nearestAdministrators(ctx.db, member.unitId)).filter(
    (admin) => admin.email && admin.id !== personId,
  );
  const { declaration, report } = await ctx.db.transaction(async (tx) => {
    const declaration = await requireOwnDeclaration(tx, personId, declarationId, true);
    const [report] = await tx
      .insert(accountReports)
      .values({
        declarationId,
        personId,
        unitId: member.unitId,
        kind: input.kind,
        happenedAt: input.happenedAt,
        description: input.description?.normalize("NFC") || null,
        impersonatorUrl: input.impersonatorUrl || null,
        alertedCount: admins.length,
      })
      .returning();
    if (input.kind === "compromised") {
      await tx
        .update(accountDeclarations)
        .set({ status: "compromised", statusSince: input.happenedAt, updatedAt: new Date() })
        .where(eq(accountDeclarations.id, declarationId));
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "declarations.report",
      unit: { id: member.unitId, path: member.unitPath },
      target: { type: "account_report", id: report?.id ?? "" },
      ip: ctx.ip,
      details: { kind: input.kind, alerted: admins.map((admin) => admin.id) },
    });
    return { declaration, report: report as typeof accountReports.$inferSelect };
  });
  // Queued after the commit: on the embedded engine the queue shares the one connection.
  for (const admin of admins) {
    await queueMail(
      deps.jobs,
      alertMail(admin, member, declaration, { ...input, createdAt: report.createdAt }, deps.publicUrl),
    );
  }
  return {
    ...reportView(report),
    alerted: admins.map((admin) => ({ id: admin.id, fullName: admin.fullName })),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading other people's declarations: reviewers only, every read audited.

export interface ListMemberDeclarationsOptions {
  scope: readonly string[];
  /** The unit the list is narrowed to, if any. */
  unit?: { id: string; path: string } | undefined;
  personId?: string | undefined;
  platform?: ChannelPlatform | undefined;
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
    const pattern = `%${q.replace(/[\\%_]/g, "\\$&")}%`;
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

// ---------------------------------------------------------------------------------------------
// Alerts: reports as the administrators above the member see them.

export async function listAccountReports(
  db: Executor,
  options: {
    scope: readonly string[];
    unitPath?: string | undefined;
    open?: boolean;
    limit: number;
    offset: number;
  },
) {
  const conditions: SQL[] = [unitIdWithin(accountReports.unitId, options.scope, options.unitPath)];
  if (options.open) {
    conditions.push(isNull(accountReports.acknowledgedAt));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({ report: accountReports, declaration: accountDeclarations })
      .from(accountReports)
      .innerJoin(accountDeclarations, eq(accountDeclarations.id, accountReports.declarationId))
      .where(where)
      .orderBy(desc(accountReports.createdAt))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: count() }).from(accountReports).where(where),
  ]);
  const people = await personSummaries(db, [
    ...rows.map((row) => row.report.personId),
    ...rows.flatMap((row) => (row.report.acknowledgedBy ? [row.report.acknowledgedBy] : [])),
  ]);
  return {
    items: rows.map(({ report, declaration }) => {
      const member = people.get(report.personId);
      return {
        ...reportView(report),
        // What the member chose to send to their administrators by reporting: this account only.
        account: {
          platform: declaration.platform,
          url: declaration.url,
          displayName: declaration.displayName,
        },
        member: {
          id: report.personId,
          fullName: member?.fullName ?? "",
          unitId: report.unitId,
          unitName: member?.unitName ?? "",
        },
        acknowledgedBy: report.acknowledgedBy
          ? { id: report.acknowledgedBy, fullName: people.get(report.acknowledgedBy)?.fullName ?? "" }
          : null,
      };
    }),
    total: total?.total ?? 0,
  };
}

/** The unit a report was made from, for the access check; null when there is no such report. */
export async function unitOfReport(db: Executor, reportId: string): Promise<string | null> {
  const [row] = await db
    .select({ unitId: accountReports.unitId })
    .from(accountReports)
    .where(eq(accountReports.id, reportId));
  return row?.unitId ?? null;
}

export async function acknowledgeReport(ctx: SignedInContext, reportId: string) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(accountReports)
      .set({ acknowledgedBy: ctx.actor.personId, acknowledgedAt: new Date() })
      .where(and(eq(accountReports.id, reportId), isNull(accountReports.acknowledgedAt)))
      .returning();
    if (!row) {
      const [existing] = await tx.select().from(accountReports).where(eq(accountReports.id, reportId));
      if (!existing) {
        throw errors.notFound(reportLabel);
      }
      return existing;
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "declarations.report_acknowledged",
      unit: await auditUnitOf(tx, row.personId),
      target: { type: "account_report", id: reportId },
      ip: ctx.ip,
    });
    return row;
  });
}
