import type { EventUnits } from "./unit-paths.ts";

/*
 * Who is looking at which conversation, in this process's memory: an open conversation in the web
 * app says so every few seconds; a viewer not heard from for 45 s has left (a closed tab, a phone
 * gone to sleep). Several server processes each know their own viewers: presence is a courtesy.
 */

export const presenceTtlMs = 45_000;

export interface Viewer {
  id: string;
  fullName: string;
}

interface Watched {
  units: EventUnits;
  viewers: Map<string, { fullName: string; until: number }>;
}

export class PresenceStore {
  private readonly watched = new Map<string, Watched>();
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(now: () => number = Date.now, ttlMs = presenceTtlMs) {
    this.now = now;
    this.ttlMs = ttlMs;
  }

  /** Records that `viewer` is (or no longer is) looking at the conversation; answers who is now. */
  mark(conversationId: string, units: EventUnits, viewer: Viewer, viewing: boolean): Viewer[] {
    const entry = this.watched.get(conversationId) ?? { units, viewers: new Map() };
    entry.units = units;
    if (viewing) {
      entry.viewers.set(viewer.id, { fullName: viewer.fullName, until: this.now() + this.ttlMs });
    } else {
      entry.viewers.delete(viewer.id);
    }
    this.watched.set(conversationId, entry);
    return this.viewersOf(conversationId);
  }

  viewersOf(conversationId: string): Viewer[] {
    const entry = this.watched.get(conversationId);
    if (!entry) {
      return [];
    }
    const now = this.now();
    const viewers: Viewer[] = [];
    for (const [id, { fullName, until }] of entry.viewers) {
      if (until > now) {
        viewers.push({ id, fullName });
      }
    }
    return viewers.sort((a, b) => a.fullName.localeCompare(b.fullName, "vi"));
  }

  /**
   * Forgets the viewers whose time ran out; answers the conversations whose viewers changed, with
   * who remains, so the others' screens can be told.
   */
  sweep(): { conversationId: string; units: EventUnits; viewers: Viewer[] }[] {
    const now = this.now();
    const changed: { conversationId: string; units: EventUnits; viewers: Viewer[] }[] = [];
    for (const [conversationId, entry] of this.watched) {
      let left = false;
      for (const [id, { until }] of entry.viewers) {
        if (until <= now) {
          entry.viewers.delete(id);
          left = true;
        }
      }
      if (entry.viewers.size === 0) {
        this.watched.delete(conversationId);
      }
      if (left) {
        changed.push({ conversationId, units: entry.units, viewers: this.viewersOf(conversationId) });
      }
    }
    return changed;
  }

  /** Conversations with someone looking at them (what memory holds). */
  get size(): number {
    return this.watched.size;
  }
}
