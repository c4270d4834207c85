import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { vietnamToday } from "../../../shared/vietnam-time.ts";
import { queryRows } from "../../db/client.ts";
import { linkHits, shareKits } from "../../db/schema/index.ts";
import { registerChannel } from "../channels/service.ts";
import { isWellFormedLinkCode } from "./link-codes.ts";
import { rankingPurpose } from "./ranking-purpose.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let editor: SessionClient;
let rootEditor: SessionClient;
let approver: SessionClient;
let leftMember: { client: SessionClient; id: string };
let childMember: { client: SessionClient; id: string };
let rightMember: { client: SessionClient; id: string };
let websiteId = "";
let fanpageUrl = "";
let publishedPostId = "";
let draftPostId = "";

const phone =
  "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
const laptop =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

async function member(unitId: string) {
  const person = await makePerson(t.db, { unitId, roles: ["member"] });
  return { client: await signInAs(t.app, person.email ?? ""), id: person.id };
}

async function publish(postId: string, variantId: string) {
  await editor.request({ method: "POST", url: `/api/variants/${variantId}/submit` });
  await approver.request({ method: "POST", url: `/api/variants/${variantId}/approve` });
  await editor.request({ method: "POST", url: `/api/variants/${variantId}/publish-now` });
  await eventually(
    async () =>
      (await editor.request({ method: "GET", url: `/api/posts/${postId}` })).json().variants[0].status ===
      "published",
    { what: "the post to be published" },
  );
}

async function createKit(client: SessionClient, payload: Record<string, unknown>) {
  return client.request({ method: "POST", url: "/api/share-kits", payload });
}

async function feedOf(client: SessionClient) {
  const response = await client.request({ method: "GET", url: "/api/me/share-feed" });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    items: { id: string; link: { code: string; url: string }; sharedAt: string | null }[];
    total: number;
  };
}

/** A kit of the published post for the left commune, made by its editor; its view as answered. */
async function publishedKit(title: string, captions: string[]) {
  const response = await createKit(editor, { unitId: org.left.id, postId: publishedPostId, title, captions });
  expect(response.statusCode).toBe(201);
  return response.json();
}

/** Follows a tracked link as a browser would, without following the redirect. */
function follow(code: string, headers: Record<string, string> = { "user-agent": phone }, query = "") {
  return t.app.inject({ method: "GET", url: `/s/${code}${query}`, headers, remoteAddress: "203.0.113.7" });
}

/**
 * A report once the hits it should count are written: the recorder writes them on its own each
 * second; the test has it write them now (the same flush), then asks once.
 */
async function reportOnceWritten<T>(
  ask: () => Promise<T>,
  written: (report: T) => boolean,
  what: string,
): Promise<T> {
  await t.flushHits();
  const report = await ask();
  expect(written(report), what).toBe(true);
  return report;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  const system = { db: t.db, actor: null, ip: null };
  websiteId = (
    await registerChannel(system, {
      unitId: org.left.id,
      platform: "website",
      url: `https://xa-ben-trai-${Date.now()}.gov.vn`,
      displayName: "Cổng thông tin xã",
    })
  ).id;
  fanpageUrl = `https://www.facebook.com/xabentrai${Date.now()}`;
  await registerChannel(system, {
    unitId: org.left.id,
    platform: "facebook_page",
    url: fanpageUrl,
    displayName: "Fanpage xã",
  });
  editor = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] })).email ?? "",
  );
  rootEditor = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.root.id, roles: ["editor"] })).email ?? "",
  );
  approver = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] })).email ?? "",
  );
  const child = await makeUnit(t.db, { parentId: org.left.id, name: "Chi đoàn thôn Đồng Bừa" });
  leftMember = await member(org.left.id);
  childMember = await member(child.id);
  rightMember = await member(org.right.id);

  const written = await editor.request({
    method: "POST",
    url: "/api/posts",
    payload: {
      unitId: org.left.id,
      title: "Cảnh báo lừa đảo qua điện thoại",
      bodyHtml: "<p>Công an không gọi điện.</p>",
      channelIds: [websiteId],
    },
  });
  publishedPostId = written.json().id;
  await publish(publishedPostId, written.json().variants[0].id);
  const draft = await editor.request({
    method: "POST",
    url: "/api/posts",
    payload: {
      unitId: org.left.id,
      title: "Bản nháp",
      bodyHtml: "<p>Chưa đăng.</p>",
      channelIds: [websiteId],
    },
  });
  draftPostId = draft.json().id;
});
afterAll(async () => {
  await t?.close();
});

