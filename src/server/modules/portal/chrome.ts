import { html, type SafeHtml, safeHref } from "../../http/html.ts";

/*
 * What makes a unit's portal read as its official site: the emblem beside its name, its official
 * channels to follow, the portals of the units below it, and the footer naming the body that runs
 * it, how to reach it and who answers for what it publishes.
 */

/** The footer's details, as the unit's administrators entered them (any may be missing). */
export interface UnitContact {
  address: string | null;
  phone: string | null;
  email: string | null;
  responsible: string | null;
}

export interface OfficialChannel {
  platform: string;
  url: string;
  displayName: string;
  handle: string | null;
}

export interface SubPortal {
  name: string;
  url: string;
}

/** Platform names as readers say them (the registry's raw codes never reach a page). */
const platformNames: Record<string, string> = {
  website: "Trang web",
  facebook_page: "Trang Facebook",
  facebook_group: "Nhóm Facebook",
  zalo_oa: "Zalo OA",
  zalo_group: "Nhóm Zalo",
  youtube: "Kênh YouTube",
  tiktok: "Tài khoản TikTok",
  other: "Kênh khác",
};

/** What following means on each platform, for the link's words. */
const followWords: Record<string, string> = {
  website: "Mở trang",
  facebook_group: "Tham gia nhóm",
  zalo_group: "Tham gia nhóm",
  zalo_oa: "Quan tâm",
  youtube: "Đăng ký kênh",
};

export function platformName(platform: string): string {
  return platformNames[platform] ?? "Kênh khác";
}

// Words naming the kind of unit, left out of the initials: "Xã Tân Trào" is TT, not XTT.
const kindWords = new Set([
  "tỉnh",
  "xã",
  "phường",
  "đặc",
  "khu",
  "thành",
  "phố",
  "huyện",
  "quận",
  "thị",
  "trấn",
]);

/** Up to three capital initials of the unit's proper name, for the drawn emblem. */
export function initialsOf(name: string): string {
  const words = name
    .normalize("NFC")
    .split(/[\s–-]+/)
    .filter(Boolean);
  while (words.length > 1 && kindWords.has((words[0] ?? "").toLocaleLowerCase("vi"))) {
    words.shift();
  }
  const capitals = words.filter((word) => /^\p{Lu}/u.test(word));
  const chosen = (capitals.length > 0 ? capitals : words).slice(-3);
  return chosen.map((word) => [...word][0]?.toLocaleUpperCase("vi") ?? "").join("") || "•";
}

/**
 * A placeholder emblem drawn from the unit's initials (a gold-ringed red disc, no borrowed
 * artwork), inline so it costs no request; decorative, as the name stands beside it.
 */
export function drawnEmblem(name: string): SafeHtml {
  const initials = initialsOf(name);
  const size = initials.length >= 3 ? 15 : 19;
  return html`<svg class="emblem" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><circle cx="24" cy="24" r="23" fill="#f5c518"/><circle cx="24" cy="24" r="19.5" fill="#fff"/><circle cx="24" cy="24" r="17" fill="#a31515"/><path d="M24 9.5l1.2 3.6h3.8l-3.1 2.2 1.2 3.6-3.1-2.2-3.1 2.2 1.2-3.6-3.1-2.2h3.8z" fill="#f5c518"/><text x="24" y="${initials.length >= 3 ? 33 : 34}" text-anchor="middle" font-family="system-ui,'Segoe UI',Roboto,'Noto Sans',sans-serif" font-weight="700" font-size="${size}" fill="#fff">${initials}</text></svg>`;
}

/** The unit's picture beside its name: its own avatar when the registry has one, else the drawn emblem. */
export function emblem(name: string, avatarUrl: string | null | undefined): SafeHtml {
  const href = avatarUrl ? safeHref(avatarUrl) : "#";
  return href !== "#"
    ? html`<img class="emblem" src="${href}" alt="" width="48" height="48">`
    : drawnEmblem(name);
}

export function channelsSection(channels: readonly OfficialChannel[]): SafeHtml | string {
  if (channels.length === 0) {
    return "";
  }
  return html`<section class="box" aria-labelledby="kenh">
<h2 id="kenh">Kênh chính thức</h2>
<ul class="channels">${channels.map(
    (channel) => html`<li><span class="platform">${platformName(channel.platform)}</span>
<span class="cname">${channel.displayName}</span>
<a class="follow" href="${safeHref(channel.url)}" rel="noopener" aria-label="${followWords[channel.platform] ?? "Theo dõi"}: ${platformName(channel.platform)} “${channel.displayName}”">${followWords[channel.platform] ?? "Theo dõi"}</a></li>`,
  )}</ul>
<p class="note">Đơn vị chỉ đăng thông tin chính thức trên các kênh này. <a href="/kiem-tra">Kiểm tra một kênh</a></p>
</section>`;
}

export function subPortalsSection(portals: readonly SubPortal[]): SafeHtml | string {
  if (portals.length === 0) {
    return "";
  }
  return html`<section class="box" aria-labelledby="truc-thuoc">
<h2 id="truc-thuoc">Trang tin đơn vị trực thuộc</h2>
<ul class="units">${portals.map((portal) => html`<li><a href="${portal.url}">${portal.name}</a></li>`)}</ul>
</section>`;
}

/** The footer an official site must carry: who runs it, where, how to reach it, who answers for it. */
export function siteFooter(
  // unitId: the pages' site carries it; the tip form then sends tips to this unit's desk.
  site: { name: string; baseUrl: string; unitId?: string },
  contact: UnitContact | null | undefined,
): SafeHtml {
  const lines = contact
    ? [
        contact.address ? html`<li><span>Địa chỉ:</span> ${contact.address}</li>` : "",
        contact.phone
          ? html`<li><span>Điện thoại:</span> <a href="tel:${contact.phone.replace(/[^\d+]/g, "")}">${contact.phone}</a></li>`
          : "",
        contact.email
          ? html`<li><span>E-mail:</span> <a href="mailto:${contact.email}">${contact.email}</a></li>`
          : "",
        contact.responsible
          ? html`<li><span>Chịu trách nhiệm nội dung:</span> ${contact.responsible}</li>`
          : "",
      ]
    : [];
  return html`<footer>
<div class="wrap">
${site.baseUrl ? html`<p class="owner">${site.name}</p><p>Trang tin chính thức của ${site.name}.</p>` : ""}
${lines.some((line) => line !== "") ? html`<ul class="contact">${lines}</ul>` : ""}
${site.baseUrl ? html`<p>Theo dõi tin mới qua <a href="${site.baseUrl}/rss.xml">RSS</a> hoặc <a href="${site.baseUrl}/atom.xml">Atom</a>.</p>` : ""}
${site.baseUrl ? html`<p>Có câu hỏi cho ${site.name}: <a href="${site.baseUrl}/hoi-dap">Hỏi đáp</a>.</p>` : ""}
<p>Kiểm tra một trang mạng xã hội có phải của đơn vị không: <a href="/kiem-tra">Kiểm tra kênh chính thức</a>.</p>
<p>Gặp tin đồn, tin sai sự thật, lừa đảo hoặc trang giả mạo: <a href="${site.unitId ? `/bao-tin?don-vi=${site.unitId}` : "/bao-tin"}">Báo tin cần xác minh</a>.</p>
</div>
</footer>`;
}
