import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makeUnit } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { registerChannel, setChannelStatus } from "./service.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const suffix = () => randomBytes(4).toString("hex");
const system = () => ({ db: t.db, actor: null, ip: null });
/** Each test calls from its own address, so the per-address limits of one test do not hit another. */
const address = () => `203.0.113.${randomBytes(1)[0]}`;

async function lookup(url: string, remoteAddress = address()) {
  return t.app.inject({
    method: "GET",
    url: `/api/public/channels/lookup?url=${encodeURIComponent(url)}`,
    remoteAddress,
  });
}

describe("public lookup", () => {
  it("answers official, formerly official, unknown, unsupported and invalid", async () => {
    const org = await makeOrganisation(t.db);
    const page = `congan${suffix()}`;
    const official = await registerChannel(system(), {
      unitId: org.left.id,
      platform: "facebook_page",
      url: `https://www.facebook.com/${page}`,
      displayName: "Công an Xã Bên Trái",
    });
    const closedPage = `doanxa${suffix()}`;
    const closed = await registerChannel(system(), {
      unitId: org.right.id,
      platform: "facebook_page",
      url: `https://www.facebook.com/${closedPage}`,
      displayName: "Đoàn phường cũ",
    });
    const closedOn = new Date("2026-03-15T02:00:00Z");
    await setChannelStatus(system(), { channelId: closed.id, status: "closed", since: closedOn });

    // Another form of the same address: mobile host, capitals, a tracking parameter.
    const found = await lookup(`https://m.facebook.com/${page.toUpperCase()}?mibextid=abc`);
    expect(found.statusCode).toBe(200);
    expect(found.headers["cache-control"]).toBe("public, max-age=60");
    expect(found.json()).toMatchObject({
      status: "official",
      canonicalKey: official.key,
      channel: {
        platform: "facebook_page",
        displayName: "Công an Xã Bên Trái",
        unit: { name: org.left.name, path: [org.root.name, org.left.name] },
      },
    });
    expect(new Date(found.json().channel.since).getTime()).toBe(official.statusSince.getTime());

    const former = await lookup(`facebook.com/${closedPage}`);
    expect(former.json()).toMatchObject({
      status: "formerly_official",
      channel: { status: "closed", unit: { name: org.right.name } },
    });
    expect(new Date(former.json().channel.since).toISOString()).toBe(closedOn.toISOString());

    const unknown = await lookup(`https://www.facebook.com/giamao${suffix()}`);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json().status).toBe("unknown");
    expect(unknown.json().channel).toBeUndefined();
    expect(unknown.json().canonicalKey).toBeTruthy();

    const share = await lookup("https://www.facebook.com/share/p/1AbCdEfGh/");
    expect(share.statusCode).toBe(200);
    expect(share.json()).toMatchObject({ status: "unknown", reason: { code: "url.unsupported" } });
    expect(share.json().reason.messages.vi).toBeTruthy();

    const invalid = await lookup("không phải liên kết");
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers["content-type"]).toContain("application/problem+json");
    expect(invalid.json().code).toBe("url.invalid");
  });

  it("reports a change made in this process at once, despite the cache", async () => {
    const org = await makeOrganisation(t.db);
    const page = `trang${suffix()}`;
    const url = `https://facebook.com/${page}`;
    expect((await lookup(url)).json().status).toBe("unknown");
    const channel = await registerChannel(system(), {
      unitId: org.left.id,
      platform: "facebook_page",
      url,
      displayName: "Trang mới",
    });
    expect((await lookup(url)).json().status).toBe("official");
    await setChannelStatus(system(), { channelId: channel.id, status: "lost_control" });
    expect((await lookup(url)).json()).toMatchObject({
      status: "formerly_official",
      channel: { status: "lost_control" },
    });
  });

  it("limits lookups per address and answers 429 problem+json", async () => {
    const remoteAddress = "192.0.2.77";
    let last = await lookup("https://tuyenquang.gov.vn", remoteAddress);
    for (let n = 1; n < 120; n++) {
      last = await lookup("https://tuyenquang.gov.vn", remoteAddress);
    }
    expect(last.statusCode).toBe(200);
    const limited = await lookup("https://tuyenquang.gov.vn", remoteAddress);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["content-type"]).toContain("application/problem+json");
    expect(limited.json().code).toBe("rate_limited");
    expect(limited.json().messages.en).toBeTruthy();
    // Another address is not affected.
    expect((await lookup("https://tuyenquang.gov.vn")).statusCode).toBe(200);
  });
});