describe("share kits", () => {
  it("are made from a published post, leading to its portal article, with the post's title by default", async () => {
    const response = await createKit(editor, {
      unitId: org.left.id,
      postId: publishedPostId,
      captions: ["Mọi người cùng đọc!", "Chia sẻ để người thân biết"],
    });
    expect(response.statusCode).toBe(201);
    const kit = response.json();
    expect(kit.title).toBe("Cảnh báo lừa đảo qua điện thoại");
    expect(kit.targetUrl).toMatch(/^http:\/\/caunoi\.test\/u\/[^/]+\/canh-bao-lua-dao-qua-dien-thoai/);
    expect(kit.targetUnits).toEqual([{ id: org.left.id, name: org.left.name }]);
    expect(kit.live).toBe(true);
    expect(kit.captions).toHaveLength(2);
  });

  it("are made from a page of an official channel, and refused for any other address", async () => {
    const fromPage = await createKit(editor, {
      unitId: org.left.id,
      url: `${fanpageUrl}/posts/123456789`,
      title: "Bài trên fanpage",
      captions: ["Xem ngay"],
    });
    expect(fromPage.statusCode).toBe(201);
    expect(fromPage.json().targetUrl).toBe(`${fanpageUrl}/posts/123456789`);
    for (const url of [
      "https://www.facebook.com/trang-gia-mao-xa/posts/1",
      "https://lua-dao.example.com/",
      "javascript:alert(1)",
    ]) {
      const refused = await createKit(editor, { unitId: org.left.id, url, title: "X", captions: ["X"] });
      expect({ url, status: refused.statusCode, code: refused.json().code }).toEqual({
        url,
        status: 400,
        code: "advocacy.url_not_official",
      });
    }
  });

  it("are refused for a draft, for units outside the editor's scope, and without a caption", async () => {
    const draft = await createKit(editor, { unitId: org.left.id, postId: draftPostId, captions: ["X"] });
    expect(draft.json().code).toBe("advocacy.post_not_published");
    const outside = await createKit(editor, {
      unitId: org.left.id,
      postId: publishedPostId,
      captions: ["X"],
      targetUnitIds: [org.right.id],
    });
    expect(outside.json().code).toBe("advocacy.target_outside_scope");
    const blank = await createKit(editor, {
      unitId: org.left.id,
      postId: publishedPostId,
      captions: ["   "],
    });
    expect(blank.statusCode).toBe(400);
    const sibling = await createKit(await signInAs(t.app, org.rightAdmin.email ?? ""), {
      unitId: org.left.id,
      postId: publishedPostId,
      captions: ["X"],
    });
    expect(sibling.statusCode).toBe(403);
    const plainMember = await createKit(leftMember.client, {
      unitId: org.left.id,
      postId: publishedPostId,
      captions: ["X"],
    });
    expect(plainMember.statusCode).toBe(403);
  });
});

