import { type Actor, can } from "../../platform/actor.ts";

/*
 * Who may do what on the verification desk: pure answers over the actor and the case's unit path.
 * A role granted on a unit covers its subtree, so a checker of a sibling unit sees nothing of the case.
 */

/** Read a case, its tips (never the reporters' e-mails), evidence and timeline. */
export function canReadCase(actor: Actor, caseUnitPath: string): boolean {
  return can(actor, "cases.read", caseUnitPath);
}

/** Triage, assign, gather evidence, draft a verdict, merge or dismiss duplicates. */
export function canManageCase(actor: Actor, caseUnitPath: string): boolean {
  return can(actor, "cases.manage", caseUnitPath);
}

/**
 * Sign off, publish or pause a verdict: `cases.approve` over the case's unit, and never one's own
 * draft (a second pair of eyes is the point of signing off).
 */
export function canSignOffVerdict(
  actor: Actor,
  caseUnitPath: string,
  verdict: { draftedBy: string | null },
): boolean {
  return can(actor, "cases.approve", caseUnitPath) && verdict.draftedBy !== actor.personId;
}