describe("public directory", () => {
  it("searches active channels ignoring diacritics, browses the tree, and exports CSV and JSON", async () => {
    const org = await makeOrganisation(t.db);
    const cell = await makeUnit(t.db, { parentId: org.left.id, name: `Chi đoàn Thôn Đồng ${suffix()}` });
    const tag = suffix();
    const youth = await registerChannel(system(), {
      unitId: cell.id,
      platform: "youtube",
      url: `https://www.youtube.com/@thanhnien${tag}`,
      displayName: `Thanh niên Thôn Đồng ${tag}`,
    });
    const formula = await registerChannel(system(), {
      unitId: org.left.id,
      platform: "website",
      url: `https://xa${tag}.tuyenquang.gov.vn`,
      displayName: `=HYPERLINK("x") Cổng xã ${tag}`,
    });
    const gone = await registerChannel(system(), {
      unitId: org.left.id,
      platform: "tiktok",
      url: `https://www.tiktok.com/@cu${tag}`,
      displayName: `Thanh niên kênh cũ ${tag}`,
    });
    await setChannelStatus(system(), { channelId: gone.id, status: "closed" });

    const search = await t.app.inject({
      method: "GET",
      url: `/api/public/channels?q=${encodeURIComponent(`thanh nien thon dong ${tag}`)}`,
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((c: { id: string }) => c.id)).toEqual([youth.id]);
    expect(search.json().items[0].unit.path).toEqual([org.root.name, org.left.name, cell.name]);
    const byTag = await t.app.inject({ method: "GET", url: `/api/public/channels?q=${tag}` });
    // The closed channel is not in the directory.
    expect(byTag.json().total).toBe(2);

    const root = await t.app.inject({ method: "GET", url: `/api/public/units/${org.root.id}/channels` });
    expect(root.json().channels).toEqual([]);
    expect(root.json().children).toEqual([{ id: org.left.id, name: org.left.name, channelCount: 2 }]);
    const left = await t.app.inject({ method: "GET", url: `/api/public/units/${org.left.id}/channels` });
    expect(left.json().channels.map((c: { id: string }) => c.id)).toEqual([formula.id]);
    expect(left.json().children).toEqual([{ id: cell.id, name: cell.name, channelCount: 1 }]);

    const json = await t.app.inject({ method: "GET", url: "/api/public/channels.json" });
    expect(json.statusCode).toBe(200);
    const entries = json.json().items.filter((e: { name: string }) => e.name.includes(tag));
    expect(entries).toEqual([
      {
        unit: org.left.name,
        unitPath: [org.root.name, org.left.name],
        platform: "website",
        name: `=HYPERLINK("x") Cổng xã ${tag}`,
        url: formula.url,
        since: formula.statusSince.toISOString(),
      },
      {
        unit: cell.name,
        unitPath: [org.root.name, org.left.name, cell.name],
        platform: "youtube",
        name: `Thanh niên Thôn Đồng ${tag}`,
        url: youth.url,
        since: youth.statusSince.toISOString(),
      },
    ]);

    const csv = await t.app.inject({ method: "GET", url: "/api/public/channels.csv" });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.startsWith("\uFEFF")).toBe(true);
    const lines = csv.body.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe('"Đơn vị","Thuộc","Nền tảng","Tên kênh","Địa chỉ","Chính thức từ"');
    expect(lines).toContain(
      `"${cell.name}","${org.root.name} › ${org.left.name}","youtube","Thanh niên Thôn Đồng ${tag}","${youth.url}","${youth.statusSince.toISOString()}"`,
    );
    // A name that a spreadsheet would run as a formula is defused.
    expect(csv.body).toContain(`"'=HYPERLINK(""x"") Cổng xã ${tag}"`);
    expect(csv.body).not.toContain(`Thanh niên kênh cũ ${tag}`);
  });
});

