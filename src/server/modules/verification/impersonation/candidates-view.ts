import { eq } from "drizzle-orm";
import type { Candidate } from "../../../../shared/api/verification-impersonation-candidates.ts";
import type { Executor } from "../../../db/client.ts";
import { impersonationCandidates } from "../../../db/schema/verification.ts";
import type { Actor } from "../../../platform/actor.ts";
import { getChannel } from "../../channels/index.ts";
import { personNames, unitSummaries } from "../../org/index.ts";
import { canManageCase } from "../policy.ts";
import { candidateErrors } from "./candidates-errors.ts";

/* How a candidate is shown: its row with the names of its unit, its channel and who decided. */

export type CandidateRow = typeof impersonationCandidates.$inferSelect;

export async function requireCandidate(db: Executor, id: string, forUpdate = false): Promise<CandidateRow> {
  const query = db.select().from(impersonationCandidates).where(eq(impersonationCandidates.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) {
    throw candidateErrors.candidateNotFound();
  }
  return row;
}

async function channelRef(db: Executor, channelId: string | null) {
  if (!channelId) {
    return null;
  }
  try {
    const channel = await getChannel(db, channelId);
    return {
      id: channel.id,
      platform: channel.platform,
      url: channel.url,
      displayName: channel.displayName,
      unitName: channel.unitName,
    };
  } catch {
    // Taken out of the registry since: the candidate no longer names it.
    return null;
  }
}

export async function candidateViews(
  db: Executor,
  rows: CandidateRow[],
  actor: Actor | null,
): Promise<Candidate[]> {
  const [units, names] = await Promise.all([
    unitSummaries(
      db,
      rows.map((row) => row.unitId),
    ),
    personNames(
      db,
      rows.flatMap((row) => (row.decidedBy ? [row.decidedBy] : [])),
    ),
  ]);
  const channels = new Map<string, Awaited<ReturnType<typeof channelRef>>>();
  for (const id of new Set(rows.flatMap((row) => (row.channelId ? [row.channelId] : [])))) {
    channels.set(id, await channelRef(db, id));
  }
  return rows.map((row) => {
    const unit = units.get(row.unitId);
    return {
      id: row.id,
      unitId: row.unitId,
      unitName: unit?.name ?? "",
      caseId: row.caseId,
      source: row.source,
      url: row.url,
      platform: row.platform,
      displayName: row.displayName,
      handle: row.handle,
      hasScreenshot: row.avatarFileId !== null,
      score: row.score,
      reasons: row.reasons,
      channel: row.channelId ? (channels.get(row.channelId) ?? null) : null,
      status: row.status,
      decidedByName: row.decidedBy ? (names.get(row.decidedBy) ?? null) : null,
      decidedAt: row.decidedAt,
      note: row.note,
      createdAt: row.createdAt,
      canManage: actor !== null && unit !== undefined && canManageCase(actor, unit.path),
    };
  });
}

export async function candidateView(
  db: Executor,
  row: CandidateRow,
  actor: Actor | null,
): Promise<Candidate> {
  const [view] = await candidateViews(db, [row], actor);
  if (!view) {
    throw candidateErrors.candidateNotFound();
  }
  return view;
}
