import { EventEmitter } from "node:events";
import type { InboxStreamEvent } from "../../../../shared/api/inbox-portal.ts";

/*
 * The inbox's live feed inside this process: every change to a conversation is published here and the
 * SSE route (live/stream-routes.ts) passes it on to the people who may see that unit's conversations.
 */

const bus = new EventEmitter();
bus.setMaxListeners(0);

/** Tells every open inbox that a conversation changed. Never throws: a live update is a courtesy. */
export function publishConversationEvent(event: InboxStreamEvent): void {
  try {
    bus.emit("conversation", event);
  } catch {
    // A listener's failure must not undo the change that was just committed.
  }
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
