import type { accountDeclarations, accountReports } from "../../db/schema/index.ts";

/* What a declaration and a report look like in a response: explicit fields, never the raw row. */

export type DeclarationRow = typeof accountDeclarations.$inferSelect;
export type DeclarationStatus = DeclarationRow["status"];
export type ReportKind = (typeof accountReports.kind.enumValues)[number];

/** A declaration as its owner (or a reviewer) sees it. */
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

/** A report as the member who made it and the administrators above them see it. */
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
