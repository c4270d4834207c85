import { randomBytes } from "node:crypto";

/*
 * A tracked link's code: 8 random base-62 characters (62⁸ ≈ 2·10¹⁴, not guessable in bulk) and one
 * check character, so a mistyped or made-up code is refused before any database work.
 */

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const randomLength = 8;
export const linkCodeLength = randomLength + 1;
const shape = /^[0-9A-Za-z]{9}$/;

function digitValue(character: string): number {
  const code = character.charCodeAt(0);
  if (code <= 57) {
    return code - 48;
  }
  if (code <= 90) {
    return code - 55;
  }
  return code - 61;
}

/** Weights 1, 3, 5…: each is prime to 62, so changing any one character always changes the check. */
function checkCharacter(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index++) {
    sum += (2 * index + 1) * digitValue(body[index] as string);
  }
  return alphabet[sum % alphabet.length] as string;
}

/** A fresh code for a member's link. */
export function newLinkCode(): string {
  // 256 is 4·62 + 8: bytes of 248 and above are dropped so every character is equally likely.
  let body = "";
  while (body.length < randomLength) {
    for (const byte of randomBytes(16)) {
      if (byte < 248 && body.length < randomLength) {
        body += alphabet[byte % 62];
      }
    }
  }
  return body + checkCharacter(body);
}

/** Whether a string can be a code we issued: the right shape and check character. */
export function isWellFormedLinkCode(code: string): boolean {
  return shape.test(code) && checkCharacter(code.slice(0, randomLength)) === code[randomLength];
}
