import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { verificationVerdictChanges, verificationVerdicts } from "../../../db/schema/verification.ts";
import { type Actor, can } from "../../../platform/actor.ts";
import { personNames } from "../../org/index.ts";
import { hasPortal, publishedAddressOfPost } from "../../publishing/index.ts";
import type { ScopedCase } from "../case-access.ts";
import { canManageCase, canSignOffVerdict } from "../policy.ts";
import { isPublicLabel, methodologyPath } from "./labels.ts";

export type VerdictRow = typeof verificationVerdicts.$inferSelect;

export async function verdictOfCase(db: Executor, caseId: string, forUpdate = false) {
  const query = db
    .select()
    .from(verificationVerdicts)
    .where(eq(verificationVerdicts.caseId, caseId))
    .limit(1);
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function changesOfVerdict(db: Executor, verdictId: string) {
  return db
    .select()
    .from(verificationVerdictChanges)
    .where(eq(verificationVerdictChanges.verdictId, verdictId))
    .orderBy(asc(verificationVerdictChanges.version));
}

/** What each rule answers for this reader, so the panel offers exactly what the server accepts. */
function abilities(actor: Actor, scoped: ScopedCase, verdict: VerdictRow | null, portal: boolean) {
  const open = scoped.row.status !== "merged";
  const approver = can(actor, "cases.approve", scoped.unitPath);
  return {
    draft: open && canManageCase(actor, scoped.unitPath) && verdict?.status !== "published",
    signOff: open && verdict?.status === "draft" && canSignOffVerdict(actor, scoped.unitPath, verdict),
    publish: open && approver && portal && verdict?.status === "signed_off" && isPublicLabel(verdict.label),
    pause: open && approver && verdict?.status === "published",
  };
}

/** The case's verdict as the desk sees it, with the reader's possible actions. */
export async function verdictState(db: Executor, actor: Actor, scoped: ScopedCase, publicUrl: string) {
  const verdict = await verdictOfCase(db, scoped.row.id);
  const portal = await hasPortal(db, scoped.row.unitId);
  const can = abilities(actor, scoped, verdict, portal);
  const base = {
    caseId: scoped.row.id,
    caseStatus: scoped.row.status,
    can,
    hasPortal: portal,
    methodologyUrl: `${publicUrl}${methodologyPath}`,
  };
  if (!verdict) {
    return { ...base, verdict: null, ownDraft: false };
  }
  const names = await personNames(
    db,
    [verdict.draftedBy, verdict.signedOffBy].filter((id): id is string => id !== null),
  );
  const personOf = (id: string | null) => (id ? { id, fullName: names.get(id) ?? "" } : null);
  const address = verdict.postId
    ? await publishedAddressOfPost(db, { postId: verdict.postId, publicUrl })
    : null;
  const changes = await changesOfVerdict(db, verdict.id);
  return {
    ...base,
    ownDraft: verdict.status === "draft" && verdict.draftedBy === actor.personId,
    verdict: {
      id: verdict.id,
      label: verdict.label,
      claimReviewed: verdict.claimReviewed,
      explanation: verdict.explanation,
      status: verdict.status,
      version: verdict.version,
      draftedBy: personOf(verdict.draftedBy),
      signedOffBy: personOf(verdict.signedOffBy),
      signedOffAt: verdict.signedOffAt,
      publishedAt: verdict.publishedAt,
      articleUrl: address?.url ?? null,
      changes: changes.map((change) => ({
        version: change.version,
        labelBefore: change.labelBefore,
        labelAfter: change.labelAfter,
        note: change.note,
        createdAt: change.createdAt,
      })),
    },
  };
}
