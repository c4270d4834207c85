import { type Actor, can } from "../../platform/actor.ts";

/*
 * The inbox's record-level rules, pure predicates over the actor and the conversation's unit paths.
 * A conversation belongs to the unit of the channel it came through; a unit it was escalated to may
 * also read and answer it.
 */

export interface ConversationUnits {
  /** The unit owning the channel. */
  unitPath: string;
  /** The parent unit it was escalated to, if any. */
  escalatedToUnitPath: string | null;
}

function holdsOn(actor: Actor, permission: Parameters<typeof can>[1], units: ConversationUnits): boolean {
  return (
    can(actor, permission, units.unitPath) ||
    (units.escalatedToUnitPath !== null && can(actor, permission, units.escalatedToUnitPath))
  );
}

export function canReadConversation(actor: Actor, units: ConversationUnits): boolean {
  return holdsOn(actor, "inbox.read", units);
}

/** Reply, note, label, change status, assign, escalate. */
export function canWorkConversation(actor: Actor, units: ConversationUnits): boolean {
  return holdsOn(actor, "inbox.reply", units);
}

/** Erase a contact on their request, publish a portal answer: the unit's inbox managers. */
export function canManageConversation(actor: Actor, units: ConversationUnits): boolean {
  return holdsOn(actor, "inbox.manage", units);
}
