import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { sealSecret } from "../../src/server/crypto/secret-box.ts";
import { inboxConversations, inboxMessages, inboxSettings } from "../../src/server/db/schema/inbox.ts";
import { channelConnections } from "../../src/server/db/schema/index.ts";
import { registerChannel } from "../../src/server/modules/channels/index.ts";
import { type IncomingItem, recordIncoming } from "../../src/server/modules/inbox/ingest/record.ts";
import { type FakeMessenger, startFakeMessenger } from "../fakes/facebook-messenger.ts";
import { type FakeZaloCs, startFakeZaloCs } from "../fakes/zalo-cs.ts";
import { makeOrganisation, makePerson, type SessionClient, signInAs } from "./factories.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

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

export interface OutboundWorld {
  t: TestApp;
  messenger: FakeMessenger;
  zalo: FakeZaloCs;
  org: Awaited<ReturnType<typeof makeOrganisation>>;
  /** A duty officer of the left-hand unit, which owns the channels. */
  officer: SessionClient;
  /** A duty officer of the right-hand (sibling) unit. */
  siblingOfficer: SessionClient;
  pageChannel: string;
  oaChannel: string;
  close(): Promise<void>;
}

/**
 * The app with the Messenger and Zalo CS fakes as its platforms, a unit with a connected Page and OA
 * (its auto-reply off: these tests count every call the platforms receive) and two duty officers.
 */
export async function startOutboundWorld(): Promise<OutboundWorld> {
  const messenger = await startFakeMessenger({ humanAgent: true });
  const zalo = await startFakeZaloCs();
  const t = await createTestApp({
    env: { CAUNOI_GRAPH_API_URL: messenger.origin, CAUNOI_ZALO_API_URL: zalo.origin },
  });
  const org = await makeOrganisation(t.db);
  const person = await makePerson(t.db, { unitId: org.left.id, roles: ["duty_officer"] });
  const sibling = await makePerson(t.db, { unitId: org.right.id, roles: ["duty_officer"] });
  await t.db.insert(inboxSettings).values({ unitId: org.left.id, autoReplyEnabled: false });
  return {
    t,
    messenger,
    zalo,
    org,
    officer: await signInAs(t.app, person.email ?? ""),
    siblingOfficer: await signInAs(t.app, sibling.email ?? ""),
    pageChannel: await connectedChannel(t, {
      unitId: org.left.id,
      platform: "facebook_page",
      accountId: messenger.pageId,
      token: messenger.token,
    }),
    oaChannel: await connectedChannel(t, {
      unitId: org.left.id,
      platform: "zalo_oa",
      accountId: "4318722335442436",
      token: zalo.token,
    }),
    async close() {
      await t.close();
      await messenger.close();
      await zalo.close();
    },
  };
}
