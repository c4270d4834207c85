import { randomBytes } from "node:crypto";

/*
 * Tracking codes: what a reporter keeps to follow a tip, read aloud over the phone or typed from a
 * note. 8 characters from 32 (no 0/O, no 1/I, which people confuse), so 40 random bits: with the
 * status route's rate limit, walking codes finds nothing.
 */

export const trackingAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const codeLength = 8;
const prefix = "BT";

/** A new random code, formatted "BT-7K3M-9QXA". */
export function newTrackingCode(): string {
  // 32 divides 256, so taking five bits of each byte keeps every character equally likely.
  const chars = [...randomBytes(codeLength)].map((byte) => trackingAlphabet[byte & 31]).join("");
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/**
 * The stored form of a code as a person typed it (lower case, spaces, without the dashes or the
 * "BT" prefix), or null when it cannot be a code: refused before any database work.
 */
export function parseTrackingCode(input: string): string | null {
  let chars = input.toUpperCase().replace(/[\s\-_.]/g, "");
  if (chars.length === codeLength + prefix.length && chars.startsWith(prefix)) {
    chars = chars.slice(prefix.length);
  }
  if (chars.length !== codeLength || [...chars].some((char) => !trackingAlphabet.includes(char))) {
    return null;
  }
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
