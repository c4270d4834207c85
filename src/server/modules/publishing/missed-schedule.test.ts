/**
 * Finding 10: a publish job fetched by a process that died before the claim used to leave its
 * variant `scheduled` for ever. The job now retries, and the minute sweep takes up what is still
 * `scheduled` after the grace period: published within the late window, else failed ("missed
 * schedule") with a mail to the author and approvers. No worker runs here: the test calls them.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson } from "../../../../test/helpers/factories.ts";
import { createTestDatabase } from "../../../../test/helpers/test-database.ts";
import type { Database } from "../../db/client.ts";
import { channelConnections } from "../../db/schema/index.ts";
import { type JobQueue, startJobQueue } from "../../jobs/queue.ts";
import { registerChannel } from "../channels/service.ts";
import { loadActor } from "../org/actors.ts";
import type { PublishingConnector, PublishRequest } from "./connectors/types.ts";
import { lateWindowMs, missedScheduleGraceMs, PUBLISH_JOB, publishJobExpireSeconds } from "./publish-job.ts";
import { publishOverdueVariants, runPublishJob, type SchedulerDeps } from "./scheduler.ts";
import { approveVariant, createPost, scheduleVariant, submitVariant } from "./service.ts";

let database: Database;
let jobs: JobQueue;
let deps: SchedulerDeps;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let channelId = "";
const sent: PublishRequest[] = [];
const people = { author: "", approver: "" };

const fakeConnector: PublishingConnector = {
  target: "facebook_page",
  async publish(request) {
    sent.push(request);
    return { kind: "published", externalId: `page_${sent.length}`, externalUrl: null };
  },
  async findPublished() {
    return null;
  },
};

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await startJobQueue(database);
  const db = database.db;
  org = await makeOrganisation(db);
  channelId = (
    await registerChannel(
      { db, actor: null, ip: null },
      {
        unitId: org.left.id,
        platform: "facebook_page",
        url: `https://www.facebook.com/xatanlap${Date.now()}`,
        displayName: "Trang xã Tân Lập",
      },
    )
  ).id;
  // Connected, as a channel must be to be scheduled; the scheduler's own connection is the fake below.
  await db.insert(channelConnections).values({ channelId, connector: "facebook_page", accountId: "1047" });
  const author = await makePerson(db, { unitId: org.left.id, roles: ["editor"] });
  const approver = await makePerson(db, { unitId: org.left.id, roles: ["approver"] });
  people.author = author.id;
  people.approver = approver.id;
  deps = {
    jobs,
    publicUrl: "http://caunoi.test",
    media: async () => [],
    database,
    connectors: new Map([["facebook_page", fakeConnector]]),
    connection: async () => ({ baseUrl: "http://graph.test", accountId: "1047", token: "EAAtest" }),
  };
});

afterAll(async () => {
  await jobs?.stop();
  await database?.close();
});

/** An approved variant scheduled an hour ahead, then moved back to `ago` ms before now (as if time passed). */
async function scheduledAgo(ago: number, title: string) {
  const db = database.db;
  const editor = await loadActor(db, people.author, "session");
  const approver = await loadActor(db, people.approver, "session");
  if (!editor || !approver) {
    throw new Error("no actors");
  }
  const post = await createPost({ db, actor: editor, ip: null }, deps, {
    unitId: org.left.id,
    title,
    bodyHtml: `<p>${title}</p>`,
    channelIds: [channelId],
  });
  const [variant] = await db.query.postVariants.findMany({ where: (v, { eq }) => eq(v.postId, post.id) });
  const variantId = variant?.id ?? "";
  await submitVariant({ db, actor: editor, ip: null }, deps, variantId);
  await approveVariant({ db, actor: approver, ip: null }, variantId);
  await scheduleVariant({ db, actor: editor, ip: null }, deps, variantId, new Date(Date.now() + 3600_000));
  const at = new Date(Date.now() - ago);
  await db.execute(sql`update post_variants set scheduled_at = ${at} where id = ${variantId}`);
  return { variantId, at };
}

