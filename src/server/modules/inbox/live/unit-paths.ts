import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxConversations } from "../../../db/schema/inbox.ts";
import { unitPath } from "../../org/index.ts";

/*
 * Where a live event belongs in the unit tree: the conversation's unit and the unit it was escalated
 * to. Paths are kept briefly (a unit moved in the tree is seen within a minute) and the cache is
 * bounded, so a burst of events costs one lookup per unit, not one per event and open inbox.
 */

const maxUnits = 2000;
const unitTtlMs = 60_000;

export interface EventUnits {
  unitPath: string;
  escalatedToUnitPath: string | null;
}

export class UnitPathCache {
  private readonly entries = new Map<string, { path: string | null; until: number }>();
  private readonly db: Executor;
  private readonly now: () => number;

  constructor(db: Executor, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
  }

  async pathOf(unitId: string): Promise<string | null> {
    const known = this.entries.get(unitId);
    if (known && known.until > this.now()) {
      // Re-inserted so the least recently used unit is the first to go.
      this.entries.delete(unitId);
      this.entries.set(unitId, known);
      return known.path;
    }
    const path = await unitPath(this.db, unitId);
    this.entries.delete(unitId);
    this.entries.set(unitId, { path, until: this.now() + unitTtlMs });
    while (this.entries.size > maxUnits) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.entries.delete(oldest);
    }
    return path;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The units a conversation event concerns; null when its unit no longer exists. */
  async unitsOfEvent(event: { id: string; unitId: string }): Promise<EventUnits | null> {
    const path = await this.pathOf(event.unitId);
    if (path === null) {
      return null;
    }
    // The escalation target changes with the conversation, so it is read fresh (a primary-key lookup).
    const [row] = await this.db
      .select({ escalatedToUnitId: inboxConversations.escalatedToUnitId })
      .from(inboxConversations)
      .where(eq(inboxConversations.id, event.id))
      .limit(1);
    const escalatedToUnitPath = row?.escalatedToUnitId ? await this.pathOf(row.escalatedToUnitId) : null;
    return { unitPath: path, escalatedToUnitPath };
  }
}
