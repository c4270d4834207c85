import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE, SESSION_TTL_MS } from "./service.ts";

/** Rate limit for guessable endpoints (a password, a code, a link's token), per client address. */
export const guessingLimit = { max: 10, timeWindow: "1 minute" };

/**
 * Sign-in attempts are counted per address AND e-mail: a whole office signs in from one public address
 * (a provincial network behind one NAT), and ten colleagues arriving in the same minute must not lock
 * each other out. Guessing one account's password stays at ten a minute (and the account locks itself
 * after repeated failures); trying many accounts from one address meets `signInAddressLimit`.
 */
export const signInLimit = {
  ...guessingLimit,
  // After the body is parsed, so the key can name the e-mail.
  hook: "preHandler" as const,
  keyGenerator: (request: FastifyRequest) => {
    const body = request.body as { email?: unknown } | undefined;
    const email = typeof body?.email === "string" ? body.email.trim().toLowerCase().slice(0, 320) : "";
    return `${request.ip}|${email}`;
  },
};

/** Sign-in attempts from one address, whatever the account: an office's morning fits, a spray does not. */
export const signInAddressLimit = { max: 60, timeWindow: "1 minute" };

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