describe("public pages", () => {
  it("shows the verdict on the lookup page and escapes a malicious display name", async () => {
    const org = await makeOrganisation(t.db);
    const page = `trangxau${suffix()}`;
    await registerChannel(system(), {
      unitId: org.left.id,
      platform: "facebook_page",
      url: `https://www.facebook.com/${page}`,
      displayName: `<script>alert("x")</script> Trang xã`,
    });
    const official = await t.app.inject({
      method: "GET",
      url: `/kiem-tra?url=${encodeURIComponent(`fb.com/${page}`)}`,
      headers: { accept: "text/html" },
    });
    expect(official.statusCode).toBe(200);
    expect(official.headers["content-type"]).toContain("text/html");
    expect(official.body).toContain(`Kênh chính thức của ${org.left.name}`);
    expect(official.body).toContain(`${org.root.name} › ${org.left.name}`);
    expect(official.body).not.toContain("<script>");
    expect(official.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Trang xã");

    const unknown = await t.app.inject({
      method: "GET",
      url: `/kiem-tra?url=${encodeURIComponent(`https://facebook.com/"><script>x${suffix()}`)}`,
    });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).not.toContain("<script>");
    expect(unknown.body).toMatch(/Không có trong danh bạ kênh chính thức|Không kiểm tra được/);

    const empty = await t.app.inject({ method: "GET", url: "/kiem-tra" });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<form method="get" action="/kiem-tra">');
  });

  it("shows a formerly official channel in amber with its closing date in Vietnam time", async () => {
    const org = await makeOrganisation(t.db);
    const page = `dadong${suffix()}`;
    const channel = await registerChannel(system(), {
      unitId: org.right.id,
      platform: "facebook_page",
      url: `https://www.facebook.com/${page}`,
      displayName: "Trang đã đóng",
    });
    // 20:00 UTC on 31 March is already 1 April in Vietnam.
    await setChannelStatus(system(), {
      channelId: channel.id,
      status: "closed",
      since: new Date("2026-03-31T20:00:00Z"),
    });
    const response = await t.app.inject({
      method: "GET",
      url: `/kiem-tra?url=${encodeURIComponent(`https://facebook.com/${page}`)}`,
    });
    expect(response.body).toContain('class="verdict former"');
    expect(response.body).toContain("Từng là kênh chính thức (đã đóng từ 01/04/2026)");
  });

  it("lists and searches the directory page ignoring diacritics", async () => {
    const org = await makeOrganisation(t.db);
    const tag = suffix();
    await registerChannel(system(), {
      unitId: org.left.id,
      platform: "zalo_oa",
      url: `https://zalo.me/${Date.now()}`,
      displayName: `Hội Phụ nữ Xã ${tag}`,
    });
    const search = await t.app.inject({
      method: "GET",
      url: `/danh-ba?q=${encodeURIComponent(`hoi phu nu xa ${tag}`)}`,
    });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain(`Hội Phụ nữ Xã ${tag}`);
    const browse = await t.app.inject({ method: "GET", url: `/danh-ba?unitId=${org.root.id}` });
    expect(browse.body).toContain(`/danh-ba?unitId=${org.left.id}`);
    const top = await t.app.inject({ method: "GET", url: "/danh-ba" });
    expect(top.body).toContain(`/danh-ba?unitId=${org.root.id}`);
    expect(top.body).toContain('href="/api/public/channels.csv"');
  });

  it("links each unit that publishes a trang tin to it, beside the unit's name", async () => {
    const org = await makeOrganisation(t.db);
    await registerChannel(system(), {
      unitId: org.left.id,
      platform: "website",
      url: `https://xa-${suffix()}.example.vn`,
      displayName: "Trang tin xã",
    });
    await registerChannel(system(), {
      unitId: org.right.id,
      platform: "zalo_oa",
      url: `https://zalo.me/${Date.now()}`,
      displayName: "Zalo OA xã",
    });
    const site = `/u/${encodeURIComponent(org.left.code)}`;
    // Among the units below, only the one with an official website has a link to its site.
    const browse = await t.app.inject({ method: "GET", url: `/danh-ba?unitId=${org.root.id}` });
    const leftItem = browse.body.split("<li").find((item) => item.includes(`unitId=${org.left.id}`));
    const rightItem = browse.body.split("<li").find((item) => item.includes(`unitId=${org.right.id}`));
    expect(leftItem).toContain(`<a href="${site}">Trang tin của đơn vị</a>`);
    expect(rightItem).toBeDefined();
    expect(rightItem).not.toContain("Trang tin của đơn vị");
    // And on the unit's own page, under its name.
    const own = await t.app.inject({ method: "GET", url: `/danh-ba?unitId=${org.left.id}` });
    expect(own.body).toContain(`<p><a href="${site}">Trang tin của đơn vị</a></p>`);
    const other = await t.app.inject({ method: "GET", url: `/danh-ba?unitId=${org.right.id}` });
    expect(other.body).not.toContain("Trang tin của đơn vị");
    // The link leads to the unit's site, which the portal serves.
    expect((await t.app.inject({ method: "GET", url: site })).statusCode).toBe(200);
  });
});

