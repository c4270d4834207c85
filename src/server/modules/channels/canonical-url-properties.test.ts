import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalChannelKey, channelPlatforms } from "./canonical-url.ts";
import { keyCases, keyOf } from "./canonical-url-cases.ts";

/* Properties over generated links: every way of writing a channel's address gives its one key. */

const lowerLetters = "abcdefghijklmnopqrstuvwxyz".split("");
const digits = "0123456789".split("");
const vietnameseLetters = "ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ".split("");

const chars = (alphabet: string[], minLength: number, maxLength: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength, maxLength }).map((list) => list.join(""));

/** Facebook usernames: letters and digits (periods are added as a variation, since they don't count). */
const facebookUsername = chars([...lowerLetters, ...digits], 5, 30).filter((name) => /[a-z]/.test(name));
/** YouTube handles without "@": letters of any script, digits, "_", "-", "."; never a final "." (see report). */
const youtubeHandle = chars([...lowerLetters, ...digits, ...vietnameseLetters, "_", "-", "."], 3, 30).filter(
  (name) => !name.endsWith("."),
);
/** TikTok usernames without "@": letters, digits, "_", "."; never a final ".". */
const tiktokUsername = chars([...lowerLetters, ...digits, "_", "."], 2, 24).filter(
  (name) => !name.endsWith("."),
);
const hostLabel = chars([...lowerLetters, ...digits], 1, 12);
const websiteHost = fc
  .tuple(
    fc.array(hostLabel, { minLength: 1, maxLength: 3 }),
    fc.constantFrom("vn", "gov.vn", "com.vn", "org.vn", "org", "net"),
  )
  .map(([labels, tld]) => `${labels.join(".")}.${tld}`)
  .filter(
    (host) => !host.startsWith("www.") && !/(^|\.)(facebook|fb|youtube|tiktok|zalo|google)\./.test(host),
  );
const pathSegment = chars(
  [...lowerLetters, ..."ABCDEFGHIJKLMNOPQRSTUVWXYZ".split(""), ...digits, "-", "_", "~"],
  1,
  12,
);

const schemes = fc.constantFrom("", "http://", "https://", "HTTPS://", "Http://", "//");
const trackingParameter = fc.tuple(
  fc.constantFrom(
    "utm_source",
    "utm_medium",
    "UTM_Campaign",
    "utm_content",
    "fbclid",
    "gclid",
    "mibextid",
    "ref",
    "refsrc",
    "__tn__",
    "__cft__[0]",
    "si",
    "feature",
    "is_from_webapp",
    "sender_device",
    "_t",
    "_r",
    "igshid",
    "zarsrc",
  ),
  chars([...lowerLetters, ...digits, "-", "_"], 0, 12),
);
const trackingQuery = fc
  .array(trackingParameter, { maxLength: 4 })
  .map((pairs) =>
    pairs.length === 0 ? "" : `?${pairs.map(([name, value]) => `${name}=${value}`).join("&")}`,
  );
const fragment = fc.option(
  chars([...lowerLetters, ...digits, "-", "="], 0, 10).map((text) => `#${text}`),
  {
    nil: "",
  },
);
const trailingSlashes = fc.integer({ min: 0, max: 3 }).map((count) => "/".repeat(count));
const pasteNoise = fc.tuple(
  fc.constantFrom("", " ", "\t", "  ", "\u200b"),
  fc.constantFrom("", " ", ".", ",", ")", "\n"),
);

/** Randomly upper-cases characters (each character by a boolean drawn from the seed). */
function randomCase(text: string, seed: boolean[]): string {
  return [...text]
    .map((char, index) => (seed[index % Math.max(seed.length, 1)] ? char.toUpperCase() : char))
    .join("");
}

/** Percent-encodes some characters (UTF-8, with random hex case), as browsers and share sheets do. */
function randomPercentEncoding(text: string, seed: boolean[]): string {
  return [...text]
    .map((char, index) => {
      if (!seed[index % Math.max(seed.length, 1)]) {
        return char;
      }
      const encoded = [...new TextEncoder().encode(char)]
        .map((byte) => `%${byte.toString(16).padStart(2, "0")}`)
        .join("");
      return index % 2 === 0 ? encoded.toUpperCase() : encoded;
    })
    .join("");
}

