import type { InboxStreamEvent, PresenceEvent } from "../../../../shared/api/inbox-portal.ts";
import type { Executor } from "../../../db/client.ts";
import { isWithin } from "../../../platform/actor.ts";
import { onConversationEvent } from "./bus.ts";
import { type EventUnits, UnitPathCache } from "./unit-paths.ts";

/*
 * The process's open inbox streams. One listener on the bus for all of them (however many people
 * have the inbox open): each event's units are looked up once, then it goes to the streams whose
 * person may read one of those units.
 */

export interface StreamSubscriber {
  /** The tops of the person's inbox.read scope when the stream opened. */
  scope: readonly string[];
  /** Only this unit's subtree, when the stream asked for one unit. */
  within: string | null;
  send(name: "conversation" | "presence", data: InboxStreamEvent | PresenceEvent): void;
}

function reaches(subscriber: StreamSubscriber, units: EventUnits): boolean {
  const paths = [units.unitPath, units.escalatedToUnitPath].filter((path): path is string => path !== null);
  return paths.some(
    (path) =>
      subscriber.scope.some((top) => isWithin(path, top)) &&
      (subscriber.within === null || isWithin(path, subscriber.within)),
  );
}

export class LiveHub {
  private readonly subscribers = new Set<StreamSubscriber>();
  private readonly paths: UnitPathCache;
  private readonly log: (error: unknown) => void;
  private stopListening: (() => void) | null = null;

  constructor(db: Executor, log: (error: unknown) => void) {
    this.paths = new UnitPathCache(db);
    this.log = log;
  }

  /** Adds a stream; returns what removes it. The bus is listened to only while a stream is open. */
  subscribe(subscriber: StreamSubscriber): () => void {
    this.subscribers.add(subscriber);
    if (!this.stopListening) {
      this.stopListening = onConversationEvent((event) => {
        this.dispatch(event).catch(this.log);
      });
    }
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0 && this.stopListening) {
        this.stopListening();
        this.stopListening = null;
      }
    };
  }

  get openStreams(): number {
    return this.subscribers.size;
  }

  private async dispatch(event: InboxStreamEvent): Promise<void> {
    if (this.subscribers.size === 0) {
      return;
    }
    const units = await this.paths.unitsOfEvent(event);
    if (!units) {
      return;
    }
    const data: InboxStreamEvent = { id: event.id, unitId: event.unitId, reason: event.reason };
    for (const subscriber of this.subscribers) {
      if (reaches(subscriber, units)) {
        subscriber.send("conversation", data);
      }
    }
  }

  /** Who is looking at a conversation now, to the people who may read it. */
  publishPresence(units: EventUnits, event: PresenceEvent): void {
    for (const subscriber of this.subscribers) {
      if (reaches(subscriber, units)) {
        subscriber.send("presence", event);
      }
    }
  }
}
