import { randomUUID } from "node:crypto";
import type { TestApp } from "../../../../../test/helpers/test-app.ts";
import { recordIncoming } from "../ingest/record.ts";

/** A citizen's message through the real ingest, on a Facebook channel of the unit (no connection: nothing is sent back). */
export async function incoming(
  t: TestApp,
  options: {
    unitId: string;
    channelId?: string;
    text: string;
    name?: string;
    contactId?: string;
    sentAt?: Date;
    source?: "facebook" | "portal";
    email?: string;
  },
): Promise<string> {
  const portal = options.source === "portal";
  const channelId = options.channelId ?? randomUUID();
  const result = await recordIncoming(t.app.deps, {
    source: portal ? "portal" : "facebook",
    unitId: options.unitId,
    channelId: portal ? null : channelId,
    channelKey: portal ? `portal:${options.unitId}` : channelId,
    kind: portal ? "question" : "message",
    direction: "in",
    contact: {
      externalId: options.contactId ?? `psid-${randomUUID()}`,
      displayName: options.name ?? "Người dân",
      email: options.email ?? null,
    },
    externalId: `m_${randomUUID()}`,
    text: options.text,
    sentAt: options.sentAt ?? new Date(),
  });
  if (!result.conversationId) {
    throw new Error("the message made no conversation");
  }
  return result.conversationId;
}
