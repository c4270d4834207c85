import { describe, expect, it } from "vitest";
import { sanitizeBody } from "./content.ts";

const key = "0123456789abcdef0123456789abcdef";

describe("post body images", () => {
  it("keeps an image of our own media library", () => {
    const html = sanitizeBody(`<p>Ảnh</p><img src="/media/${key}.jpg" alt="Lễ chào cờ">`);
    expect(html).toBe(`<p>Ảnh</p><img src="/media/${key}.jpg" alt="Lễ chào cờ" />`);
    expect(sanitizeBody(`<img src="/media/${key}-thumb.webp" alt="x">`)).toContain(
      `/media/${key}-thumb.webp`,
    );
  });

  // A reader's browser loads every <img> of a portal page with the reader's cookies: an address that
  // leaves the media files (an API route, another host) would make readers' browsers act for the author.
  it.each([
    `/media/../api/people/${key}`,
    `/media/..%2fapi/people/${key}`,
    `/media/%2e%2e/api/people/${key}`,
    "/media/&#46;&#46;/api/people/1",
    `/media/${key}.jpg?x=1`,
    `/media/${key}.jpg#x`,
    `/media/${key}.jpg/../../api/me`,
    `/media/${key}.JPG`,
    `/media//${key}.jpg`,
    `/api/people/${key}`,
    "//evil.example/x.png",
    "https://evil.example/x.png",
    "http://evil.example/x.png",
    "javascript:alert(1)",
    "data:image/png;base64,AAAA",
    ` /media/${key}.jpg`,
    "",
  ])("drops an image whose address is %s", (src) => {
    const html = sanitizeBody(`<p>Trước</p><img src="${src}" alt="x"><p>Sau</p>`);
    expect(html).toBe("<p>Trước</p><p>Sau</p>");
  });

  it("drops an image without an address", () => {
    expect(sanitizeBody(`<p>a</p><img alt="x">`)).toBe("<p>a</p>");
  });
});
