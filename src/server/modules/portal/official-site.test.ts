import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
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
import { registerChannel } from "../channels/service.ts";
import { findUnitByCodeOrId } from "../org/unit-queries.ts";
import { initialsOf } from "./chrome.ts";

/*
 * The portal as a reader meets it: an official site with the unit's emblem and name, a lead article
 * with its picture, the unit's channels to follow, the portals of the units below, and a footer
 * saying who runs the site and who answers for it.
 */

let t: TestApp;
let dataDir: string;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let editor: SessionClient;
let approver: SessionClient;
let code = "";
let websiteId = "";
const system = () => ({ db: t.db, actor: null, ip: null });

async function uploadCover(altText: string, background: string): Promise<string> {
  const picture = await sharp({ create: { width: 1280, height: 720, channels: 3, background } })
    .jpeg()
    .toBuffer();
  const response = await editor.request({
    method: "POST",
    url: `/api/media?${new URLSearchParams({ unitId: org.left.id, altText, name: "bia.jpg" })}`,
    headers: { "content-type": "application/octet-stream" },
    payload: picture,
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function publish(title: string, mediaIds: string[], tags: string[]) {
  const created = (
    await editor.request({
      method: "POST",
      url: "/api/posts",
      payload: {
        unitId: org.left.id,
        title,
        summary: `Tóm tắt: ${title}`,
        bodyHtml: `<p>${title}</p>`,
        tags,
        mediaIds,
        channelIds: [websiteId],
      },
    })
  ).json();
  const variantId = created.variants[0].id;
  await editor.request({ method: "POST", url: `/api/variants/${variantId}/submit` });
  await approver.request({ method: "POST", url: `/api/variants/${variantId}/approve` });
  await editor.request({ method: "POST", url: `/api/variants/${variantId}/publish-now` });
  await eventually(
    async () => {
      const post = (await editor.request({ method: "GET", url: `/api/posts/${created.id}` })).json();
      return post.variants[0].status === "published" ? post : undefined;
    },
    { what: `“${title}” to be published` },
  );
}

const get = (url: string) => t.app.inject({ method: "GET", url });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "caunoi-portal-"));
  t = await createTestApp({ env: { DATA_DIR: dataDir } });
  org = await makeOrganisation(t.db);
  code = (await findUnitByCodeOrId(t.db, org.left.id))?.code ?? "";
  const stamp = Date.now();
  websiteId = (
    await registerChannel(system(), {
      unitId: org.left.id,
      platform: "website",
      url: `https://xa-${stamp}.gov.vn`,
      displayName: "Trang tin xã",
    })
  ).id;
  await registerChannel(system(), {
    unitId: org.left.id,
    platform: "facebook_page",
    url: `https://www.facebook.com/xabentrai${stamp}`,
    displayName: "Xã Bên Trái",
  });
  await registerChannel(system(), {
    unitId: org.left.id,
    platform: "youtube",
    url: `https://www.youtube.com/@xabentrai${stamp}`,
    displayName: "Truyền hình xã",
  });
  // Two units below: one with a portal of its own, one without.
  const village = await makeUnit(t.db, { parentId: org.left.id, name: `Thôn Có Trang ${stamp}` });
  await makeUnit(t.db, { parentId: org.left.id, name: `Thôn Không Trang ${stamp}` });
  await registerChannel(system(), {
    unitId: village.id,
    platform: "website",
    url: `https://thon-${stamp}.gov.vn`,
    displayName: "Trang tin thôn",
  });
  editor = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] })).email ?? "",
  );
  approver = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] })).email ?? "",
  );
  const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
  const saved = await admin.request({
    method: "PATCH",
    url: `/api/units/${org.left.id}`,
    payload: {
      contactAddress: "Thôn Tân Lập, xã Bên Trái",
      contactPhone: "0207 3999 120",
      contactEmail: "vanphong@xabentrai.example",
      contentResponsible: "Ma Văn Thành – Phó Chủ tịch Ủy ban nhân dân xã",
    },
  });
  expect(saved.statusCode).toBe(200);
  await publish(
    "Tin cũ hơn về lễ hội",
    [await uploadCover("Đèn lồng đỏ treo trên phố đêm", "#51246a")],
    ["lễ hội"],
  );
  await publish(
    "Tin mới nhất về du lịch",
    [await uploadCover("Đồi núi xanh và dòng sông dưới nắng sớm", "#2f6b45")],
    ["du lịch"],
  );
  // Two articles go through the desk and the publishing queue: slow on a busy machine.
}, 300_000);
afterAll(async () => {
  await t?.close();
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** The opening tag of the first element matching `pattern` after `marker` in `body`. */
function tagAfter(body: string, marker: string, pattern: RegExp): string {
  const from = body.indexOf(marker);
  expect(from, `“${marker}” on the page`).toBeGreaterThanOrEqual(0);
  return body.slice(from).match(pattern)?.[0] ?? "";
}

describe("a unit's portal as an official site", () => {
  it("shows the unit's emblem and name in the header, and its topics", async () => {
    const home = await get(`/u/${encodeURIComponent(code)}`);
    expect(home.statusCode).toBe(200);
    const header = home.body.slice(home.body.indexOf("<header>"), home.body.indexOf("</header>"));
    expect(header).toContain("Trang tin chính thức");
    expect(header).toMatch(new RegExp(`<h1 class="name">${org.left.name}</h1>`));
    // No avatar in the registry: the drawn emblem, with the unit's initials, decorative beside the name.
    expect(header).toMatch(/<svg class="emblem"[^>]*aria-hidden="true"/);
    expect(header).toContain(`>${initialsOf(org.left.name)}</text>`);
    expect(header).toContain(`>Du lịch</a>`);
    expect(header).toContain(`>Lễ hội</a>`);
    expect(header).toContain('role="search"');
  });

  it("leads with the newest article and its cover, sized and described, then the others below", async () => {
    const home = (await get(`/u/${encodeURIComponent(code)}`)).body;
    const lead = home.slice(home.indexOf('<article class="lead">'), home.indexOf("</article>"));
    expect(lead).toContain("Tin mới nhất về du lịch");
    expect(lead).toContain("Tóm tắt: Tin mới nhất về du lịch");
    const cover = lead.match(/<img [^>]*>/)?.[0] ?? "";
    expect(cover).toContain('alt="Đồi núi xanh và dòng sông dưới nắng sớm"');
    expect(cover).toContain('width="1280"');
    expect(cover).toContain('height="720"');
    // The picture readers see first loads at once; the smaller rendition is offered to phones.
    expect(cover).toContain('fetchpriority="high"');
    expect(cover).not.toContain('loading="lazy"');
    expect(cover).toMatch(/srcset="[^"]*-thumb\.webp 480w, [^"]* 1280w"/);
    // The older one comes after, with its picture loaded only when scrolled near.
    const older = tagAfter(home, "Tin mới</h2>", /<img [^>]*>/);
    expect(home.indexOf("Tin cũ hơn về lễ hội")).toBeGreaterThan(home.indexOf("Tin mới</h2>"));
    expect(older).toContain('alt="Đèn lồng đỏ treo trên phố đêm"');
    expect(older).toContain('loading="lazy"');
    expect(older).toMatch(/width="1280" height="720"/);
    // One heading for the page: the unit's name.
    expect(home.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it("lists the unit's official channels with links to follow them, in words people use", async () => {
    const home = (await get(`/u/${encodeURIComponent(code)}`)).body;
    const section = home.slice(
      home.indexOf('aria-labelledby="kenh"'),
      home.indexOf("</section>", home.indexOf('aria-labelledby="kenh"')),
    );
    expect(section).toContain("Kênh chính thức");
    expect(section).toContain("Trang Facebook");
    expect(section).toContain("Kênh YouTube");
    expect(section).not.toContain("facebook_page");
    expect(section).toMatch(
      /<a class="follow" href="https:\/\/www\.facebook\.com\/xabentrai\d+"[^>]*>Theo dõi<\/a>/,
    );
    expect(section).toMatch(
      /<a class="follow" href="https:\/\/www\.youtube\.com\/@xabentrai\d+"[^>]*>Đăng ký kênh<\/a>/,
    );
  });

  it("links to the portals of the units below that have one, and only those", async () => {
    const home = (await get(`/u/${encodeURIComponent(code)}`)).body;
    const start = home.indexOf('aria-labelledby="truc-thuoc"');
    const section = home.slice(start, home.indexOf("</section>", start));
    expect(section).toMatch(/<a href="http:\/\/caunoi\.test\/u\/[^"]+">Thôn Có Trang \d+<\/a>/);
    expect(section).not.toContain("Thôn Không Trang");
    const link = section.match(/<a href="http:\/\/caunoi\.test(\/u\/[^"]+)">/)?.[1] ?? "";
    const subPortal = await get(link);
    expect(subPortal.statusCode).toBe(200);
    expect(subPortal.body).toMatch(/<h1 class="name">Thôn Có Trang \d+<\/h1>/);
  });

  it("closes every page with the body's name, address, phone, e-mail and who answers for the content", async () => {
    for (const path of ["", "/tim-kiem?q=du+lich"]) {
      const body = (await get(`/u/${encodeURIComponent(code)}${path}`)).body;
      const footer = body.slice(body.indexOf("<footer>"), body.indexOf("</footer>"));
      expect(footer).toContain(`<p class="owner">${org.left.name}</p>`);
      expect(footer).toContain("<span>Địa chỉ:</span> Thôn Tân Lập, xã Bên Trái");
      expect(footer).toContain('<a href="tel:02073999120">0207 3999 120</a>');
      expect(footer).toContain('<a href="mailto:vanphong@xabentrai.example">vanphong@xabentrai.example</a>');
      expect(footer).toContain(
        "<span>Chịu trách nhiệm nội dung:</span> Ma Văn Thành – Phó Chủ tịch Ủy ban nhân dân xã",
      );
    }
  });
});

describe("the drawn emblem", () => {
  it("takes the initials of the unit's proper name, not of its kind", () => {
    expect(initialsOf("Tỉnh Tuyên Quang")).toBe("TQ");
    expect(initialsOf("Xã Tân Trào")).toBe("TT");
    expect(initialsOf("Phường Minh Xuân")).toBe("MX");
    expect(initialsOf("Công an tỉnh Tuyên Quang")).toBe("CTQ");
    expect(initialsOf("đơn vị")).toBe("ĐV");
  });

  it("features the newest article with a picture, and lists a newer notice without one first in the news", async () => {
    await publish("Thông báo lịch tiếp dân không có ảnh", [], ["thông báo"]);
    const home = (await get(`/u/${encodeURIComponent(code)}`)).body;
    const lead = home.slice(home.indexOf('<article class="lead">'), home.indexOf("</article>"));
    expect(lead).toContain("Tin mới nhất về du lịch");
    expect(lead).toMatch(/<img [^>]*fetchpriority="high"/);
    const news = home.slice(home.indexOf("Tin mới</h2>"));
    expect(news.indexOf("Thông báo lịch tiếp dân không có ảnh")).toBeGreaterThan(0);
    expect(news.indexOf("Thông báo lịch tiếp dân không có ảnh")).toBeLessThan(
      news.indexOf("Tin cũ hơn về lễ hội"),
    );
  });
});
