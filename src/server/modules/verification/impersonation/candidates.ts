import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { ImpersonationStatus } from "../../../../shared/api/verification-values.ts";
import type { Executor } from "../../../db/client.ts";
import { impersonationCandidates } from "../../../db/schema/verification.ts";
import { type Actor, scopeFor } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { totalOfPage } from "../../../platform/pagination.ts";
import { canonicalOrThrow, lookupChannel, unitOfChannel } from "../../channels/index.ts";
import { firstRootUnitId, requireUnitSummary, unitIdWithin } from "../../org/index.ts";
import { candidateErrors } from "./candidates-errors.ts";
import { type CandidateRow, candidateViews } from "./candidates-view.ts";
import { scoreImpersonation } from "./score.ts";

/*
 * Pages suspected of impersonating a registered channel, from a citizen on /kiem-tra, a checker or an
 * imported list. Each is scored once on arrival; the score is a suggestion for a person, who alone
 * confirms or dismisses. A registered channel's address never becomes a candidate, and a page already
 * known (by its canonical key) makes nothing new.
 */

export type CandidateSource = CandidateRow["source"];

export interface CandidateIntake {
  source: CandidateSource;
  url: string;
  displayName?: string | null;
  handle?: string | null;
  /** Where it goes when it resembles no registered channel (else the reporter's unit, else the root). */
  unitId?: string | null;
  note?: string | null;
}

export type IntakeOutcome =
  | { kind: "official"; channel: { displayName: string; url: string; unitName: string } }
  | { kind: "known"; candidate: CandidateRow }
  | { kind: "created"; candidate: CandidateRow };

/** The page's canonical key and what the registry already says of it. */
export async function registryAnswer(db: Executor, url: string) {
  const canonical = canonicalOrThrow(url);
  const answer = await lookupChannel(db, canonical.url);
  return { canonical, answer };
}

export async function candidateOfKey(db: Executor, key: string): Promise<CandidateRow | null> {
  const [row] = await db
    .select()
    .from(impersonationCandidates)
    .where(eq(impersonationCandidates.urlKey, key))
    .orderBy(desc(impersonationCandidates.createdAt))
    .limit(1);
  return row ?? null;
}

async function fallbackUnit(db: Executor, intake: CandidateIntake, actor: Actor | null): Promise<string> {
  const unitId = intake.unitId ?? actor?.unitId ?? (await firstRootUnitId(db));
  if (!unitId) {
    throw candidateErrors.noUnit();
  }
  return unitId;
}

/**
 * Scores and records one page, unless it is a registered channel or already known. Runs in the
 * caller's transaction (an import records all its rows in one).
 */
export async function takeCandidate(
  tx: Executor,
  ctx: Pick<ActionContext, "actor" | "ip">,
  intake: CandidateIntake,
  options: { audit?: boolean } = {},
): Promise<IntakeOutcome> {
  const { canonical, answer } = await registryAnswer(tx, intake.url);
  if ((answer.status === "official" || answer.status === "formerly_official") && answer.channel) {
    const channel = answer.channel;
    return {
      kind: "official",
      channel: { displayName: channel.displayName, url: channel.url, unitName: channel.unit.name },
    };
  }
  // Two people reporting the same page at once must not make two candidates (the key has no unique index).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`impersonation:${canonical.key}`}))`);
  const known = await candidateOfKey(tx, canonical.key);
  if (known) {
    return { kind: "known", candidate: known };
  }
  const displayName = intake.displayName?.trim() || canonical.handle || canonical.url;
  const handle = intake.handle?.trim() || canonical.handle || null;
  const score = await scoreImpersonation(tx, { url: canonical.url, displayName, handle });
  if (score.registered) {
    return { kind: "official", channel: { displayName, url: canonical.url, unitName: "" } };
  }
  const unitId = score.channelId
    ? await unitOfChannel(tx, score.channelId)
    : await fallbackUnit(tx, intake, ctx.actor);
  const [row] = await tx
    .insert(impersonationCandidates)
    .values({
      unitId,
      source: intake.source,
      url: canonical.url,
      urlKey: canonical.key,
      platform: canonical.platform,
      displayName,
      handle,
      score: score.score,
      reasons: score.reasons,
      channelId: score.channelId ?? null,
      note: intake.note?.trim() || null,
    })
    .returning();
  if (!row) {
    throw new Error("candidate insert returned nothing");
  }
  if (options.audit !== false) {
    const unit = await requireUnitSummary(tx, unitId);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "impersonation.create",
      unit: { id: unit.id, path: unit.path },
      target: { type: "impersonation_candidate", id: row.id },
      ip: ctx.ip,
      details: { source: row.source, url: row.url, score: row.score },
    });
  }
  return { kind: "created", candidate: row };
}

/** Takes one page in its own transaction. */
export async function reportCandidate(ctx: ActionContext, intake: CandidateIntake): Promise<IntakeOutcome> {
  return ctx.db.transaction((tx) => takeCandidate(tx, ctx, intake));
}

export interface ListCandidatesOptions {
  status?: ImpersonationStatus;
  limit: number;
  offset: number;
}

/** The candidates of the units the actor may read, highest score first. */
export async function listCandidates(db: Executor, actor: Actor, options: ListCandidatesOptions) {
  const filters: SQL[] = [unitIdWithin(impersonationCandidates.unitId, scopeFor(actor, "cases.read"))];
  if (options.status) {
    filters.push(eq(impersonationCandidates.status, options.status));
  }
  const where = and(...filters);
  const rows = await db
    .select({ id: impersonationCandidates.id, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(impersonationCandidates)
    .where(where)
    .orderBy(desc(impersonationCandidates.score), desc(impersonationCandidates.createdAt))
    .limit(options.limit)
    .offset(options.offset);
  const total = await totalOfPage(rows, options.offset, async () => {
    const [count] = await db
      .select({ count: sql<number>`count(*)`.mapWith(Number) })
      .from(impersonationCandidates)
      .where(where);
    return count?.count ?? 0;
  });
  const full =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(impersonationCandidates)
          .where(
            inArray(
              impersonationCandidates.id,
              rows.map((row) => row.id),
            ),
          );
  const byId = new Map(full.map((row) => [row.id, row]));
  const ordered = rows.flatMap((row) => {
    const found = byId.get(row.id);
    return found ? [found] : [];
  });
  return { items: await candidateViews(db, ordered, actor), total };
}
