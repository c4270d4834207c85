import { type Actor, can, isWithin } from "../../platform/actor.ts";
import { declarationPurpose } from "./purpose.ts";

/*
 * Who may do what to a declaration, a request or a report: pure answers, no database. The services
 * load what a rule needs, ask here, and refuse with their own error. A list query carries the same
 * rule as its unit scope; where it does, the query's comment names the predicate it mirrors.
 */

/**
 * Whether the actor may change, report or delete a declaration: only the person who declared it.
 * Nobody else, administrators included, may even learn that it exists.
 */
export function canChangeDeclaration(
  actor: Pick<Actor, "personId">,
  declaration: { personId: string },
): boolean {
  return declaration.personId === actor.personId;
}

/**
 * Whether the actor may read a declaration: the person who declared it, or someone holding
 * `declarations.view` over that person's unit (a declaration reviewer; an administrator alone is not).
 */
export function canViewDeclaration(
  actor: Actor,
  declaration: { personId: string },
  declarantUnitPath: string,
): boolean {
  return canChangeDeclaration(actor, declaration) || can(actor, "declarations.view", declarantUnitPath);
}

/**
 * Whether a consent was given to the purpose in force: a form still showing an older text is refused,
 * so that nobody consents to words they did not see.
 */
export function consentsToCurrentPurpose(shownVersion: string): boolean {
  return shownVersion === declarationPurpose.version;
}

/** The status a declaration's one status action sets: a closed account is reopened, any other is closed. */
export function toggledStatus(declaration: { status: string }): "active" | "closed" {
  return declaration.status === "closed" ? "active" : "closed";
}

/** Whether a request can still be closed early: it is open. Closing twice keeps the first closing. */
export function canCloseRequest(request: { closedAt: Date | null }): boolean {
  return request.closedAt === null;
}

/** Whether a report still waits for an administrator to take it in hand; the first one to do so is kept. */
export function canAcknowledgeReport(report: { acknowledgedAt: Date | null }): boolean {
  return report.acknowledgedAt === null;
}

/** Whether a request reaches a member: still open, and sent to the member's unit or a unit above it. */
export function requestReachesMember(
  request: { closedAt: Date | null },
  requestUnitPath: string,
  memberUnitPath: string,
): boolean {
  return request.closedAt === null && isWithin(memberUnitPath, requestUnitPath);
}

/**
 * Whether an administrator is mailed about a member's report: one with an address, and never the
 * member themselves (an administrator reporting their own account alerts the others).
 */
export function isAlertRecipient(admin: { id: string; email: string | null }, reporterId: string): boolean {
  return Boolean(admin.email) && admin.id !== reporterId;
}
