import { createHmac, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { unnamedContactNames } from "../../../../shared/api/inbox-values.ts";
import type { Executor } from "../../../db/client.ts";
import { inboxContacts } from "../../../db/schema/inbox.ts";
import type { AppDependencies } from "../../../platform/module.ts";
import { unitSummaries } from "../../org/index.ts";
import { recordIncoming } from "../ingest/record.ts";
import { questionErrors } from "./errors.ts";
import { cleanQuestion, type QuestionFields } from "./input.ts";

/*
 * A citizen asks a unit through its portal's "Hỏi đáp" form. The question enters the inbox like any
 * message (recordIncoming): one thread per asker, known by their e-mail, which only the answer uses.
 */

/** What the portal's questions are filed under, for the unit. */
export function portalChannelKey(unitId: string): string {
  return `portal:${unitId}`;
}

/**
 * The asker's id in the inbox: a keyed hash of the lower-cased e-mail, so the same person writing
 * again joins their thread, and the address itself is not a key anyone could look people up by.
 */
export function askerIdOf(secretKey: Buffer, email: string): string {
  return `email:${createHmac("sha256", secretKey).update(`portal-asker\n${email.toLowerCase()}`).digest("hex").slice(0, 40)}`;
}

export const defaultAskerName = unnamedContactNames.portal;

async function askerKnown(db: Executor, channelKey: string, externalId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: inboxContacts.id })
    .from(inboxContacts)
    .where(and(eq(inboxContacts.channelKey, channelKey), eq(inboxContacts.externalId, externalId)))
    .limit(1);
  return row !== undefined;
}

export async function askQuestion(
  deps: AppDependencies,
  body: QuestionFields,
  options: { now?: Date } = {},
): Promise<{ conversationId: string; created: boolean }> {
  const question = cleanQuestion(body);
  const unit = (await unitSummaries(deps.database.db, [question.unitId])).get(question.unitId);
  if (unit?.status !== "active") {
    throw questionErrors.unitNotFound();
  }
  const channelKey = portalChannelKey(unit.id);
  const externalId = askerIdOf(deps.config.secretKey(), question.email);
  // Without a name, an asker known before keeps the name they gave then; a new one is "Người hỏi".
  const displayName =
    question.name ?? ((await askerKnown(deps.database.db, channelKey, externalId)) ? "" : defaultAskerName);
  const result = await recordIncoming(deps, {
    source: "portal",
    unitId: unit.id,
    channelId: null,
    channelKey,
    kind: "question",
    direction: "in",
    contact: {
      externalId,
      displayName,
      email: question.email,
    },
    // Each question is its own message: the form has no platform id to deduplicate on.
    externalId: `question:${randomUUID()}`,
    text: question.text,
    sentAt: options.now ?? new Date(),
  });
  if (!result.conversationId) {
    throw new Error("a portal question was recorded without a conversation");
  }
  return { conversationId: result.conversationId, created: result.created };
}

/** The words for a Hỏi đáp form the page could not read. */
export function questionFormInvalid(): string {
  return questionErrors.formInvalid().messages.vi;
}
