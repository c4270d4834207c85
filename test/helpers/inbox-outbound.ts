import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { sealSecret } from "../../src/server/crypto/secret-box.ts";
import { inboxConversations, inboxMessages } from "../../src/server/db/schema/inbox.ts";
import { channelConnections } from "../../src/server/db/schema/index.ts";
import { registerChannel } from "../../src/server/modules/channels/index.ts";
import { type IncomingItem, recordIncoming } from "../../src/server/modules/inbox/ingest/record.ts";
import type { TestApp } from "./test-app.ts";

/*
 * Connected channels and conversations for the inbox's outbound tests: a Facebook Page or Zalo OA of
 * the registry whose connection holds the fake platform's token (sealed as publishing stores it), and
 * conversations entered the one way real ones do (recordIncoming).
 */

const suffix = () => randomBytes(4).toString("hex");

export async function connectedChannel(
  t: TestApp,
  options: { unitId: string; platform: "facebook_page" | "zalo_oa"; accountId: string; token: string },
): Promise<string> {
  const channel = await registerChannel(
    { db: t.db, actor: null, ip: null },
    {
      unitId: options.unitId,
      platform: options.platform,
      url:
        options.platform === "facebook_page"
          ? `https://www.facebook.com/trangtraloi${suffix()}`
          : `https://zalo.me/${Date.now()}${Math.floor(Math.random() * 100000)}`,
      displayName: options.platform === "facebook_page" ? "Trang UBND" : "Zalo OA UBND",
    },
  );
  await t.db.insert(channelConnections).values({
    channelId: channel.id,
    connector: options.platform,
    accountId: options.accountId,
    tokenSealed: sealSecret(options.token, t.app.deps.config.secretKey(), channel.id),
    tokenExpiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    status: "connected",
  });
  return channel.id;
}

let counter = 0;

/** A citizen's message (or comment, or portal question) recorded as the webhook worker would. */
export async function incoming(
  t: TestApp,
  item: Partial<IncomingItem> & Pick<IncomingItem, "source" | "unitId" | "channelKey">,
): Promise<{ conversationId: string; messageId: string }> {
  counter += 1;
  const result = await recordIncoming(t.app.deps, {
    channelId: item.source === "portal" ? null : item.channelKey,
    kind: item.source === "portal" ? "question" : "message",
    direction: "in",
    contact: { externalId: `user-${counter}-${suffix()}`, displayName: "Nguyễn Thị Dân" },
    externalId: `m_${counter}_${suffix()}`,
    text: `Xin hỏi thủ tục số ${counter}`,
    sentAt: new Date(),
    ...item,
  });
  if (!result.conversationId || !result.messageId) {
    throw new Error("the incoming message was not recorded");
  }
  return { conversationId: result.conversationId, messageId: result.messageId };
}

export async function conversationRow(t: TestApp, id: string) {
  const [row] = await t.db.select().from(inboxConversations).where(eq(inboxConversations.id, id));
  if (!row) {
    throw new Error(`no conversation ${id}`);
  }
  return row;
}

export async function messagesOf(t: TestApp, conversationId: string) {
  return t.db.select().from(inboxMessages).where(eq(inboxMessages.conversationId, conversationId));
}
