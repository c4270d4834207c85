import type { FastifyReply } from "fastify";
import { SESSION_COOKIE, SESSION_TTL_MS } from "./service.ts";

/** Rate limit for guessable endpoints (a password, a code, a link's token), per client address. */
export const guessingLimit = { max: 10, timeWindow: "1 minute" };

/** Hands the browser its session: readable by no script, sent on the site's own navigations. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}
