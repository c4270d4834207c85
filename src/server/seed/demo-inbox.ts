import { randomUUID } from "node:crypto";
import { connectableChannels, registerChannel } from "../modules/channels/index.ts";
import {
  addNote,
  askerIdOf,
  askQuestion,
  assignConversation,
  createOffice,
  escalateToParent,
  type IncomingItem,
  portalChannelKey,
  publishAnswer,
  recordIncoming,
  saveCannedReply,
  saveTargetSettings,
  setLabels,
  setShift,
  setStatus,
  slotsOrDefaults,
} from "../modules/inbox/index.ts";
import {
  findUnitByCodeOrId,
  loadActor,
  personAccountByEmail,
  roleHoldersAtOrAbove,
} from "../modules/org/index.ts";
import type { Actor } from "../platform/actor.ts";
import type { ActionContext } from "../platform/context.ts";
import type { AppDependencies } from "../platform/module.ts";
import { EMAIL_DOMAIN } from "./demo-accounts.ts";
import { type DemoConversation, demoCannedReplies, demoInboxConversations } from "./demo-inbox-texts.ts";

/*
 * The inbox's demo: the province's fanpage, its Zalo OA and its portal's Hỏi đáp, with this week's and
 * next week's duty roster (the editor Lê Thu Trang and the board's other duty officers), canned replies,
 * an office to escalate to, and about ten conversations at every step: new, answered, waiting for the
 * citizen, resolved, one past its target (the targets' worker stamps it at start), one escalated from
 * Tân Trào's fanpage, one published on the portal's Q&A page. All through the inbox's services.
 */

const vietnamOffsetMs = 7 * 3_600_000;

/** The Monday of this week (Vietnam time) and the 13 days after it, as ISO days. */
export function twoWeeksOfDays(now: Date): string[] {
  const local = new Date(now.getTime() + vietnamOffsetMs);
  const monday =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) -
    ((local.getUTCDay() + 6) % 7) * 86_400_000;
  return Array.from({ length: 14 }, (_, index) =>
    new Date(monday + index * 86_400_000).toISOString().slice(0, 10),
  );
}

async function actorOf(deps: AppDependencies, personId: string | undefined): Promise<Actor | null> {
  return personId ? loadActor(deps.database.db, personId, "session") : null;
}

/** Adds the demo inbox; returns how many conversations it made (0 when the demo province is missing). */
export async function seedDemoInbox(deps: AppDependencies, now = new Date()): Promise<number> {
  const db = deps.database.db;
  const root = await findUnitByCodeOrId(db, "TQ");
  const editorAccount = await personAccountByEmail(db, `trang.lethu@${EMAIL_DOMAIN}`);
  if (!root || !editorAccount) {
    return 0;
  }
  const admin = await actorOf(deps, (await roleHoldersAtOrAbove(db, root.id, ["administrator"]))[0]);
  const editor = await actorOf(deps, editorAccount.id);
  if (!admin || !editor) {
    return 0;
  }
  const asAdmin: Acting = { db, actor: admin, ip: null };
  const asEditor: Acting = { db, actor: editor, ip: null };
  const rootRef = { id: root.id, path: root.path };

  // No auto-replies while the past is written in: they would go to the platforms now.
  const settings = {
    unitId: root.id,
    firstResponseMinutes: 60,
    resolutionHours: 8,
    warnBeforeMinutes: 15,
    retentionMonths: 24,
    autoReplyText: null,
  };
  await saveTargetSettings(asAdmin, rootRef, { ...settings, autoReplyEnabled: false });

  // The roster: every slot of both weeks, two officers each, the editor leading the mornings.
  const officers = [
    editor.personId,
    ...(await roleHoldersAtOrAbove(db, root.id, ["duty_officer"])).filter((id) => id !== editor.personId),
  ].slice(0, 4);
  const slots = await slotsOrDefaults(db, root.id);
  let turn = 0;
  for (const day of twoWeeksOfDays(now)) {
    for (const [index, slot] of slots.entries()) {
      const pair = [officers[turn % officers.length], officers[(turn + 1) % officers.length]];
      turn++;
      const personIds = [...new Set(pair.filter((id): id is string => Boolean(id)))];
      const morning = index === 0;
      const withEditor =
        morning && !personIds.includes(editor.personId) ? [editor.personId, ...personIds] : personIds;
      await setShift(asAdmin, {
        unitId: root.id,
        day,
        slotId: slot.id,
        personIds: withEditor.slice(0, 3),
        leaderId: morning ? editor.personId : (withEditor[0] ?? null),
      });
    }
  }

  for (const canned of demoCannedReplies) {
    await saveCannedReply(asAdmin, { unitId: root.id, ...canned });
  }
  await createOffice(asAdmin, { unitId: root.id, name: "Sở Y tế tỉnh", email: `soyte@${EMAIL_DOMAIN}` });

  const channelIds = await demoChannels(deps, root);
  let made = 0;
  for (const planned of demoInboxConversations) {
    const conversationId = await receive(deps, root.id, channelIds, planned, now);
    if (!conversationId) {
      continue;
    }
    made++;
    await workOn({ asAdmin, asEditor, communeAdmin: channelIds.communeAdmin }, conversationId, planned);
  }

  await saveTargetSettings(asAdmin, rootRef, { ...settings, autoReplyEnabled: true });
  return made;
}

