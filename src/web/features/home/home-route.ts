import type { Role, SignedInSession } from "../../backend/types.ts";

export interface Home {
  to: string;
  /** The server renders it (the member's share feed): reached by a full page load, not a client route. */
  serverPage: boolean;
}

/**
 * Where each role's day starts, most specific daily work first: a person holding several roles lands
 * on the first that applies. An approver's queue comes before everything (posts wait on them, and a
 * head of office who also writes clears the queue first); then a checker's cases queue (tips and
 * suspected fakes wait on the verification desk, and checking is a standing assignment to that desk, so
 * an editor or an administrator who also checks starts there; an approver who also checks clears the
 * posts waiting on them first); an editor's desk before the administrator's overview (writing and
 * publishing are daily, administration is occasional); a declaration reviewer reads members'
 * declarations; a duty officer answers the inbox (an editor who also takes shifts keeps the desk: the
 * inbox is one tap away in the menu); everyone else (members, and roles whose own pages are yet to
 * come) starts at the share feed, which every signed-in person has.
 */
const homes: readonly (readonly [Role, string])[] = [
  ["approver", "/approvals"],
  ["checker", "/verification"],
  ["editor", "/desk"],
  ["duty_officer", "/inbox"],
  ["administrator", "/overview"],
  ["declaration_reviewer", "/declarations"],
];

export const memberHome: Home = { to: "/share", serverPage: true };

/** The person's home page, by the roles the server says they hold. */
export function homeOf(session: Pick<SignedInSession, "grants">): Home {
  for (const [role, to] of homes) {
    if (session.grants.some((grant) => grant.role === role)) {
      return { to, serverPage: false };
    }
  }
  return memberHome;
}

/**
 * The address of a page the server renders, in the language chosen in the app on this device: the
 * server cannot read that choice (it is kept in the browser), and without it the share feed opened
 * from the English menu came in Vietnamese. No choice made: the server's own default applies.
 */
export function serverPageAddress(to: string, chosen: "vi" | "en" | null): string {
  return chosen ? `${to}${to.includes("?") ? "&" : "?"}lang=${chosen}` : to;
}