const bits = fc.array(fc.boolean(), { minLength: 1, maxLength: 40 });

interface Variation {
  scheme: string;
  query: string;
  fragment: string;
  slashes: string;
  caseSeed: boolean[];
  encodeSeed: boolean[];
  noise: [string, string];
}

const variation: fc.Arbitrary<Variation> = fc.record({
  scheme: schemes,
  query: trackingQuery,
  fragment,
  slashes: trailingSlashes,
  caseSeed: bits,
  encodeSeed: bits,
  noise: pasteNoise,
});

function assemble(host: string, path: string, v: Variation): string {
  return `${v.noise[0]}${v.scheme}${host}/${path}${v.slashes}${v.query}${v.fragment}${v.noise[1]}`;
}

const facebookHosts = fc.constantFrom(
  "facebook.com",
  "www.facebook.com",
  "m.facebook.com",
  "mbasic.facebook.com",
  "web.facebook.com",
  "touch.facebook.com",
  "fb.com",
);
const youtubeHosts = fc.constantFrom("youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com");
const tiktokHosts = fc.constantFrom("tiktok.com", "www.tiktok.com", "m.tiktok.com");

/** Inserts periods between some characters of a Facebook username (they don't count). */
function withPeriods(name: string, seed: boolean[]): string {
  return [...name]
    .map((char, index) => (index > 0 && seed[index % seed.length] ? `.${char}` : char))
    .join("");
}

/** A generated channel: its plain canonical link and a messy link to the same channel. */
const facebookPair = fc
  .record({
    name: facebookUsername,
    host: facebookHosts,
    v: variation,
    dots: bits,
    tab: fc.constantFrom("", "/about", "/posts/123", "/videos/456"),
  })
  .map(({ name, host, v, dots, tab }) => ({
    plain: `https://www.facebook.com/${name}`,
    messy: assemble(
      randomCase(host, v.caseSeed),
      `${randomPercentEncoding(randomCase(withPeriods(name, dots), v.caseSeed), v.encodeSeed)}${tab}`,
      v,
    ),
  }));
const facebookGroupPair = fc
  .record({ name: facebookUsername, host: facebookHosts, v: variation })
  .map(({ name, host, v }) => ({
    plain: `https://www.facebook.com/groups/${name}`,
    messy: assemble(host, `groups/${randomPercentEncoding(randomCase(name, v.caseSeed), v.encodeSeed)}`, v),
  }));
const youtubePair = fc
  .record({
    name: youtubeHandle,
    host: youtubeHosts,
    v: variation,
    tab: fc.constantFrom("", "/videos", "/featured", "/streams", "/shorts", "/about"),
  })
  .map(({ name, host, v, tab }) => ({
    plain: `https://www.youtube.com/@${name}`,
    messy: assemble(
      randomCase(host, v.caseSeed),
      `@${randomPercentEncoding(randomCase(name, v.caseSeed), v.encodeSeed)}${tab}`,
      v,
    ),
  }));
const tiktokPair = fc
  .record({
    name: tiktokUsername,
    host: tiktokHosts,
    v: variation,
    tab: fc.constantFrom("", "/video/7312345678901234567"),
  })
  .map(({ name, host, v, tab }) => ({
    plain: `https://www.tiktok.com/@${name}`,
    messy: assemble(host, `@${randomPercentEncoding(randomCase(name, v.caseSeed), v.encodeSeed)}${tab}`, v),
  }));
const websitePair = fc
  .record({
    host: websiteHost,
    path: fc.array(pathSegment, { maxLength: 3 }),
    v: variation,
    www: fc.boolean(),
    port: fc.boolean(),
  })
  .map(({ host, path, v, www, port }) => {
    const scheme = v.scheme === "" || v.scheme === "//" ? "https://" : v.scheme;
    const defaultPort = scheme.toLowerCase().startsWith("https") ? ":443" : ":80";
    const messyHost = `${www ? "www." : ""}${randomCase(host, v.caseSeed)}${port ? defaultPort : ""}`;
    return {
      plain: `https://${host}/${path.join("/")}`,
      messy: assemble(
        messyHost,
        path.map((segment) => randomPercentEncoding(segment, v.encodeSeed)).join("/"),
        {
          ...v,
          scheme,
        },
      ),
    };
  });