describe("the member's feed", () => {
  it("shows kits aimed at the member's unit or a unit above it, newest first, each with the member's own stable link", async () => {
    const kit = await publishedKit("Tin cho xã bên trái", ["A"]);
    const mine = await feedOf(leftMember.client);
    expect(mine.items[0]?.id).toBe(kit.id);
    const childs = await feedOf(childMember.client);
    expect(childs.items.map((item) => item.id)).toContain(kit.id);
    expect((await feedOf(rightMember.client)).items.map((item) => item.id)).not.toContain(kit.id);

    const myLink = mine.items[0]?.link;
    expect(myLink?.url).toBe(`http://caunoi.test/s/${myLink?.code}`);
    expect(childs.items.find((item) => item.id === kit.id)?.link.code).not.toBe(myLink?.code);
    expect((await feedOf(leftMember.client)).items[0]?.link.code).toBe(myLink?.code);
  });

  it("refuses to withdraw a withdrawn kit or reinstate one that is not, and says which it accepts", async () => {
    const kit = await publishedKit("Thu hồi hai lần", ["A"]);
    const notWithdrawn = await editor.request({ method: "POST", url: `/api/share-kits/${kit.id}/reinstate` });
    expect(notWithdrawn.statusCode).toBe(409);
    expect(notWithdrawn.json().code).toBe("advocacy.kit_not_withdrawn");
    const withdrawn = await editor.request({ method: "POST", url: `/api/share-kits/${kit.id}/withdraw` });
    expect(withdrawn.json()).toMatchObject({ status: "withdrawn", canWithdraw: false, canReinstate: true });
    const again = await editor.request({ method: "POST", url: `/api/share-kits/${kit.id}/withdraw` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("advocacy.kit_already_withdrawn");
    const shown = await editor.request({ method: "GET", url: `/api/share-kits/${kit.id}` });
    expect(shown.json()).toMatchObject({ status: "withdrawn", canWithdraw: false, canReinstate: true });
  });

  it("drops withdrawn and expired kits, and brings a reinstated one back", async () => {
    const kit = await publishedKit("Sẽ thu hồi", ["A"]);
    expect((await feedOf(leftMember.client)).items.map((item) => item.id)).toContain(kit.id);
    await editor.request({ method: "POST", url: `/api/share-kits/${kit.id}/withdraw` });
    expect((await feedOf(leftMember.client)).items.map((item) => item.id)).not.toContain(kit.id);
    const back = await editor.request({ method: "POST", url: `/api/share-kits/${kit.id}/reinstate` });
    expect(back.json().live).toBe(true);
    expect(back.json()).toMatchObject({ canWithdraw: true, canReinstate: false });
    await t.db.execute(
      sql`update share_kits set expires_at = now() - interval '1 minute' where id = ${kit.id}`,
    );
    expect((await feedOf(leftMember.client)).items.map((item) => item.id)).not.toContain(kit.id);
    const past = await editor.request({
      method: "PATCH",
      url: `/api/share-kits/${kit.id}`,
      payload: { expiresAt: "2020-01-01T00:00:00Z" },
    });
    expect(past.json().code).toBe("advocacy.expiry_past");
  });

  it("lets a member say they shared a kit and take it back; another member's kit cannot be marked", async () => {
    const kit = await publishedKit("Đánh dấu chia sẻ", ["A"]);
    const marked = await leftMember.client.request({
      method: "POST",
      url: `/api/me/share-feed/${kit.id}/shared`,
      payload: { method: "zalo" },
    });
    expect(marked.json().method).toBe("zalo");
    expect((await feedOf(leftMember.client)).items.find((item) => item.id === kit.id)?.sharedAt).toBeTruthy();
    expect(
      (await editor.request({ method: "GET", url: `/api/share-kits/${kit.id}` })).json().totals.shares,
    ).toBe(1);
    await leftMember.client.request({ method: "DELETE", url: `/api/me/share-feed/${kit.id}/shared` });
    expect((await feedOf(leftMember.client)).items.find((item) => item.id === kit.id)?.sharedAt).toBeNull();
    const stranger = await rightMember.client.request({
      method: "POST",
      url: `/api/me/share-feed/${kit.id}/shared`,
      payload: {},
    });
    expect(stranger.statusCode).toBe(404);
  });

  it("serves the kit's card to its audience and editors only", async () => {
    const kit = (
      await createKit(editor, {
        unitId: org.left.id,
        url: fanpageUrl,
        title: "Theo dõi fanpage xã",
        captions: ["A"],
      })
    ).json();
    const card = await leftMember.client.request({ method: "GET", url: kit.cardUrl });
    expect(card.statusCode).toBe(200);
    expect(card.headers["content-type"]).toBe("image/png");
    expect((await editor.request({ method: "GET", url: `${kit.cardUrl}?size=1080x1080` })).statusCode).toBe(
      200,
    );
    expect((await rightMember.client.request({ method: "GET", url: kit.cardUrl })).statusCode).toBe(404);
  });
});

describe("the feed page", () => {
  it("sends a browser without a session to sign in and back", async () => {
    const response = await t.app.inject({ method: "GET", url: "/share?page=2" });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/sign-in?next=%2Fshare%3Fpage%3D2");
  });

  it("renders the member's kits on the server with their own links, escaped, ten a page", async () => {
    const kit = await publishedKit("Tin <b>trang</b> chia sẻ", [
      'Đọc ngay <script>alert("x")</script>',
      "Lời dẫn thứ hai",
    ]);
    const page = await childMember.client.request({ method: "GET", url: "/share" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.headers["cache-control"]).toBe("private, no-store");
    const body = page.body;
    expect(body).toContain("<h1>Chia sẻ tin</h1>");
    expect(body).toContain(`data-kit-id="${kit.id}"`);
    expect(body).toContain("Tin &lt;b&gt;trang&lt;/b&gt; chia sẻ");
    expect(body).not.toContain("<script>alert");
    const code = (await feedOf(childMember.client)).items.find((item) => item.id === kit.id)?.link.code;
    expect(body).toContain(`<span data-testid="feed-link">http://caunoi.test/s/${code}</span>`);
    expect(body).toContain(`<meta name="csrf-token" content="${childMember.client.csrfToken}">`);
    const script = body.match(/<script src="(\/share\/feed\.js\?v=[0-9a-f]{12})" defer><\/script>/)?.[1];
    expect(script).toBeTruthy();
    const js = await t.app.inject({ method: "GET", url: script ?? "" });
    expect(js.headers["content-type"]).toContain("javascript");
    expect(js.headers["cache-control"]).toContain("immutable");
    expect(js.body).toContain("/api/me/share-feed/");

    // A member of the sibling commune sees none of it; English on request.
    const other = await rightMember.client.request({ method: "GET", url: "/share?lang=en" });
    expect(other.body).toContain('data-testid="feed-empty"');
    expect(other.body).toContain("<h1>Share news</h1>");
  });

  it("pages the feed ten kits at a time", async () => {
    for (let i = 0; i < 11; i++) {
      await createKit(editor, {
        unitId: org.left.id,
        postId: publishedPostId,
        title: `Tin số ${i}`,
        captions: ["A"],
      });
    }
    const first = (await leftMember.client.request({ method: "GET", url: "/share" })).body;
    expect(first.match(/data-testid="feed-kit"/g)).toHaveLength(10);
    expect(first).toContain('href="?page=2&amp;lang=vi" rel="next"');
    const second = (await leftMember.client.request({ method: "GET", url: "/share?page=2" })).body;
    expect(second).toContain('rel="prev"');
    const mangled = await leftMember.client.request({ method: "GET", url: "/share?page=abc&lang=xx" });
    expect(mangled.statusCode).toBe(200);
    expect(mangled.body).toContain('rel="next"');
  });
});

describe("tracked links", () => {
  let kitId = "";
  let code = "";
  let targetUrl = "";
  beforeAll(async () => {
    const kit = await publishedKit("Đo lượt nhấp", ["A"]);
    kitId = kit.id;
    targetUrl = kit.targetUrl;
    code = (await feedOf(childMember.client)).items.find((item) => item.id === kitId)?.link.code ?? "";
  });

  it("answer a 302 to the stored address only, whatever the request adds", async () => {
    for (const query of [
      "",
      "?to=https://evil.example",
      "?url=https%3A%2F%2Fevil.example&next=//evil.example",
    ]) {
      const response = await follow(code, { "user-agent": phone }, query);
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe(targetUrl);
      expect(response.headers["cache-control"]).toContain("no-store");
    }
  });

  it("answer a Vietnamese 404 page for malformed and unknown codes, a 410 for a withdrawn kit, never a 500", async () => {
    const flipped = code.slice(0, 8) + (code[8] === "A" ? "B" : "A");
    for (const bad of [
      "abc",
      "x".repeat(300),
      "%00%00",
      "..%2F..%2Fetc",
      "AAAAAAAA0",
      flipped,
      "'%20or%201=1--",
    ]) {
      const response = await t.app.inject({ method: "GET", url: `/s/${bad}` });
      expect({ bad, status: response.statusCode }).toEqual({ bad, status: 404 });
      expect(response.headers["content-type"]).toContain("text/html");
      expect(response.body).toContain("Không tìm thấy liên kết");
    }
    const kit = await publishedKit("Thu hồi link", ["A"]);
    const withdrawnCode =
      (await feedOf(leftMember.client)).items.find((item) => item.id === kit.id)?.link.code ?? "";
    expect((await follow(withdrawnCode)).statusCode).toBe(302);
    await editor.request({ method: "POST", url: `/api/share-kits/${kit.id}/withdraw` });
    const gone = await follow(withdrawnCode);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain("đã được thu hồi");
  });

  it("count people's clicks apart from link previews and robots, by referrer, device and the member's unit, with no address stored", async () => {
    await follow(code, { "user-agent": phone, referer: "https://www.facebook.com/" });
    await follow(code, { "user-agent": phone, referer: "https://www.facebook.com/" });
    await follow(code, { "user-agent": laptop, referer: "https://zalo.me/" });
    await follow(code, {
      "user-agent": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    });
    await follow(code, { "user-agent": "TelegramBot (like TwitterBot)" });
    await follow(code, { "user-agent": "curl/8.5.0" });
    await follow(code, { "user-agent": "" });
    const report = await reportOnceWritten(
      async () => (await editor.request({ method: "GET", url: `/api/share-kits/${kitId}/report` })).json(),
      (answer) => answer.totals.clicks + answer.totals.previews + answer.totals.bots >= 10,
      "the kit's ten hits in its report",
    );
    // The no-open-redirect test above followed the link three times from the phone too.
    // Links: the child member's, and the left member's, made when the kit showed in their feed.
    expect(report.totals).toMatchObject({ clicks: 6, previews: 2, bots: 2, links: 2 });
    // One address and two agents: two visitors that day.
    expect(report.totals.uniqueVisitors).toBe(2);
    expect(report.byReferrer).toEqual(
      expect.arrayContaining([
        { domain: "facebook.com", clicks: 2 },
        { domain: "zalo.me", clicks: 1 },
        { domain: "", clicks: 3 },
      ]),
    );
    expect(report.byDevice).toEqual(
      expect.arrayContaining([
        { device: "mobile", clicks: 5 },
        { device: "desktop", clicks: 1 },
      ]),
    );
    expect(report.byUnit).toHaveLength(1);
    expect(report.byUnit[0]).toMatchObject({ unitName: "Chi đoàn thôn Đồng Bừa", clicks: 6, previews: 2 });
    expect(report.byDay.at(-1)).toEqual({ day: vietnamToday(), clicks: 6, previews: 2 });

    const columns = await queryRows<{ column_name: string }>(
      t.db,
      sql`select column_name from information_schema.columns where table_name = 'link_hits'`,
    );
    expect(columns.map((column) => column.column_name).sort()).toEqual(
      [
        "at",
        "device",
        "hits",
        "id",
        "kind",
        "kit_id",
        "link_id",
        "referrer_domain",
        "unit_id",
        "visitor_hash",
      ].sort(),
    );
    const stored = JSON.stringify(await t.db.select().from(linkHits));
    expect(stored).not.toContain("203.0.113.7");
    expect(stored).not.toContain("Android 13");
  });

  it("refuse a malformed code without asking the database, and say so when the database cannot answer", async () => {
    await t.db.execute(sql`alter table share_links rename to share_links_away`);
    try {
      // Made-up, wrong check character: answered from the code alone.
      const malformed = await t.app.inject({ method: "GET", url: "/s/AAAAAAAA0" });
      expect(malformed.statusCode).toBe(404);
      // Well formed but never seen: it needs the database, which cannot answer now.
      let wellFormed = "AAAAAAAA";
      for (const candidate of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
        if (isWellFormedLinkCode(`AAAAAAAA${candidate}`)) {
          wellFormed += candidate;
        }
      }
      const unavailable = await t.app.inject({ method: "GET", url: `/s/${wellFormed}` });
      expect(unavailable.statusCode).toBe(503);
      expect(unavailable.body).toContain("thử lại");
    } finally {
      await t.db.execute(sql`alter table share_links_away rename to share_links`);
    }
  });

  it("are answered by the listening server itself, with the same rules, and counted", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    // The server the app makes for this keeps the limits Fastify would have set (uploads rely on them).
    expect(t.app.server.requestTimeout).toBe(60_000);
    expect(t.app.server.keepAliveTimeout).toBe(72_000);
    const address = t.app.server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const before = (await editor.request({ method: "GET", url: `/api/share-kits/${kitId}/report` })).json()
      .totals.clicks;
    const followed = await fetch(`${base}/s/${code}?to=https://evil.example`, {
      redirect: "manual",
      headers: { "user-agent": laptop },
    });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toBe(targetUrl);
    for (const bad of ["", "abc", "x".repeat(5000), "%E0%A4%A", `${code}/more`]) {
      const refused = await fetch(`${base}/s/${bad}`, { redirect: "manual" });
      expect({ bad: bad.slice(0, 20), status: refused.status }).toEqual({
        bad: bad.slice(0, 20),
        status: 404,
      });
      expect(await refused.text()).toContain("Không tìm thấy liên kết");
    }
    // The rest of the site still goes through the framework.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const after = await reportOnceWritten(
      async () =>
        (await editor.request({ method: "GET", url: `/api/share-kits/${kitId}/report` })).json().totals
          .clicks as number,
      (clicks) => clicks > before,
      "the click through the listening server in the report",
    );
    expect(after).toBe(before + 1);
  });

  it("export a kit's report as XLSX", async () => {
    const response = await editor.request({ method: "GET", url: `/api/share-kits/${kitId}/report.xlsx` });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toMatch(/attachment; filename="bao-cao-bo-tin-.*\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Tổng quan",
      "Theo ngày",
      "Theo đơn vị",
      "Nguồn",
      "Thiết bị",
    ]);
    const overview = workbook.getWorksheet("Tổng quan");
    expect(overview?.getRow(5).values).toEqual([undefined, "Lượt nhấp", 7]);
  });
});

