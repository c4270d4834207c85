import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { registerChannel } from "../channels/service.ts";
import { findUnitByCodeOrId } from "../org/unit-queries.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let editor: SessionClient;
let approver: SessionClient;
let code = "";
let websiteId = "";

async function publish(title: string, bodyHtml: string, tags: string[] = []) {
  const created = (
    await editor.request({
      method: "POST",
      url: "/api/posts",
      payload: { unitId: org.left.id, title, bodyHtml, tags, channelIds: [websiteId] },
    })
  ).json();
  const variantId = created.variants[0].id;
  await editor.request({ method: "POST", url: `/api/variants/${variantId}/submit` });
  await approver.request({ method: "POST", url: `/api/variants/${variantId}/approve` });
  await editor.request({ method: "POST", url: `/api/variants/${variantId}/publish-now` });
  return eventually(
    async () => {
      const post = (await editor.request({ method: "GET", url: `/api/posts/${created.id}` })).json();
      return post.variants[0].status === "published"
        ? (post as { id: string; slug: string; variants: { externalUrl: string }[] })
        : undefined;
    },
    { what: "the post to be published" },
  );
}

const get = (url: string) => t.app.inject({ method: "GET", url });

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  code = (await findUnitByCodeOrId(t.db, org.left.id))?.code ?? "";
  websiteId = (
    await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: org.left.id,
        platform: "website",
        url: `https://portal-${Date.now()}.gov.vn`,
        displayName: "Cổng xã",
      },
    )
  ).id;
  editor = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] })).email ?? "",
  );
  approver = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] })).email ?? "",
  );
});
afterAll(async () => {
  await t?.close();
});

