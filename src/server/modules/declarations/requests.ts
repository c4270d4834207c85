import { and, count, desc, eq, isNull } from "drizzle-orm";
import { vietnamToday } from "../../../shared/vietnam-time.ts";
import type { Executor } from "../../db/client.ts";
import { accountDeclarations, declarationRequests, declarationResponses } from "../../db/schema/index.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import {
  countSubtreePeople,
  personIdWithin,
  personSummary,
  requireActiveTargetUnit,
  subtreePeople,
  subtreeUnits,
  unitIdAtOrAbove,
  unitIdWithin,
  unitPath,
  unitSummaries,
} from "../org/index.ts";
import { declarationErrors } from "./errors.ts";
import { canCloseRequest, requestReachesMember } from "./policy.ts";
import { plannedReminders, REMINDER_JOB, type ReminderJob } from "./reminders.ts";

/*
 * Requests to review declarations: administrators send them to a subtree and follow how far each
 * unit has answered; members see those that reach them and confirm. Their reminders are in reminders.ts.
 */

type SignedInContext = ActionContext & { actor: Actor };
export type DeclarationRequestRow = typeof declarationRequests.$inferSelect;

const requestLabel = { vi: "yêu cầu rà soát kê khai", en: "Declaration request" };

async function requireRequest(db: Executor, requestId: string): Promise<DeclarationRequestRow> {
  const [row] = await db.select().from(declarationRequests).where(eq(declarationRequests.id, requestId));
  if (!row) {
    throw errors.notFound(requestLabel);
  }
  return row;
}

/** The unit a request was sent to, for the access check; null when there is no such request. */
export async function unitOfRequest(db: Executor, requestId: string): Promise<string | null> {
  const [row] = await db
    .select({ unitId: declarationRequests.unitId })
    .from(declarationRequests)
    .where(eq(declarationRequests.id, requestId));
  return row?.unitId ?? null;
}

export interface CreateRequestInput {
  unitId: string;
  title: string;
  message?: string | null | undefined;
  dueOn: string;
}

/** An administrator asks everyone in a subtree to review their declarations by `dueOn`. */
export async function createDeclarationRequest(
  ctx: SignedInContext,
  jobs: JobQueue,
  input: CreateRequestInput,
) {
  if (input.dueOn < vietnamToday()) {
    throw declarationErrors.dueInPast();
  }
  const row = await ctx.db.transaction(async (tx) => {
    const unit = await requireActiveTargetUnit(tx, input.unitId, {
      lock: true,
      refusal: { vi: "không thể gửi yêu cầu tới đơn vị này.", en: "no request can be sent to it." },
    });
    const [created] = await tx
      .insert(declarationRequests)
      .values({
        unitId: unit.id,
        title: input.title.normalize("NFC"),
        message: input.message?.normalize("NFC") || null,
        dueOn: input.dueOn,
        createdBy: ctx.actor.personId,
      })
      .returning();
    const request = created as DeclarationRequestRow;
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "declarations.request_create",
      unit,
      target: { type: "declaration_request", id: request.id },
      ip: ctx.ip,
      details: { title: request.title, dueOn: request.dueOn },
    });
    return request;
  });
  // Scheduled after the commit; a reminder job finding the request closed or answered sends nothing.
  const reminders = plannedReminders(row.dueOn, new Date());
  for (const planned of reminders) {
    await jobs.send<ReminderJob>(
      REMINDER_JOB,
      { requestId: row.id, reminder: planned.reminder },
      { startAfter: planned.at },
    );
  }
  return { request: row, reminders: reminders.map((planned) => planned.at) };
}

/** Closes a request early; members no longer see it and no reminders go out. */
export async function closeDeclarationRequest(ctx: SignedInContext, requestId: string) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(declarationRequests)
      .set({ closedAt: new Date() })
      .where(and(eq(declarationRequests.id, requestId), isNull(declarationRequests.closedAt)))
      .returning();
    if (!row) {
      return requireRequest(tx, requestId);
    }
    const units = await unitSummaries(tx, [row.unitId]);
    const unit = units.get(row.unitId);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "declarations.request_close",
      unit: unit ? { id: unit.id, path: unit.path } : null,
      target: { type: "declaration_request", id: requestId },
      ip: ctx.ip,
    });
    return row;
  });
}

async function respondedCount(db: Executor, requestId: string, rootPath: string): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(declarationResponses)
    .where(
      and(
        eq(declarationResponses.requestId, requestId),
        // Only people still in the subtree count, so the figure can be compared with its member count.
        personIdWithin(declarationResponses.personId, [rootPath]),
      ),
    );
  return row?.total ?? 0;
}

function requestView(row: DeclarationRequestRow, unit: { name: string } | undefined) {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: unit?.name ?? "",
    title: row.title,
    message: row.message,
    dueOn: row.dueOn,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    overdue: row.closedAt === null && row.dueOn < vietnamToday(),
    canClose: canCloseRequest(row),
  };
}

/** Requests sent to units within the scope, newest first, each with its completion. */
export async function listDeclarationRequests(
  db: Executor,
  options: { scope: readonly string[]; unitPath?: string | undefined; limit: number; offset: number },
) {
  const where = unitIdWithin(declarationRequests.unitId, options.scope, options.unitPath);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(declarationRequests)
      .where(where)
      .orderBy(desc(declarationRequests.createdAt), desc(declarationRequests.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: count() }).from(declarationRequests).where(where),
  ]);
  const units = await unitSummaries(
    db,
    rows.map((row) => row.unitId),
  );
  const items = [];
  for (const row of rows) {
    const unit = units.get(row.unitId);
    const members = unit ? await countSubtreePeople(db, unit.path) : 0;
    const responded = unit ? await respondedCount(db, row.id, unit.path) : 0;
    items.push({ ...requestView(row, unit), members, responded });
  }
  return { items, total: total?.total ?? 0 };
}