describe("campaigns", () => {
  it("rank participating units in totals and per member, and name only members who opted in", async () => {
    const today = vietnamToday();
    const created = await rootEditor.request({
      method: "POST",
      url: "/api/campaigns",
      payload: {
        unitId: org.root.id,
        name: "Tháng chia sẻ tin chính thống",
        goalKind: "clicks",
        goalTarget: 10,
        startsOn: today,
        endsOn: today,
        unitIds: [org.left.id, org.right.id],
      },
    });
    expect(created.statusCode).toBe(201);
    const campaign = created.json();
    const kit = (
      await createKit(rootEditor, {
        unitId: org.root.id,
        postId: publishedPostId,
        title: "Tin chiến dịch",
        captions: ["A"],
        targetUnitIds: [org.root.id],
        campaignId: campaign.id,
      })
    ).json();
    const codeOf = async (who: { client: SessionClient }) =>
      (await feedOf(who.client)).items.find((item) => item.id === kit.id)?.link.code ?? "";
    const [leftCode, childCode, rightCode] = [
      await codeOf(leftMember),
      await codeOf(childMember),
      await codeOf(rightMember),
    ];
    for (const [linkCode, times] of [
      [leftCode, 2],
      [childCode, 1],
      [rightCode, 2],
    ] as const) {
      for (let i = 0; i < times; i++) {
        await follow(linkCode);
      }
    }
    await rightMember.client.request({
      method: "POST",
      url: `/api/me/share-feed/${kit.id}/shared`,
      payload: { method: "native" },
    });
    const consent = await rightMember.client.request({
      method: "PUT",
      url: "/api/me/ranking-consent",
      payload: { optIn: true, purposeVersion: rankingPurpose.version },
    });
    expect(consent.json().optedIn).toBe(true);
    const stale = await leftMember.client.request({
      method: "PUT",
      url: "/api/me/ranking-consent",
      payload: { optIn: true, purposeVersion: "1999" },
    });
    expect(stale.statusCode).toBe(409);

    const report = await reportOnceWritten(
      async () =>
        (await rootEditor.request({ method: "GET", url: `/api/campaigns/${campaign.id}/report` })).json(),
      (answer) => answer.totals.clicks >= 5,
      "the campaign's five clicks in its report",
    );
    expect(report.campaign.progress).toBe(5);
    expect(report.totals).toMatchObject({ clicks: 5, shares: 1 });
    const left = report.leaderboard.find((row: { unitId: string }) => row.unitId === org.left.id);
    const right = report.leaderboard.find((row: { unitId: string }) => row.unitId === org.right.id);
    // The left commune's total includes its sub-unit's member; the right has fewer people, so more per member.
    expect(left).toMatchObject({ clicks: 3, total: 3, rankByTotal: 1 });
    expect(right).toMatchObject({ clicks: 2, shares: 1, total: 2, rankByTotal: 2 });
    expect(right.perMember).toBeGreaterThan(left.perMember);
    expect(right.rankByPerMember).toBe(1);
    expect(report.people.map((row: { personId: string }) => row.personId)).toEqual([rightMember.id]);
    expect(report.kits).toEqual([{ id: kit.id, title: "Tin chiến dịch", clicks: 5, previews: 0, shares: 1 }]);

    // Withdrawing consent takes the name out at once.
    await rightMember.client.request({
      method: "PUT",
      url: "/api/me/ranking-consent",
      payload: { optIn: false },
    });
    const after = (
      await rootEditor.request({ method: "GET", url: `/api/campaigns/${campaign.id}/report` })
    ).json();
    expect(after.people).toEqual([]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await rootEditor.request({ method: "GET", url: `/api/campaigns/${campaign.id}/report.xlsx` }))
        .rawPayload as unknown as ArrayBuffer,
    );
    expect(workbook.getWorksheet("Xếp hạng đơn vị")?.rowCount).toBe(3);
  });

  it("follow a channel's followers entered by date, and refuse a followers goal without its channel", async () => {
    const today = vietnamToday();
    const noChannel = await editor.request({
      method: "POST",
      url: "/api/campaigns",
      payload: {
        unitId: org.left.id,
        name: "Tăng người theo dõi",
        goalKind: "followers",
        goalTarget: 5000,
        startsOn: today,
        endsOn: "2099-12-31",
      },
    });
    expect(noChannel.statusCode).toBe(400);
    const created = await editor.request({
      method: "POST",
      url: "/api/campaigns",
      payload: {
        unitId: org.left.id,
        name: "Tăng người theo dõi",
        goalKind: "followers",
        goalTarget: 5000,
        channelId: websiteId,
        startsOn: today,
        endsOn: "2099-12-31",
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await editor.request({
      method: "POST",
      url: `/api/campaigns/${id}/followers`,
      payload: { onDate: "2026-01-05", followers: 4100 },
    });
    await editor.request({
      method: "POST",
      url: `/api/campaigns/${id}/followers`,
      payload: { onDate: today, followers: 4300 },
    });
    await editor.request({
      method: "POST",
      url: `/api/campaigns/${id}/followers`,
      payload: { onDate: today, followers: 4350 },
    });
    const future = await editor.request({
      method: "POST",
      url: `/api/campaigns/${id}/followers`,
      payload: { onDate: "2099-01-01", followers: 1 },
    });
    expect(future.json().code).toBe("advocacy.future_date");
    const campaign = (await editor.request({ method: "GET", url: `/api/campaigns/${id}` })).json();
    expect(campaign.progress).toBe(4350);
    const followers = (await editor.request({ method: "GET", url: `/api/campaigns/${id}/followers` })).json()
      .items;
    expect(followers.map((row: { followers: number }) => row.followers)).toEqual([4100, 4350]);
    const [audited] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_events where action = 'advocacy.campaign.followers' and target_id = ${id}`,
    );
    expect(Number(audited?.n)).toBe(3);
    const running = (await editor.request({ method: "GET", url: "/api/campaigns?state=running" })).json();
    expect(running.items.map((row: { id: string }) => row.id)).toContain(id);
    expect((await rightMember.client.request({ method: "GET", url: "/api/campaigns" })).statusCode).toBe(403);
  });
});

describe("stopping the server", () => {
  it("writes the hits still in memory before it closes", async () => {
    const other = await createTestApp();
    try {
      const o = await makeOrganisation(other.db);
      const [kit] = await other.db
        .insert(shareKits)
        .values({
          unitId: o.left.id,
          targetUrl: "https://xa.gov.vn/tin/1",
          title: "Tắt máy",
          captions: ["A"],
          targetUnitIds: [o.left.id],
        })
        .returning();
      const person = await makePerson(other.db, { unitId: o.left.id });
      const client = await signInAs(other.app, person.email ?? "");
      const feed = (await client.request({ method: "GET", url: "/api/me/share-feed" })).json();
      const linkCode = feed.items[0].link.code;
      for (let i = 0; i < 25; i++) {
        await other.app.inject({ method: "GET", url: `/s/${linkCode}`, headers: { "user-agent": phone } });
      }
      // Well within the flush interval: only a flush on close can have written them.
      await other.app.close();
      const [row] = await queryRows<{ total: number }>(
        other.db,
        sql`select sum(hits)::int as total from link_hits where kit_id = ${kit?.id}`,
      );
      expect(Number(row?.total)).toBe(25);
    } finally {
      await other.jobs.stop();
      await other.database.close();
    }
  });
});

describe("kit lists", () => {
  it("list the kits of the editor's units, filtered by status and by title ignoring diacritics", async () => {
    const list = (await editor.request({ method: "GET", url: "/api/share-kits?q=do%20luot%20nhap" })).json();
    expect(list.items.map((kit: { title: string }) => kit.title)).toEqual(["Đo lượt nhấp"]);
    const withdrawn = (
      await editor.request({ method: "GET", url: "/api/share-kits?status=withdrawn" })
    ).json();
    expect(withdrawn.items.every((kit: { status: string }) => kit.status === "withdrawn")).toBe(true);
    expect(withdrawn.total).toBeGreaterThan(0);
    const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
    expect((await rightAdmin.request({ method: "GET", url: "/api/share-kits" })).json().total).toBe(0);
    const [row] = await t.db.select({ total: sql<number>`count(*)::int` }).from(shareKits);
    expect(row?.total).toBeGreaterThan(0);
  });
});
