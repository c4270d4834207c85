/*
 * Web addresses as people type them ("https://xã.gov.vn/tin-tức-mới") and as they travel in an HTTP
 * header (ASCII only: the host in punycode, the rest percent-encoded). An address kept as typed once
 * made a tracked link's Location header throw inside Node's HTTP layer; storing and sending only the
 * encoded form makes that impossible.
 */

/** Characters a header value may carry, per RFC 9110 (visible ASCII; no space, no control character). */
const headerSafe = /^[\x21-\x7e]+$/;

/**
 * The http(s) address in the form that is safe everywhere (WHATWG URL serialisation: IDN hosts in
 * punycode, non-ASCII and spaces in the path, query and fragment percent-encoded), or null when the
 * text is not an http(s) address with a host.
 */
export function normaliseWebAddress(input: string): string | null {
  if (input.includes("\u0000")) {
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(input.trim());
  } catch {
    return null;
  }
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || !parsed.hostname) {
    return null;
  }
  const href = parsed.href;
  return headerSafe.test(href) ? href : null;
}

/** Whether a stored address can be written as an HTTP header value as it is. */
export function isHeaderSafeAddress(value: string): boolean {
  return headerSafe.test(value);
}