export interface UnitCompletion {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
  /** People whose own unit this is. */
  members: number;
  responded: number;
  /** The unit with everything below it. */
  subtreeMembers: number;
  subtreeResponded: number;
}

/** One request with how far each unit of its subtree has answered (counted over current members). */
export async function declarationRequestCompletion(db: Executor, requestId: string) {
  const row = await requireRequest(db, requestId);
  const unit = (await unitSummaries(db, [row.unitId])).get(row.unitId);
  if (!unit) {
    throw errors.notFound(requestLabel);
  }
  const [unitsBelow, members, responses] = await Promise.all([
    subtreeUnits(db, unit.path),
    subtreePeople(db, unit.path),
    db
      .select({ personId: declarationResponses.personId })
      .from(declarationResponses)
      .where(eq(declarationResponses.requestId, requestId)),
  ]);
  const respondedIds = new Set(responses.map((response) => response.personId));
  const byUnit = new Map<string, UnitCompletion>();
  const rootDepth = unit.path.split(".").length;
  for (const below of unitsBelow) {
    byUnit.set(below.id, {
      id: below.id,
      name: below.name,
      parentId: below.id === unit.id ? null : below.parentId,
      depth: below.path.split(".").length - rootDepth,
      members: 0,
      responded: 0,
      subtreeMembers: 0,
      subtreeResponded: 0,
    });
  }
  const pathOf = new Map(unitsBelow.map((below) => [below.id, below.path]));
  const idOfPath = new Map(unitsBelow.map((below) => [below.path, below.id]));
  for (const person of members) {
    const own = byUnit.get(person.unitId);
    if (!own) {
      continue;
    }
    const answered = respondedIds.has(person.id);
    own.members += 1;
    own.responded += answered ? 1 : 0;
    // Every unit from the person's own up to the request's unit counts them in its subtree.
    const labels = (pathOf.get(person.unitId) ?? "").split(".");
    for (let depth = labels.length; depth >= rootDepth; depth -= 1) {
      const ancestor = byUnit.get(idOfPath.get(labels.slice(0, depth).join(".")) ?? "");
      if (ancestor) {
        ancestor.subtreeMembers += 1;
        ancestor.subtreeResponded += answered ? 1 : 0;
      }
    }
  }
  const top = byUnit.get(unit.id);
  return {
    ...requestView(row, unit),
    members: top?.subtreeMembers ?? 0,
    responded: top?.subtreeResponded ?? 0,
    units: [...byUnit.values()].filter((entry) => entry.subtreeMembers > 0),
  };
}

/** The open requests that reach a person (sent to their unit or a unit above), with their answer. */
export async function requestsForMember(db: Executor, personId: string) {
  const person = await personSummary(db, personId);
  if (!person) {
    return [];
  }
  const rows = await db
    .select({ request: declarationRequests, respondedAt: declarationResponses.respondedAt })
    .from(declarationRequests)
    .leftJoin(
      declarationResponses,
      and(
        eq(declarationResponses.requestId, declarationRequests.id),
        eq(declarationResponses.personId, personId),
      ),
    )
    // The rule of requestReachesMember, as the query's condition.
    .where(
      and(unitIdAtOrAbove(declarationRequests.unitId, person.unitPath), isNull(declarationRequests.closedAt)),
    )
    .orderBy(desc(declarationRequests.createdAt))
    .limit(50);
  const units = await unitSummaries(
    db,
    rows.map((row) => row.request.unitId),
  );
  return rows.map((row) => ({
    ...requestView(row.request, units.get(row.request.unitId)),
    respondedAt: row.respondedAt,
  }));
}

/** The member confirms they have reviewed (and, if needed, updated) their declarations. */
export async function respondToRequest(ctx: SignedInContext, requestId: string) {
  const personId = ctx.actor.personId;
  const person = await personSummary(ctx.db, personId);
  const request = person ? await requireRequest(ctx.db, requestId) : null;
  const requestUnitPath = request ? await unitPath(ctx.db, request.unitId) : null;
  if (
    !person ||
    !request ||
    !requestUnitPath ||
    !requestReachesMember(request, requestUnitPath, person.unitPath)
  ) {
    // A request of another branch answers like a missing one.
    throw errors.notFound(requestLabel);
  }
  return ctx.db.transaction(async (tx) => {
    const [declared] = await tx
      .select({ total: count() })
      .from(accountDeclarations)
      .where(eq(accountDeclarations.personId, personId));
    const respondedAt = new Date();
    const values = { requestId, personId, declarationCount: declared?.total ?? 0, respondedAt };
    // Confirming again (after a later change) refreshes the answer.
    await tx
      .insert(declarationResponses)
      .values(values)
      .onConflictDoUpdate({
        target: [declarationResponses.requestId, declarationResponses.personId],
        set: { declarationCount: values.declarationCount, respondedAt },
      });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "declarations.request_respond",
      unit: { id: person.unitId, path: person.unitPath },
      target: { type: "declaration_request", id: requestId },
      ip: ctx.ip,
    });
    return { requestId, respondedAt, declarationCount: values.declarationCount };
  });
}