describe("a unit's portal", () => {
  it("shows published articles on its home and article pages, with cards for sharing", async () => {
    const post = await publish(
      "Tân Trào đón đoàn khách <b>quốc tế</b>",
      "<p>Sáng 24/11, xã Tân Trào đón đoàn khách.</p>",
      ["Du lịch"],
    );
    expect(post.variants[0]?.externalUrl).toBe(
      `http://caunoi.test/u/${encodeURIComponent(code)}/${post.slug}`,
    );
    const home = await get(`/u/${encodeURIComponent(code)}`);
    expect(home.statusCode).toBe(200);
    expect(home.headers["content-type"]).toContain("text/html");
    expect(home.headers["cache-control"]).toBe("public, max-age=60");
    expect(home.body).toContain("Tân Trào đón đoàn khách &lt;b&gt;quốc tế&lt;/b&gt;");
    expect(home.body).not.toContain("<script");

    const article = await get(`/u/${encodeURIComponent(code)}/${post.slug}`);
    expect(article.statusCode).toBe(200);
    expect(article.body).toContain("<p>Sáng 24/11, xã Tân Trào đón đoàn khách.</p>");
    expect(article.body).toContain('<meta property="og:type" content="article">');
    expect(article.body).toContain(
      '<meta property="og:title" content="Tân Trào đón đoàn khách &lt;b&gt;quốc tế&lt;/b&gt;">',
    );
    expect(article.body).toContain(
      '<meta property="og:description" content="Sáng 24/11, xã Tân Trào đón đoàn khách.">',
    );
    expect(article.body).toContain(
      `<link rel="canonical" href="http://caunoi.test/u/${encodeURIComponent(code)}/${post.slug}">`,
    );
    expect(article.body).toContain('<meta name="twitter:card"');
    expect(article.body).toContain('<html lang="vi">');
  });

  it("searches ignoring diacritics and lists topics", async () => {
    await publish("Hội nghị triển khai chuyển đổi số", "<p>Đẩy mạnh chuyển đổi số cấp xã.</p>", [
      "Chuyển đổi số",
    ]);
    const search = await get(
      `/u/${encodeURIComponent(code)}/tim-kiem?q=${encodeURIComponent("chuyen doi so")}`,
    );
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain("Hội nghị triển khai chuyển đổi số");
    expect(search.body).not.toContain("Tân Trào đón đoàn khách");
    // Topics have addresses a person can read and type, linked from the home page.
    const site = `/u/${encodeURIComponent(code)}`;
    expect((await get(site)).body).toContain(`href="http://caunoi.test${site}/chu-de/chuyen-doi-so"`);
    const topic = await get(`${site}/chu-de/chuyen-doi-so`);
    expect(topic.statusCode).toBe(200);
    expect(topic.body).toContain("Hội nghị triển khai chuyển đổi số");
    // Addresses made from the tag itself, shared before, lead there for good.
    for (const old of [encodeURIComponent("chuyển đổi số"), encodeURIComponent("Chuyển đổi số")]) {
      const moved = await get(`${site}/chu-de/${old}?trang=1`);
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe(`http://caunoi.test${site}/chu-de/chuyen-doi-so?trang=1`);
    }
    expect((await get(`${site}/chu-de/khong-co-chu-de-nay`)).statusCode).toBe(404);
  });

  it("offers RSS, Atom and a sitemap of the published articles only", async () => {
    const draft = (
      await editor.request({
        method: "POST",
        url: "/api/posts",
        payload: {
          unitId: org.left.id,
          title: "Bản nháp chưa duyệt",
          bodyHtml: "<p>x</p>",
          channelIds: [websiteId],
        },
      })
    ).json();
    const rss = await get(`/u/${encodeURIComponent(code)}/rss.xml`);
    expect(rss.headers["content-type"]).toContain("application/rss+xml");
    expect(rss.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
    expect(rss.body).toContain("<title>Hội nghị triển khai chuyển đổi số</title>");
    expect(rss.body).toContain("&lt;p&gt;Đẩy mạnh chuyển đổi số cấp xã.&lt;/p&gt;");
    expect(rss.body).not.toContain("Bản nháp chưa duyệt");
    const atom = await get(`/u/${encodeURIComponent(code)}/atom.xml`);
    expect(atom.headers["content-type"]).toContain("application/atom+xml");
    expect(atom.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">');
    expect((atom.body.match(/<entry>/g) ?? []).length).toBe(2);
    const map = await get(`/u/${encodeURIComponent(code)}/sitemap.xml`);
    expect((map.body.match(/<url>/g) ?? []).length).toBe(3);
    expect(map.body).not.toContain(draft.slug);
    expect((await get(`/u/${encodeURIComponent(code)}/${draft.slug}`)).statusCode).toBe(404);
  });

  it("answers unknown addresses and units without a website with a Vietnamese 404 page", async () => {
    const missing = await get(`/u/${encodeURIComponent(code)}/khong-co-bai-nay`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("text/html");
    expect(missing.body).toContain("Không tìm thấy trang");
    const rightCode = (await findUnitByCodeOrId(t.db, org.right.id))?.code ?? "";
    expect((await get(`/u/${encodeURIComponent(rightCode)}`)).statusCode).toBe(404);
    expect((await get("/u/khong-ton-tai")).statusCode).toBe(404);
  });
});

describe("feeds", () => {
  it("drop characters XML cannot carry, so a pasted control character never breaks a reader", async () => {
    await publish("Tin có ký tự lạ\u0007 ở giữa", "<p>Nội dung\u0001 sạch</p>");
    const rss = await get(`/u/${encodeURIComponent(code)}/rss.xml`);
    expect(rss.body).toContain("<title>Tin có ký tự lạ ở giữa</title>");
    expect(rss.body.includes("\u0001") || rss.body.includes("\u0007")).toBe(false);
  });
});

describe("article bodies saved before the stricter image rule", () => {
  it("are cleaned again on the way out: no image reaches past /media/", async () => {
    const post = await publish("Bài lưu từ bản cũ", "<p>Nội dung cũ</p>");
    // What an earlier sanitiser let through, written as it was stored then.
    await t.db.execute(
      sql`update post_variants set body = ${'<p>Nội dung cũ</p><img src="/media/../api/people/x"><img src="//evil.example/a.png">'} where post_id = ${post.id}`,
    );
    const article = await get(`/u/${encodeURIComponent(code)}/${post.slug}`);
    expect(article.statusCode).toBe(200);
    expect(article.body).toContain("Nội dung cũ");
    expect(article.body).not.toContain("/media/../");
    expect(article.body).not.toContain("evil.example");
  });
});
