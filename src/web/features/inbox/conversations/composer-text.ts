/* The composer's text rules, apart from React so they can be tested alone. */

import { unnamedAddress, unnamedContactNames } from "../../../../shared/api/inbox-values.ts";

/** A "/shortcut" or "@name" being typed just before the cursor. */
export interface Trigger {
  sign: "/" | "@";
  /** What follows the sign so far. */
  word: string;
  /** Where the sign is in the text. */
  start: number;
}

/** The "/shortcut" or "@name" being typed just before the cursor, if any (only at a word's start). */
export function triggerAt(text: string, cursor: number): Trigger | null {
  const match = /(^|\s)([/@])([^\s/@]{0,40})$/u.exec(text.slice(0, cursor));
  if (!match) {
    return null;
  }
  const word = match[3] ?? "";
  return { sign: match[2] as "/" | "@", word, start: cursor - word.length - 1 };
}

const unnamed = new Set<string>(Object.values(unnamedContactNames));

/**
 * A canned reply with its variables filled in for this conversation: {ten} and {don_vi}. A contact
 * the platform gave no name for is addressed "anh/chị", never by our placeholder ("Chào Người dùng
 * Facebook" reads as a machine's letter).
 */
export function fillCannedReply(body: string, contactName: string, unitName: string): string {
  const name = unnamed.has(contactName) ? unnamedAddress : contactName;
  return body.replaceAll("{ten}", name).replaceAll("{don_vi}", unitName);
}

/** Replaces the trigger (sign and word, up to the cursor) by `inserted`; returns the text and the new cursor. */
export function insertAtTrigger(
  text: string,
  cursor: number,
  trigger: Trigger,
  inserted: string,
): { text: string; cursor: number } {
  return {
    text: text.slice(0, trigger.start) + inserted + text.slice(cursor),
    cursor: trigger.start + inserted.length,
  };
}

/** The people picked by @mention whose "@Full Name" is still in the note (one may have been deleted). */
export function mentionedIds(text: string, picked: Map<string, string>): string[] {
  return [...picked].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
}
