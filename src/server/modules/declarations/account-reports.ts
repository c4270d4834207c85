import { and, count, desc, eq, isNull, type SQL } from "drizzle-orm";
import { formatVietnamTime } from "../../../shared/vietnam-time.ts";
import type { Executor } from "../../db/client.ts";
import { accountDeclarations, accountReports } from "../../db/schema/index.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { queueMail } from "../../mail/mailer.ts";
import { recordAudit } from "../../platform/audit.ts";
import { errors } from "../../platform/errors.ts";
import {
  nearestAdministrators,
  type PersonSummary,
  personSummaries,
  personSummary,
  unitIdWithin,
} from "../org/index.ts";
import { declarationErrors } from "./errors.ts";
import { canAcknowledgeReport, isAlertRecipient } from "./policy.ts";
import { type DeclarationRow, type ReportKind, reportView } from "./presenters.ts";
import { auditUnitOf, requireOwnDeclaration, type SignedInContext } from "./service.ts";

/*
 * Reports of a declared account taken over or impersonated: the member makes one, the nearest
 * administrators above them are mailed at once and follow it up in their alerts.
 */

const reportLabel = { vi: "báo cáo", en: "Report" };

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
    throw declarationErrors.dateInFuture({ field: "happenedAt" });
  }
  const personId = ctx.actor.personId;
  const member = await personSummary(ctx.db, personId);
  if (!member) {
    throw errors.unauthenticated();
  }
  const admins = (await nearestAdministrators(ctx.db, member.unitId)).filter((admin) =>
    isAlertRecipient(admin, personId),
  );
  const { declaration, report } = await ctx.db.transaction(async (tx) => {
    const declaration = await requireOwnDeclaration(tx, ctx.actor, declarationId, true);
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

/** Reports made from units within the scope, newest first: the alerts administrators follow up. */
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
        canAcknowledge: canAcknowledgeReport(report),
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

/** An administrator takes a report in hand; one already acknowledged keeps its first acknowledgement. */
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