const zaloPair = fc
  .record({ id: chars(digits, 10, 19), v: variation })
  .map(({ id, v }) => ({ plain: `https://zalo.me/${id}`, messy: assemble("zalo.me", id, v) }));

/** Zalo group codes are case-sensitive: no case variation. */
const zaloGroupPair = fc
  .record({
    code: chars([...lowerLetters, ..."ABCDEFGHIJKLMNOPQRSTUVWXYZ".split(""), ...digits], 6, 16),
    v: variation,
  })
  .map(({ code, v }) => ({
    plain: `https://zalo.me/g/${code}`,
    messy: assemble("zalo.me", `g/${randomPercentEncoding(code, v.encodeSeed)}`, v),
  }));

const channelPair = fc.oneof(
  facebookPair,
  facebookGroupPair,
  youtubePair,
  tiktokPair,
  websitePair,
  zaloPair,
  zaloGroupPair,
);
const anyHint = fc.option(fc.constantFrom(...channelPlatforms), { nil: undefined });

describe("canonicalChannelKey: properties", () => {
  it("is idempotent: canonicalising channel.url gives the same channel", () => {
    const inputs = fc.oneof(
      channelPair.map((pair) => pair.messy),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom(...keyCases.map(([input]) => input)),
    );
    fc.assert(
      fc.property(inputs, anyHint, (input, hint) => {
        const first = canonicalChannelKey(input, hint);
        if (!first.ok) {
          return;
        }
        const second = canonicalChannelKey(first.channel.url, hint);
        expect(second.ok && second.channel).toEqual(first.channel);
      }),
      { numRuns: 3000 },
    );
  });

  it("is invariant under scheme, mobile hosts, tracking parameters, fragments, slashes, case and percent-encoding", () => {
    fc.assert(
      fc.property(channelPair, ({ plain, messy }) => {
        const expected = canonicalChannelKey(plain);
        fc.pre(expected.ok);
        expect(keyOf(canonicalChannelKey(messy))).toBe(keyOf(expected));
      }),
      { numRuns: 3000 },
    );
  });

  it("gives distinct keys to distinct usernames", () => {
    const platforms: [string, fc.Arbitrary<string>, (name: string) => string, (name: string) => string][] = [
      ["facebook", facebookUsername, (n) => `https://www.facebook.com/${n}`, (n) => n.toLowerCase()],
      [
        "facebook group",
        facebookUsername,
        (n) => `https://www.facebook.com/groups/${n}`,
        (n) => n.toLowerCase(),
      ],
      ["youtube", youtubeHandle, (n) => `https://www.youtube.com/@${n}`, (n) => n.toLowerCase()],
      ["tiktok", tiktokUsername, (n) => `https://www.tiktok.com/@${n}`, (n) => n.toLowerCase()],
    ];
    for (const [, name, link, normalise] of platforms) {
      fc.assert(
        fc.property(name, name, (a, b) => {
          fc.pre(normalise(a) !== normalise(b));
          const first = canonicalChannelKey(link(a));
          const second = canonicalChannelKey(link(b));
          fc.pre(first.ok && second.ok);
          expect(keyOf(first)).not.toBe(keyOf(second));
        }),
        { numRuns: 1000 },
      );
    }
    fc.assert(
      fc.property(websiteHost, websiteHost, (a, b) => {
        fc.pre(a !== b);
        expect(keyOf(canonicalChannelKey(a))).not.toBe(keyOf(canonicalChannelKey(b)));
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on arbitrary strings or URLs", () => {
    const noisyUrl = fc
      .tuple(
        fc.constantFrom(
          "",
          "https://",
          "facebook.com/",
          "youtube.com/@",
          "zalo.me/g/",
          "l.facebook.com/l.php?u=",
        ),
        fc.string({ unit: "binary" }),
      )
      .map(([prefix, rest]) => prefix + rest);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          noisyUrl,
        ),
        anyHint,
        (input, hint) => {
          const result = canonicalChannelKey(input, hint);
          expect(typeof result.ok).toBe("boolean");
          if (!result.ok) {
            expect(result.messages.vi.length).toBeGreaterThan(0);
            expect(result.messages.en.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});
