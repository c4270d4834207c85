import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation } from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import {
  verificationCases,
  verificationEvents,
  verificationFiles,
  verificationTips,
} from "../../../db/schema/verification.ts";
import { fortyMegapixelPng, jpegWithExif, multipart, png, someAddress } from "./tips.test-helper.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function sendJson(payload: Record<string, unknown>, remoteAddress = someAddress()) {
  return t.app.inject({ method: "POST", url: "/api/public/tips", payload, remoteAddress });
}

async function tipByCode(code: string) {
  const [tip] = await t.db.select().from(verificationTips).where(eq(verificationTips.trackingCode, code));
  if (!tip) {
    throw new Error(`no tip ${code}`);
  }
  return tip;
}

async function counts() {
  const [cases, tips, files] = await Promise.all([
    t.db.$count(verificationCases),
    t.db.$count(verificationTips),
    t.db.$count(verificationFiles),
  ]);
  return { cases, tips, files };
}

describe("a citizen's tip as JSON", () => {
  it("opens a case at the highest unit's desk and answers a tracking code to follow it", async () => {
    const response = await sendJson({
      url: "https://m.facebook.com/tinnonghotq/posts/12345?fbclid=abc",
      text: "Nghe nói  từ mai   cấm xe máy vào trung tâm thành phố Tuyên Quang, ai đi sẽ bị phạt 5 triệu đồng.",
      email: "nguoi.dan@example.vn",
    });
    expect(response.statusCode, response.body).toBe(201);
    const { trackingCode } = response.json();
    expect(trackingCode).toMatch(/^BT-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

    const tip = await tipByCode(trackingCode);
    expect(tip).toMatchObject({ source: "public", match: "new_case", unitId: org.root.id, reporterId: null });
    expect(tip.email).toBe("nguoi.dan@example.vn");
    const [stored] = await t.db.select().from(verificationCases).where(eq(verificationCases.id, tip.caseId));
    expect(stored).toMatchObject({ unitId: org.root.id, status: "received", demandCount: 1 });
    expect(stored?.title).toBe(
      "Nghe nói từ mai cấm xe máy vào trung tâm thành phố Tuyên Quang, ai đi sẽ bị phạt 5 triệu đồng.",
    );
    expect(stored?.foldedText).toContain("nghe noi tu mai cam xe may");
    expect(stored?.urlKey).toBeTruthy();
    expect(stored?.urlKey).not.toContain("fbclid");
    const events = await t.db
      .select()
      .from(verificationEvents)
      .where(eq(verificationEvents.caseId, tip.caseId));
    expect(events.map((event) => event.kind)).toEqual(["tip_received"]);

    const status = await t.app.inject({ method: "GET", url: `/api/public/tips/${trackingCode}` });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ trackingCode, status: "received", verdict: null });
    expect(status.body).not.toContain("nguoi.dan@example.vn");
    // The code is found however a person types it back.
    const typed = trackingCode.toLowerCase().replaceAll("-", " ").replace(/^bt /, "");
    const again = await t.app.inject({ method: "GET", url: `/api/public/tips/${encodeURIComponent(typed)}` });
    expect(again.json().trackingCode).toBe(trackingCode);
  });

  it("goes to the desk of the portal's unit when it is active, else to the highest unit", async () => {
    const toLeft = await sendJson({
      text: "Tin đồn ở xã bên trái về giá điện tăng gấp đôi",
      unitId: org.left.id,
    });
    expect((await tipByCode(toLeft.json().trackingCode)).unitId).toBe(org.left.id);
    const unknown = await sendJson({
      text: "Tin đồn gửi từ một đơn vị không có",
      unitId: "00000000-0000-4000-8000-000000000000",
    });
    expect((await tipByCode(unknown.json().trackingCode)).unitId).toBe(org.root.id);
  });

  it("keeps an HTML payload as the text it is, and the status page shows it escaped", async () => {
    const payload = `<script>alert("x")</script><img src=x onerror=alert(1)> Tin "đồn" & chuyện 'lạ'`;
    const response = await sendJson({ text: payload });
    const { trackingCode } = response.json();
    expect((await tipByCode(trackingCode)).text).toBe(payload);
    const page = await t.app.inject({ method: "GET", url: `/bao-tin/${trackingCode}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;",
    );
    expect(page.body).not.toContain("<script>");
    expect(page.body).not.toContain("<img src=x");
  });

  it("drops invisible control characters but keeps the lines", async () => {
    const response = await sendJson({ text: "Dòng một\u0007\u001b\r\nDòng\u200b hai\u0008" });
    expect((await tipByCode(response.json().trackingCode)).text).toBe("Dòng một\nDòng hai");
  });

  it("refuses a filled honeypot without writing anything", async () => {
    const before = await counts();
    const response = await sendJson({
      text: "Mua thuốc giảm cân giá rẻ",
      homepageUrl: "http://spam.example",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("verification.tip_refused");
    expect(await counts()).toEqual(before);
  });

  it("limits how many tips one address sends in ten minutes", async () => {
    const address = someAddress();
    for (let i = 0; i < 20; i++) {
      const response = await sendJson({ text: `Tin đồn số ${i} về lừa đảo chuyển khoản` }, address);
      expect(response.statusCode).toBe(201);
    }
    const refused = await sendJson({ text: "Tin đồn thứ hai mươi mốt" }, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json().messages.vi).toContain("Vui lòng đợi");
    expect((await sendJson({ text: "Một thiết bị khác vẫn gửi được" })).statusCode).toBe(201);
  });
});

describe("screenshots as multipart", () => {
  it("re-encodes each screenshot without its metadata, no longer than 2000 px, hashed as received", async () => {
    const photo = await jpegWithExif(3000, 1000);
    const transparent = await png(400, 300);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/public/tips",
      remoteAddress: someAddress(),
      ...multipart({ text: "Ảnh chụp màn hình tin nhắn lừa đảo trúng thưởng", email: "" }, [
        { name: "man-hinh-1.jpg", type: "image/jpeg", bytes: photo },
        { name: "man-hinh-2.png", type: "image/png", bytes: transparent },
      ]),
    });
    expect(response.statusCode, response.body).toBe(201);
    const tip = await tipByCode(response.json().trackingCode);
    expect(tip.email).toBeNull();
    const files = await t.db.select().from(verificationFiles).where(eq(verificationFiles.tipId, tip.id));
    expect(files).toHaveLength(2);
    const jpeg = files.find((file) => file.fileName === "man-hinh-1.jpg");
    expect(jpeg).toMatchObject({ caseId: tip.caseId, mimeType: "image/jpeg", width: 2000, height: 667 });
    expect(jpeg?.sha256).toBe(createHash("sha256").update(photo).digest("hex"));
    const meta = await sharp(jpeg?.content).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(2000);
    const webp = files.find((file) => file.fileName === "man-hinh-2.png");
    expect(webp?.mimeType).toBe("image/webp");
    expect((await sharp(webp?.content).metadata()).format).toBe("webp");
  });
});

describe("bad input: a clear problem in Vietnamese and English, nothing written", () => {
  const image = (name: string, type: string, bytes: Buffer) => ({ name, type, bytes });
  const cases: {
    what: string;
    send: () => Promise<{
      fields?: Record<string, string>;
      json?: Record<string, unknown>;
      files?: ReturnType<typeof image>[];
    }>;
    status: number;
    code: string;
  }[] = [
    {
      what: "no address and no text",
      send: async () => ({ json: { email: "a@b.vn" } }),
      status: 400,
      code: "verification.tip_empty",
    },
    {
      what: "only spaces",
      send: async () => ({ json: { text: "   \n ", url: " " } }),
      status: 400,
      code: "verification.tip_empty",
    },
    {
      what: "a javascript: address",
      send: async () => ({ json: { url: "javascript:alert(document.cookie)", text: "Xem trang này" } }),
      status: 400,
      code: "verification.tip_url_scheme",
    },
    {
      what: "a data: address in a form",
      send: async () => ({ fields: { url: "data:text/html,<b>x</b>" } }),
      status: 400,
      code: "verification.tip_url_scheme",
    },
    {
      what: "an address that is not one",
      send: async () => ({ json: { url: "khong phai dia chi" } }),
      status: 400,
      code: "verification.tip_url_invalid",
    },
    {
      what: "a text over 5,000 characters",
      send: async () => ({ json: { text: "á".repeat(5001) } }),
      status: 400,
      code: "verification.tip_text_too_long",
    },
    {
      what: "a NUL byte in JSON",
      send: async () => ({ json: { text: "Tin\u0000đồn" } }),
      status: 400,
      code: "validation.nul_byte",
    },
    {
      what: "a NUL byte in a form",
      send: async () => ({ fields: { text: "Tin\u0000đồn" } }),
      status: 400,
      code: "verification.tip_invalid_characters",
    },
    {
      what: "a bad e-mail",
      send: async () => ({ json: { text: "Tin đồn", email: "khong-phai-email" } }),
      status: 400,
      code: "verification.tip_email_invalid",
    },
    {
      what: "a 20 MB image",
      send: async () => ({
        fields: { text: "Ảnh quá lớn" },
        files: [
          image(
            "anh-lon.jpg",
            "image/jpeg",
            Buffer.concat([await jpegWithExif(100, 100), Buffer.alloc(20 * 1024 * 1024, 7)]),
          ),
        ],
      }),
      status: 413,
      code: "verification.tip_image_too_large",
    },
    {
      what: "a text file named .png",
      send: async () => ({
        fields: { text: "Tệp giả ảnh" },
        files: [image("anh.png", "image/png", Buffer.from("Đây không phải ảnh, chỉ là chữ.\n".repeat(50)))],
      }),
      status: 415,
      code: "verification.tip_not_an_image",
    },
    {
      what: "a 40-megapixel image",
      send: async () => ({
        fields: { text: "Ảnh quá nhiều điểm" },
        files: [image("bom.png", "image/png", await fortyMegapixelPng())],
      }),
      status: 413,
      code: "verification.tip_image_too_many_pixels",
    },
    {
      what: "six images",
      send: async () => {
        const bytes = await png(20, 20);
        return {
          fields: { text: "Sáu ảnh" },
          files: Array.from({ length: 6 }, (_, i) => image(`a${i}.png`, "image/png", bytes)),
        };
      },
      status: 413,
      code: "verification.tip_too_many_images",
    },
    {
      what: "a good image after a bad one",
      send: async () => ({
        fields: { text: "Ảnh tốt và ảnh hỏng" },
        files: [
          image("tot.png", "image/png", await png(50, 50)),
          image("hong.jpg", "image/jpeg", Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2, 3])),
        ],
      }),
      status: 415,
      code: "verification.tip_not_an_image",
    },
  ];

  for (const testCase of cases) {
    it(`refuses ${testCase.what}`, async () => {
      const before = await counts();
      const { json, fields, files } = await testCase.send();
      const response = json
        ? await sendJson(json)
        : await t.app.inject({
            method: "POST",
            url: "/api/public/tips",
            remoteAddress: someAddress(),
            headers: { "accept-language": "en" },
            ...multipart(fields ?? {}, files ?? []),
          });
      expect(response.statusCode, response.body).toBe(testCase.status);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      const problem = response.json();
      expect(problem.code).toBe(testCase.code);
      expect(problem.messages.vi).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      expect(problem.messages.en).toMatch(/[a-z]/);
      expect(await counts()).toEqual(before);
    });
  }
});

describe("with the matching part's answers", () => {
  // Holds with any matching: two unrelated tips never share a case.
  it("gives unrelated tips their own cases and codes", async () => {
    const a = await sendJson({
      url: "https://www.youtube.com/watch?v=aaaa1111",
      text: "Video nói bão số 9 sắp đổ bộ vào Hà Giang với sức gió cấp 17",
    });
    const b = await sendJson({
      url: "https://tinnhanh-gia.example.com/bai/trung-thuong",
      text: "Bạn đã trúng thưởng xe máy, vui lòng nộp phí nhận quà qua tài khoản ngân hàng",
    });
    const [tipA, tipB] = [await tipByCode(a.json().trackingCode), await tipByCode(b.json().trackingCode)];
    expect(tipA.trackingCode).not.toBe(tipB.trackingCode);
    expect(tipA.caseId).not.toBe(tipB.caseId);
    expect([tipA.match, tipB.match]).toEqual(["new_case", "new_case"]);
  });

  it("merges a second tip with the same page into the first one's case", async () => {
    const url = "https://www.facebook.com/tin.nong.tuyenquang/posts/777888999";
    const first = await tipByCode(
      (await sendJson({ url, text: "Trang này nói trường học nghỉ cả tuần vì dịch bệnh mới" })).json()
        .trackingCode,
    );
    const second = await tipByCode(
      (await sendJson({ url: `${url}?fbclid=IwAR0abc`, email: "thu.hai@example.vn" })).json().trackingCode,
    );
    expect(second).toMatchObject({ caseId: first.caseId, match: "merged" });
    const [kept] = await t.db.select().from(verificationCases).where(eq(verificationCases.id, first.caseId));
    expect(kept?.demandCount).toBe(2);
  });
});

describe("the public status", () => {
  it("answers 404 for an unknown or malformed code, in the reporter's words", async () => {
    for (const code of ["BT-2222-2222", "xyz", "BT-0000-OOOO"]) {
      const response = await t.app.inject({ method: "GET", url: `/api/public/tips/${code}` });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("verification.tip_not_found");
    }
  });
});
