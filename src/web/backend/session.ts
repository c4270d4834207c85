import { useQuery, useQueryClient } from "@tanstack/react-query";
import { setCsrfToken } from "./client.ts";
import { takeEarly } from "./early-requests.ts";
import { api } from "./typed-client.ts";
import type { Permission, Role, Session, SignedInSession } from "./types.ts";

export const sessionQueryKey = ["session"] as const;

/** Reads who is signed in and remembers the CSRF token for later changing requests. */
export async function fetchSession(): Promise<Session> {
  // The page asked already while the app was loading; after that, ask afresh.
  const session = (await takeEarly<Session>("session")) ?? (await api("GET", "/api/auth/session"));
  setCsrfToken(session.authenticated ? session.csrfToken : null);
  return session;
}

/** The current session (signed in or not), shared by every page. */
export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** The signed-in session; only for pages behind the sign-in guard, which guarantees one. */
export function useSignedInSession(): SignedInSession {
  const { data } = useSession();
  if (!data?.authenticated) {
    throw new Error("useSignedInSession used outside the signed-in area");
  }
  return data;
}

/** Signs out on the server, then forgets everything cached for this person. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await api("POST", "/api/auth/sign-out");
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, { authenticated: false });
    }
  };
}

/** True when `unitPath` is `ancestor` or lies below it (same rule as the server). */
export function isWithin(unitPath: string, ancestor: string): boolean {
  return unitPath === ancestor || unitPath.startsWith(`${ancestor}.`);
}

/**
 * Whether the session holds `permission` on the unit at `unitPath`, or anywhere when no path is
 * given. It only reads the abilities the server sent; it never recomputes roles.
 */
export function can(session: SignedInSession, permission: Permission, unitPath?: string): boolean {
  const paths = session.abilities[permission];
  if (unitPath === undefined) {
    return paths.length > 0;
  }
  return paths.some((top) => isWithin(unitPath, top));
}

/**
 * Whether the session may grant (or revoke) `role` on the unit at `unitPath`, or anywhere when no path
 * is given: the server's answer (`grantableRoles`), not recomputed from the roles.
 */
export function mayGrantRole(session: SignedInSession, role: Role, unitPath?: string): boolean {
  const paths = session.grantableRoles[role];
  return unitPath ? paths.some((top) => isWithin(unitPath, top)) : paths.length > 0;
}

/** `can` bound to the current session. */
export function useCan(): (permission: Permission, unitPath?: string) => boolean {
  const session = useSignedInSession();
  return (permission, unitPath) => can(session, permission, unitPath);
}

/** A unit's id from its ltree label (the server's label is the id without dashes). */
export function unitIdFromPathLabel(label: string): string {
  return `${label.slice(0, 8)}-${label.slice(8, 12)}-${label.slice(12, 16)}-${label.slice(16, 20)}-${label.slice(20)}`;
}