interface DemoChannelIds {
  facebook: string | null;
  zalo: string | null;
  communeUnitId: string | null;
  communeFacebook: string | null;
  communeAdmin: Actor | null;
}

/** The province's fanpage, a Zalo OA registered for the demo, and Tân Trào's fanpage. */
async function demoChannels(
  deps: AppDependencies,
  root: { id: string; path: string },
): Promise<DemoChannelIds> {
  const db = deps.database.db;
  let channels = await connectableChannels(db, [root.path]);
  if (!channels.some((channel) => channel.unitId === root.id && channel.platform === "zalo_oa")) {
    await registerChannel(
      { db, actor: null, ip: null },
      {
        unitId: root.id,
        platform: "zalo_oa",
        url: "https://zalo.me/4318000000000008",
        displayName: "Thông tin Tuyên Quang",
      },
    );
    channels = await connectableChannels(db, [root.path]);
  }
  const ofRoot = (platform: string) =>
    channels.find((channel) => channel.unitId === root.id && channel.platform === platform)?.id ?? null;
  const commune = channels.find(
    (channel) => channel.platform === "facebook_page" && channel.url.includes("xatantrao"),
  );
  const communeAdmin = await personAccountByEmail(db, `hai.hoangvan@${EMAIL_DOMAIN}`);
  return {
    facebook: ofRoot("facebook_page"),
    zalo: ofRoot("zalo_oa"),
    communeUnitId: commune?.unitId ?? null,
    communeFacebook: commune?.id ?? null,
    communeAdmin: communeAdmin ? await loadActor(db, communeAdmin.id, "session") : null,
  };
}

/** The citizen's messages and the page's answers, as the webhooks (or the portal form) bring them. */
async function receive(
  deps: AppDependencies,
  rootId: string,
  channels: DemoChannelIds,
  planned: DemoConversation,
  now: Date,
): Promise<string | null> {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
  if (planned.source === "portal") {
    const [first, ...rest] = planned.messages;
    if (!first) {
      return null;
    }
    const { conversationId } = await askQuestion(
      deps,
      { unitId: rootId, name: planned.name, email: planned.email, text: first.text },
      { now: at(first.minutesAgo) },
    );
    for (const message of rest) {
      // The answer went back by e-mail; the demo records it as already sent.
      await recordIncoming(deps, {
        ...portalItem(deps, rootId, planned),
        direction: message.reply ? "out" : "in",
        externalId: `demo:${randomUUID()}`,
        text: message.text,
        sentAt: at(message.minutesAgo),
      });
    }
    return conversationId;
  }
  const unitId = planned.commune ? channels.communeUnitId : rootId;
  const channelId = planned.commune
    ? channels.communeFacebook
    : planned.source === "zalo"
      ? channels.zalo
      : channels.facebook;
  if (!unitId || !channelId) {
    return null;
  }
  const contactId = `demo-${planned.source}-${planned.key}`;
  let conversationId: string | null = null;
  for (const message of planned.messages) {
    const result = await recordIncoming(deps, {
      source: planned.source,
      unitId,
      channelId,
      channelKey: channelId,
      kind: planned.kind,
      direction: message.reply ? "out" : "in",
      contact: { externalId: contactId, displayName: planned.name },
      postExternalId: planned.post?.id ?? null,
      postExcerpt: planned.post?.excerpt ?? null,
      externalId: `demo:${randomUUID()}`,
      text: message.text,
      sentAt: at(message.minutesAgo),
    });
    conversationId = result.conversationId ?? conversationId;
  }
  return conversationId;
}

function portalItem(
  deps: AppDependencies,
  rootId: string,
  planned: DemoConversation,
): Omit<IncomingItem, "direction" | "externalId" | "text" | "sentAt"> {
  return {
    source: "portal",
    unitId: rootId,
    channelId: null,
    channelKey: portalChannelKey(rootId),
    kind: "question",
    // "" keeps the name the asker gave with their question.
    contact: { externalId: askerIdOf(deps.config.secretKey(), planned.email ?? ""), displayName: "" },
  };
}

/** What the duty officers did with it: labels, a note, assignment, status, escalation, publishing. */
type Acting = ActionContext & { actor: Actor };

async function workOn(
  people: { asAdmin: Acting; asEditor: Acting; communeAdmin: Actor | null },
  conversationId: string,
  planned: DemoConversation,
): Promise<void> {
  const { asAdmin, asEditor } = people;
  if (planned.escalate && people.communeAdmin) {
    const asCommune = { db: asAdmin.db, actor: people.communeAdmin, ip: null };
    if (planned.labels) {
      await setLabels(asCommune, conversationId, planned.labels);
    }
    await escalateToParent(
      asCommune,
      conversationId,
      "Xã chưa nhận được văn bản nào về thu phí. Đề nghị tỉnh (Sở Văn hóa) trả lời chính thức.",
    );
    return;
  }
  if (planned.labels) {
    await setLabels(asEditor, conversationId, planned.labels);
  }
  if (planned.assign) {
    await assignConversation(asEditor, conversationId, asEditor.actor.personId);
  }
  if (planned.note) {
    await addNote(asEditor, conversationId, planned.note);
  }
  if (planned.status === "pending") {
    await setStatus(asEditor, conversationId, "pending", "citizen");
  } else if (planned.status === "resolved") {
    await setStatus(asEditor, conversationId, "resolved");
  }
  if (planned.publish) {
    await publishAnswer(asAdmin, conversationId, planned.publish);
  }
}
