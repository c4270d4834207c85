import { type Actor, can, isWithin } from "../../platform/actor.ts";

/*
 * Who may do what to a channel of the registry: pure answers, no database. Routes check the
 * permission over the channel's unit before a service runs; the same answer goes to the app with the
 * channel, so the app shows the actions without working the rule out itself.
 */

/** Whether the actor may change a channel (edit, close, hand over, connect): they manage channels over its unit. */
export function canManageChannel(actor: Actor, channelUnitPath: string): boolean {
  return can(actor, "channels.manage", channelUnitPath);
}

/**
 * Whether a person may be named responsible for a channel: an active person of the channel's unit
 * (or a unit below it), or one the actor manages channels for. The system (actor null: the CLI,
 * the demo seed) may name anyone active.
 */
export function mayBeResponsible(
  actor: Actor | null,
  person: { status: string; unitPath: string } | null,
  channelUnitPath: string,
): boolean {
  if (person === null || person.status !== "active") {
    return false;
  }
  return (
    isWithin(person.unitPath, channelUnitPath) || actor === null || canManageChannel(actor, person.unitPath)
  );
}