async function variantRow(id: string) {
  const [row] = await database.db.query.postVariants.findMany({ where: (v, { eq }) => eq(v.id, id) });
  return row;
}

async function mailsAbout(title: string): Promise<{ to: string; text: string }[]> {
  const rows = (await database.db.execute(
    sql`select data from pgboss.job where name = 'mail.send' and data->>'subject' like ${`%${title}%`}
        order by created_on`,
  )) as unknown as { rows: { data: { to: string; text: string } }[] };
  return rows.rows.map((row) => row.data);
}

describe("variants whose time passed with no job run", () => {
  it("queues the publish job with retries and a 10-minute expiry (it used to have none)", async () => {
    const { variantId } = await scheduledAgo(-3600_000, "Lịch trực ban Tết");
    const rows = (await database.db.execute(
      sql`select retry_limit, expire_seconds from pgboss.job
          where name = ${PUBLISH_JOB} and data->>'variantId' = ${variantId}`,
    )) as unknown as { rows: { retry_limit: number; expire_seconds: number }[] };
    expect(rows.rows).toEqual([{ retry_limit: 3, expire_seconds: publishJobExpireSeconds }]);
  });

  it("leaves a variant alone within the grace period (its job may still come)", async () => {
    const { variantId } = await scheduledAgo(missedScheduleGraceMs / 2, "Thông báo lịch họp");
    await publishOverdueVariants(deps);
    expect((await variantRow(variantId))?.status).toBe("scheduled");
  });

  it("publishes, once, a variant past the grace period but inside the late window", async () => {
    const before = sent.length;
    const { variantId } = await scheduledAgo(missedScheduleGraceMs + 60_000, "Lịch tiêm chủng tháng 12");
    await publishOverdueVariants(deps);
    await publishOverdueVariants(deps);
    expect((await variantRow(variantId))?.status).toBe("published");
    expect(sent.length - before).toBe(1);
  });

  it("marks a variant past the late window failed (missed schedule) and mails its author and approvers", async () => {
    const before = sent.length;
    const title = "Thông báo cắt điện khu vực 3";
    const { variantId } = await scheduledAgo(lateWindowMs + 10 * 60_000, title);
    // Sending it for approval and approving it mailed people already; only what follows is counted.
    const earlier = (await mailsAbout(title)).length;
    await publishOverdueVariants(deps);
    const row = await variantRow(variantId);
    expect(row?.status).toBe("failed");
    expect(row?.failure).toMatchObject({ code: "missed_schedule", needsPerson: true });
    expect(sent.length).toBe(before);
    const mails = (await mailsAbout(title)).slice(earlier);
    expect(mails).toHaveLength(2);
    expect(mails.every((mail) => mail.text.includes("Lỡ giờ đăng"))).toBe(true);
    // The platform by its name, never its code.
    expect(mails.every((mail) => !/facebook_page|zalo_oa|portal/.test(mail.text))).toBe(true);
  });

  it("a job that runs beyond the window (the server was down) does the same, not a late post", async () => {
    const before = sent.length;
    const title = "Kết quả tuyển sinh lớp 10";
    const { variantId, at } = await scheduledAgo(lateWindowMs + 60_000, title);
    const earlier = (await mailsAbout(title)).length;
    await runPublishJob(deps, { variantId, scheduledAt: at.toISOString() });
    expect((await variantRow(variantId))?.status).toBe("failed");
    expect(sent.length).toBe(before);
    expect((await mailsAbout(title)).slice(earlier)).toHaveLength(2);
  });

  it("a job that comes late but inside the window still publishes", async () => {
    const before = sent.length;
    const { variantId, at } = await scheduledAgo(5 * 60_000, "Tin bão khẩn cấp");
    await runPublishJob(deps, { variantId, scheduledAt: at.toISOString() });
    expect((await variantRow(variantId))?.status).toBe("published");
    expect(sent.length - before).toBe(1);
  });
});
