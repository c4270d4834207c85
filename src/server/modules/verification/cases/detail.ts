import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import {
  verificationCases,
  verificationEvents,
  verificationEvidence,
  verificationFiles,
  verificationSuggestions,
  verificationTips,
} from "../../../db/schema/verification.ts";
import type { Actor } from "../../../platform/actor.ts";
import { personNames, roleHoldersAtOrAbove, unitSummaries } from "../../org/index.ts";
import type { ScopedCase } from "../case-access.ts";
import { canManageCase, canReadCase } from "../policy.ts";
import { checklistFor } from "./checklists.ts";
import { ocrAvailable } from "./ocr.ts";
import { isOverdue } from "./queue.ts";

/** The file columns a page shows: everything but the bytes. */
export const fileColumns = {
  id: verificationFiles.id,
  tipId: verificationFiles.tipId,
  evidenceId: verificationFiles.evidenceId,
  mimeType: verificationFiles.mimeType,
  fileName: verificationFiles.fileName,
  byteSize: verificationFiles.byteSize,
  width: verificationFiles.width,
  height: verificationFiles.height,
  ocrStatus: verificationFiles.ocrStatus,
  ocrText: verificationFiles.ocrText,
  createdAt: verificationFiles.createdAt,
};

/** The roles that may be given a case: those holding cases.manage over its unit. */
export const assigneeRoles = ["checker", "administrator"] as const;

const personRef = (names: Map<string, string>, id: string | null) =>
  id ? { id, fullName: names.get(id) ?? "" } : null;

/** Everything the case page shows, as the actor may see it (reporters' e-mails only as a yes/no). */
export async function caseDetail(db: Executor, actor: Actor, scoped: ScopedCase) {
  const [row] = await db.select().from(verificationCases).where(eq(verificationCases.id, scoped.row.id));
  const current = row ?? scoped.row;
  const caseId = current.id;
  const now = new Date();
  const tips = await db
    .select({
      id: verificationTips.id,
      source: verificationTips.source,
      match: verificationTips.match,
      text: verificationTips.text,
      url: verificationTips.url,
      hasEmail: verificationTips.email,
      createdAt: verificationTips.createdAt,
    })
    .from(verificationTips)
    .where(eq(verificationTips.caseId, caseId))
    .orderBy(asc(verificationTips.createdAt));
  const files = await db
    .select(fileColumns)
    .from(verificationFiles)
    .where(eq(verificationFiles.caseId, caseId))
    .orderBy(asc(verificationFiles.createdAt));
  const evidence = await db
    .select()
    .from(verificationEvidence)
    .where(and(eq(verificationEvidence.caseId, caseId), isNull(verificationEvidence.removedAt)))
    .orderBy(asc(verificationEvidence.createdAt));
  const timeline = await db
    .select()
    .from(verificationEvents)
    .where(eq(verificationEvents.caseId, caseId))
    .orderBy(asc(verificationEvents.createdAt), asc(verificationEvents.id));
  const suggestions = await openSuggestions(db, actor, caseId);
  const checklist = await checklistFor(db, current.unitId, current.category);
  const assigneeIds = await roleHoldersAtOrAbove(db, current.unitId, assigneeRoles);

  const ticks = Object.values(current.checklist).map((tick) => tick.by);
  const names = await personNames(db, [
    ...assigneeIds,
    ...ticks,
    ...(current.assigneeId ? [current.assigneeId] : []),
    ...evidence.flatMap((item) => (item.createdBy ? [item.createdBy] : [])),
    ...timeline.flatMap((event) => (event.actorId ? [event.actorId] : [])),
  ]);
  const unit = (await unitSummaries(db, [current.unitId])).get(current.unitId);

  return {
    id: caseId,
    unitId: current.unitId,
    unitName: unit?.name ?? "",
    title: current.title,
    claimText: current.claimText,
    url: current.url,
    category: current.category,
    urgency: current.urgency,
    status: current.status,
    dueAt: current.dueAt,
    overdue: isOverdue(current, now),
    assignee: personRef(names, current.assigneeId),
    demand: current.demandCount,
    mergedIntoId: current.mergedIntoId,
    firstActionAt: current.firstActionAt,
    createdAt: current.createdAt,
    contacts: { tips: tips.length, withEmail: tips.filter((tip) => tip.hasEmail).length },
    tips: tips.map((tip) => ({
      ...tip,
      hasEmail: Boolean(tip.hasEmail),
      files: files.filter((file) => file.tipId === tip.id),
    })),
    suggestions,
    evidence: evidence.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      note: item.note,
      authoritative: item.authoritative,
      isPublic: item.isPublic,
      createdBy: personRef(names, item.createdBy),
      createdAt: item.createdAt,
      files: files.filter((file) => file.evidenceId === item.id),
    })),
    checklist: checklistView(checklist, current.checklist, names),
    timeline: timeline.map((event) => ({
      id: event.id,
      kind: event.kind,
      actor: personRef(names, event.actorId),
      details: event.details,
      createdAt: event.createdAt,
    })),
    assignees: assigneeIds
      .map((id) => ({ id, fullName: names.get(id) ?? "" }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, "vi")),
    ocrAvailable: await ocrAvailable(),
    canManage: canManageCase(actor, scoped.unitPath),
  };
}

export function checklistView(
  items: { key: string; text: string }[],
  ticks: Record<string, { by: string; at: string }>,
  names: Map<string, string>,
) {
  return items.map((item) => {
    const tick = ticks[item.key];
    return {
      key: item.key,
      text: item.text,
      ticked: tick ? { by: personRef(names, tick.by), at: new Date(tick.at) } : null,
    };
  });
}

/** Open duplicate suggestions either way round, only where the actor may read the other case. */
async function openSuggestions(db: Executor, actor: Actor, caseId: string) {
  const rows = await db
    .select()
    .from(verificationSuggestions)
    .where(
      and(
        eq(verificationSuggestions.status, "open"),
        or(eq(verificationSuggestions.caseId, caseId), eq(verificationSuggestions.candidateCaseId, caseId)),
      ),
    )
    .orderBy(asc(verificationSuggestions.createdAt));
  const otherIds = rows.map((row) => (row.caseId === caseId ? row.candidateCaseId : row.caseId));
  if (otherIds.length === 0) {
    return [];
  }
  const others = await db
    .select({
      id: verificationCases.id,
      title: verificationCases.title,
      status: verificationCases.status,
      demand: verificationCases.demandCount,
      unitId: verificationCases.unitId,
    })
    .from(verificationCases)
    .where(inArray(verificationCases.id, otherIds));
  const unitsById = await unitSummaries(
    db,
    others.map((other) => other.unitId),
  );
  const readable = new Map(
    others
      .filter((other) => {
        const path = unitsById.get(other.unitId)?.path;
        return path !== undefined && canReadCase(actor, path) && other.status !== "merged";
      })
      .map((other) => [other.id, other]),
  );
  return rows.flatMap((row) => {
    const other = readable.get(row.caseId === caseId ? row.candidateCaseId : row.caseId);
    if (!other) {
      return [];
    }
    return [
      {
        id: row.id,
        fromCaseId: row.caseId,
        intoCaseId: row.candidateCaseId,
        otherCase: { id: other.id, title: other.title, status: other.status, demand: other.demand },
        score: row.score,
        reasons: row.reasons,
        createdAt: row.createdAt,
      },
    ];
  });
}
