import { EventEmitter } from "node:events";
import type { InboxStreamEvent } from "../../../../shared/api/inbox-portal.ts";

/*
 * The inbox's live feed inside this process: every change to a conversation is published here and the
 * SSE route (live/routes.ts) passes it on to the people who may see that unit's conversations; with
 * PostgreSQL, live/relay.ts also tells the other instances, and gives this one theirs.
 */

const bus = new EventEmitter();
bus.setMaxListeners(0);

/** Where this process's events are also told to the other instances (live/relay.ts). */
const relays = new Set<(event: InboxStreamEvent) => void>();

/** Tells every open inbox that a conversation changed. Never throws: a live update is a courtesy. */
export function publishConversationEvent(event: InboxStreamEvent): void {
  emitConversationEventHere(event);
  for (const relay of relays) {
    try {
      relay(event);
    } catch {
      // The other instances learn of it at their next refresh.
    }
  }
}

/** Gives an event to this process's open streams only (one that came from another instance). */
export function emitConversationEventHere(event: InboxStreamEvent): void {
  try {
    bus.emit("conversation", event);
  } catch {
    // A listener's failure must not undo the change that was just committed.
  }
}

/** Also hands every event published here to `relay`; returns what stops it. */
export function relayConversationEvents(relay: (event: InboxStreamEvent) => void): () => void {
  relays.add(relay);
  return () => relays.delete(relay);
}

/** Listens to every conversation event; returns what stops listening. */
export function onConversationEvent(listener: (event: InboxStreamEvent) => void): () => void {
  bus.on("conversation", listener);
  return () => bus.off("conversation", listener);
}

/** How many listen now: one per app with an open stream, however many streams (checked by the tests). */
export function conversationListenerCount(): number {
  return bus.listenerCount("conversation");
}
