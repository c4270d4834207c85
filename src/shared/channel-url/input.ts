import { type ChannelPlatform, type Failure, genericInvalid, invalid } from "./result.ts";

/* Reading what a person pasted: cleaning it, parsing it as a web address, decoding its path. */

/** Zero-width characters, BOM, bidi marks and soft hyphens that ride along with copied text. */
const invisibleCharacters = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const leadingJunk = /^[\s"'“”‘’«»<([{]+/u;
const trailingJunk = /[\s"'“”‘’«»>)\]}.,;:!?…。，、]+$/u;

/** Drops the invisible characters, quotes, brackets and sentence punctuation that come along with pasted text. */
export function cleanInput(input: string): string {
  return input.replace(invisibleCharacters, "").trim().replace(leadingJunk, "").replace(trailingJunk, "");
}

/**
 * Decodes percent-escapes run by run, keeping a run that is not valid UTF-8 as it is (hex upper-cased),
 * then NFC so that composed and decomposed Vietnamese agree.
 */
export function decodeSegment(segment: string): string {
  return segment
    .replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run.toUpperCase();
      }
    })
    .normalize("NFC");
}

/** Percent-encodes one character for a key; a lone surrogate (not encodable) becomes U+FFFD. */
function escapeCharacter(char: string): string {
  return /^[\ud800-\udfff]$/.test(char) ? "%EF%BF%BD" : encodeURIComponent(char);
}

/**
 * Decodes a path segment for use in a website key, keeping the escapes that change meaning
 * (`%2F` would merge segments, `%25` would turn into another escape, `%3F`/`%23` into a query/fragment)
 * and escaping white space and control characters so that a key never contains them.
 */
export function decodePathSegmentForKey(segment: string): string {
  return segment
    .split(/(%(?:2[fF]|25|3[fF]|23))/)
    .map((part, index) =>
      index % 2 === 1 ? part.toUpperCase() : decodeSegment(part).replace(/[\s\p{C}]/gu, escapeCharacter),
    )
    .join("");
}

const ipv4Host = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const hostLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const topLevelLabel = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

function isAcceptableHost(host: string): boolean {
  if (host.length === 0 || host.length > 253) {
    return false;
  }
  if (ipv4Host.test(host) || (host.startsWith("[") && host.endsWith("]"))) {
    return true;
  }
  const labels = host.split(".");
  if (labels.length < 2) {
    return false;
  }
  const top = labels[labels.length - 1] ?? "";
  return topLevelLabel.test(top) && labels.every((label) => hostLabel.test(label));
}

const schemePrefix = /^([a-z][a-z0-9+.-]*):/i;

/** Parses what a person typed into a URL, or returns why not. */
export function parseInput(text: string, hint?: ChannelPlatform): URL | Failure {
  let candidate = text;
  const scheme = schemePrefix.exec(candidate)?.[1]?.toLowerCase();
  if (candidate.startsWith("//")) {
    candidate = `https:${candidate}`;
  } else if (scheme === "http" || scheme === "https") {
    // keep as typed; the WHATWG parser copes with "https:/x" and backslashes
  } else if (scheme !== undefined && !scheme.includes(".") && !/^:\d/.test(candidate.slice(scheme.length))) {
    // javascript:, mailto:, ftp:, data:, tel:, fb:, zalo:… (but not "host.vn:8080" or "localhost:80")
    return invalid(
      "Chỉ nhận liên kết web (http hoặc https). Vui lòng dán địa chỉ trang của kênh.",
      "Only web links (http or https) are accepted. Paste the address of the channel's page.",
    );
  } else {
    candidate = `https://${candidate}`;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return genericInvalid(hint);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return genericInvalid(hint);
  }
  const host = url.hostname.replace(/\.$/, "");
  if (!isAcceptableHost(host)) {
    return genericInvalid(hint);
  }
  // The WHATWG parser reads "https://123" or "0x7f.1" as IPv4; only a dotted quad typed as such is an address.
  if (ipv4Host.test(host) && !candidate.includes(host)) {
    return genericInvalid(hint);
  }
  return url;
}

/** Whether `host` is `domain` or one of its subdomains. */
export function hostMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** The decoded, non-empty segments of a URL's path. */
export function pathSegments(url: URL): string[] {
  return url.pathname
    .split("/")
    .filter((segment) => segment.length > 0)
    .map(decodeSegment);
}
