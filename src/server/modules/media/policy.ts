import { type Actor, can } from "../../platform/actor.ts";

/*
 * Who may do what to the media library: pure answers, no database. The routes check the same
 * permission over an item's unit before a change; the list carries the answer for each item, so the
 * app shows the actions without working the rule out itself.
 */

/** Whether the actor may change an item's alt text or delete it: they manage channels over its unit. */
export function canManageMedia(actor: Actor, itemUnitPath: string | null): boolean {
  return itemUnitPath !== null && can(actor, "channels.manage", itemUnitPath);
}

/**
 * Whether an upload goes over a person's 24-hour quota: adding `addingBytes` to what they stored
 * would pass it, or (asked before reading a file, adding 0) they have used it all already.
 */
export function exceedsQuota(usage: { usedBytes: number; addingBytes: number; quotaBytes: number }): boolean {
  const { usedBytes, addingBytes, quotaBytes } = usage;
  return usedBytes + addingBytes > quotaBytes || (addingBytes === 0 && usedBytes >= quotaBytes);
}
