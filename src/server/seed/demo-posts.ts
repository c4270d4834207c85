import type { Db } from "../db/client.ts";
import type { JobQueue } from "../jobs/queue.ts";
import { listChannels } from "../modules/channels/index.ts";
import { localMediaStorage, mediaForPublish, uploadMedia } from "../modules/media/index.ts";
import { findUnitByCodeOrId, loadActor, personAccountByEmail } from "../modules/org/index.ts";
import {
  approveVariant,
  articleUrlOfVariant,
  createPost,
  getPost,
  markPublishedByHand,
  submitStory,
  submitVariant,
} from "../modules/publishing/index.ts";
import type { Actor } from "../platform/actor.ts";
import { EMAIL_DOMAIN } from "./demo-accounts.ts";
import { coverFile, demoCovers } from "./demo-covers.ts";
import { memberStory, portalArticles, waitingPost } from "./demo-texts.ts";

/*
 * A few articles on the demo province's portal, written, approved and published through the desk's
 * own rules (an editor writes, an approver approves), plus one waiting for approval and one story
 * a member sent in, so every screen of the desk has something to show on first start.
 */

/**
 * The demo schedules nothing: its articles are published by hand once approved. The e-mails the
 * desk sends on the way (asking the approver, telling the editor) would go to invented .example
 * addresses and are left out; the in-app notices are kept.
 */
const noScheduling: JobQueue = {
  send: (name) =>
    name === "mail.send"
      ? Promise.resolve(null)
      : Promise.reject(new Error("the demo posts schedule nothing")),
  register: () => Promise.reject(new Error("the demo posts run no worker")),
  stop: async () => {},
  get boss(): never {
    throw new Error("the demo posts use no queue");
  },
};

async function actorByEmail(db: Db, email: string): Promise<Actor | null> {
  const person = await personAccountByEmail(db, email);
  return person ? loadActor(db, person.id, "session") : null;
}

/** The unit's own channel on a platform (not one of a unit below it), or undefined. */
async function channelOfUnit(
  db: Db,
  unit: { id: string; path: string },
  platform: "website" | "facebook_page",
) {
  const { items } = await listChannels(db, {
    scope: [unit.path],
    unitPath: unit.path,
    platform,
    limit: 100,
    offset: 0,
  });
  return items.find((channel) => channel.unitId === unit.id);
}

/** Adds the demo posts; called once, right after the demo province is created. */
export async function seedDemoPosts(db: Db, deps: { publicUrl: string; mediaDir: string }): Promise<number> {
  const root = await findUnitByCodeOrId(db, "TQ");
  const website = root ? await channelOfUnit(db, root, "website") : undefined;
  const fanpage = root ? await channelOfUnit(db, root, "facebook_page") : undefined;
  const editor = await actorByEmail(db, `trang.lethu@${EMAIL_DOMAIN}`);
  // The named demo approver, who signs in with the shared password and finds the waiting post in their queue.
  const approver = await actorByEmail(db, `binh.trieuvan@${EMAIL_DOMAIN}`);
  if (!root || !website || !editor || !approver) {
    return 0;
  }
  const storage = localMediaStorage(deps.mediaDir);
  const publishing = {
    jobs: noScheduling,
    publicUrl: deps.publicUrl,
    media: (executor: Parameters<typeof mediaForPublish>[0], ids: readonly string[]) =>
      mediaForPublish(executor, ids, deps.publicUrl, storage),
  };
  const as = (actor: Actor) => ({ db, actor, ip: null });
  const variantsOf = async (postId: string) => (await getPost(db, publishing, postId, editor)).variants;
  let count = 0;
  for (const [index, article] of portalArticles.entries()) {
    const cover = demoCovers[index];
    // Uploaded by the editor into the province's library, as an editor adds a picture to an article.
    const picture = cover
      ? await uploadMedia(as(editor), storage, {
          unit: { id: root.id, path: root.path },
          altText: cover.altText,
          name: cover.name,
          body: await coverFile(cover),
        })
      : null;
    const post = await createPost(as(editor), publishing, {
      unitId: root.id,
      title: article.title,
      summary: article.summary,
      bodyHtml: article.body,
      tags: article.tags,
      mediaIds: picture ? [picture.row.id] : [],
      channelIds: [website.id],
    });
    const [variant] = await variantsOf(post.id);
    if (!variant) {
      continue;
    }
    await submitVariant(as(editor), publishing, variant.id);
    await approveVariant(as(approver), variant.id);
    await markPublishedByHand(
      as(editor),
      variant.id,
      await articleUrlOfVariant(db, deps.publicUrl, variant.id),
    );
    count += 1;
  }
  // One waiting for the approver, with its Facebook variant beside the portal one.
  const waiting = await createPost(as(editor), publishing, {
    unitId: root.id,
    ...waitingPost,
    channelIds: fanpage ? [website.id, fanpage.id] : [website.id],
  });
  for (const variant of await variantsOf(waiting.id)) {
    await submitVariant(as(editor), publishing, variant.id);
  }
  const member = await actorByEmail(db, `hoa.mathi@${EMAIL_DOMAIN}`);
  if (member) {
    await submitStory(as(member), publishing, { ...memberStory, mediaIds: [] });
  }
  return count;
}
