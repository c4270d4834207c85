import type { Db } from "../db/client.ts";
import type { JobQueue } from "../jobs/queue.ts";
import { findUnitByCodeOrId, loadActor, personAccountByEmail } from "../modules/org/index.ts";
import {
  addCaseEvidence,
  addCaseIndicator,
  draftVerdict,
  publishVerdict,
  reportCandidate,
  signOffVerdict,
  submitTip,
  triageCase,
} from "../modules/verification/index.ts";
import type { Actor } from "../platform/actor.ts";
import { EMAIL_DOMAIN } from "./demo-accounts.ts";
import { demoCases } from "./demo-verification-texts.ts";

/*
 * The verification desk's demo: citizens' tips to the province's desk (two of them the same rumour,
 * merged; one reworded, suggested), each case at a different step (received, being checked, waiting
 * for sign-off, published as a correction with its scam indicators), and a look-alike of the provincial
 * police's fanpage waiting for a checker. Everything goes through the module's services, as a person
 * would do it, so timelines, audit records and the correction article are the real ones.
 */

interface DeskPeople {
  checker: Actor;
  approver: Actor;
}

async function deskPeople(db: Db): Promise<DeskPeople | null> {
  const checker = await personAccountByEmail(db, `khanh.phamquoc@${EMAIL_DOMAIN}`);
  const approver = await personAccountByEmail(db, `binh.trieuvan@${EMAIL_DOMAIN}`);
  if (!checker || !approver) {
    return null;
  }
  const checkerActor = await loadActor(db, checker.id, "session");
  const approverActor = await loadActor(db, approver.id, "session");
  return checkerActor && approverActor ? { checker: checkerActor, approver: approverActor } : null;
}

/** Adds the demo's cases; called once, after the demo posts (the correction article joins the portal). */
export async function seedDemoVerification(
  db: Db,
  deps: { publicUrl: string; jobs: JobQueue },
): Promise<number> {
  const root = await findUnitByCodeOrId(db, "TQ");
  const people = await deskPeople(db);
  if (!root || !people) {
    return 0;
  }
  const citizen = { db, actor: null, ip: null };
  const asChecker = { db, actor: people.checker, ip: null };
  const asApprover = { db, actor: people.approver, ip: null };
  let cases = 0;
  for (const planned of demoCases) {
    const [first, ...others] = planned.tips;
    if (!first) {
      continue;
    }
    const { caseId } = await submitTip(citizen, { ...first, unitId: root.id });
    for (const tip of others) {
      await submitTip(citizen, { ...tip, unitId: root.id });
    }
    cases++;
    if (!planned.triage) {
      continue;
    }
    await triageCase(asChecker, caseId, {
      ...planned.triage,
      assigneeId: people.checker.personId,
      dueAt: new Date(Date.now() + planned.triage.dueInHours * 3_600_000),
    });
    for (const source of planned.evidence ?? []) {
      await addCaseEvidence(asChecker, caseId, { ...source, isPublic: true });
    }
    for (const indicator of planned.indicators ?? []) {
      await addCaseIndicator(asChecker, caseId, indicator);
    }
    if (!planned.verdict) {
      continue;
    }
    await draftVerdict(asChecker, deps, caseId, planned.verdict);
    if (planned.step === "awaiting_signoff") {
      continue;
    }
    await signOffVerdict(asApprover, deps, caseId);
    await publishVerdict(asApprover, deps, caseId, null);
  }
  await reportCandidate(citizen, {
    source: "citizen",
    url: "https://www.facebook.com/congan.tuyenquang.tintuc",
    displayName: "Công an tỉnh Tuyên Quang - Tin tức",
    note: "Trang đăng tin tuyển cộng tác viên và xin chuyển khoản “phí hồ sơ”.",
  });
  return cases;
}