describe("public API documentation", () => {
  it("lists the public channel routes under the channels tag and hides the HTML pages", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    expect(spec.paths["/api/public/channels/lookup"].get.tags).toEqual(["channels"]);
    expect(spec.paths["/api/channels"].post.tags).toEqual(["channels"]);
    expect(spec.paths["/api/public/channels.csv"]).toBeTruthy();
    expect(spec.paths["/kiem-tra"]).toBeUndefined();
  });
});

describe("public pages' errors", () => {
  const page = (url: string, remoteAddress = address()) =>
    t.app.inject({ method: "GET", url, remoteAddress, headers: { accept: "text/html" } });

  it("answers an unknown unit in the directory with a Vietnamese HTML 404, not JSON", async () => {
    const response = await page(`/danh-ba?unitId=${crypto.randomUUID()}`);
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.body).toContain('<html lang="vi">');
    expect(response.body).toContain("Không tìm thấy đơn vị.");
    expect(response.body).toContain('href="/danh-ba"');

    const malformed = await page("/danh-ba?unitId=khong-phai-ma");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers["content-type"]).toContain("text/html");
    expect(malformed.body).toContain("Yêu cầu không hợp lệ");
  });

  it("answers addresses below the pages with an HTML 404 instead of the web app or JSON", async () => {
    for (const url of ["/kiem-tra/abc", "/danh-ba/don-vi/123", "/kiem-tra/"]) {
      const response = await page(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.headers["content-type"]).toContain("text/html");
      expect(response.body).toContain("Không tìm thấy trang");
    }
    // The API beside them keeps answering machines in problem+json.
    const api = await t.app.inject({
      method: "GET",
      url: `/api/public/units/${crypto.randomUUID()}/channels`,
    });
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json().code).toBe("not_found");
  });

  it("tells a browser that was rate-limited on the lookup page, in HTML, when to try again", async () => {
    const remoteAddress = "192.0.2.78";
    for (let n = 0; n < 120; n++) {
      expect((await page("/kiem-tra?url=https%3A%2F%2Ftuyenquang.gov.vn", remoteAddress)).statusCode).toBe(
        200,
      );
    }
    const limited = await page("/kiem-tra?url=https%3A%2F%2Ftuyenquang.gov.vn", remoteAddress);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["content-type"]).toContain("text/html");
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(limited.body).toContain("Hệ thống tạm thời giới hạn truy cập");
    expect(limited.body).toContain(`${retryAfter} giây`);
    // The JSON lookup from the same address is limited separately and still speaks problem+json when it is.
    const api = await lookup("https://tuyenquang.gov.vn", remoteAddress);
    expect(api.headers["content-type"]).toContain("json");
  });
});
