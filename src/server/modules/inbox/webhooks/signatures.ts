import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/*
 * The platforms' webhook signatures, checked over the raw bytes received (a parsed and re-serialised
 * body would not match).
 *
 * Facebook (Meta, "Validating Webhook Events"): `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256
 * of the raw payload keyed with the app secret.
 *
 * Zalo OA (webhook documentation, "Xác thực webhook"): `X-ZEvent-Signature: mac=<hex>`, the plain
 * SHA-256 (not an HMAC) of `app_id + data + timestamp + OA secret key`, where data is the raw body,
 * and app_id and timestamp are the fields of that body.
 */

export type SignatureCheck = "ok" | "unsigned" | "bad_signature";

function sameHex(expectedHex: string, sentHex: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(sentHex)) {
    return false;
  }
  return timingSafeEqual(Buffer.from(expectedHex, "hex"), Buffer.from(sentHex, "hex"));
}

export function facebookSignatureOf(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

export function checkFacebookSignature(
  rawBody: Buffer,
  header: string | string[] | undefined,
  appSecret: string,
): SignatureCheck {
  if (typeof header !== "string" || header.trim() === "") {
    return "unsigned";
  }
  const match = /^sha256=([0-9a-fA-F]+)$/.exec(header.trim());
  if (!match?.[1]) {
    return "bad_signature";
  }
  const expected = createHmac("sha256", appSecret).update(rawBody).digest("hex");
  return sameHex(expected, match[1]) ? "ok" : "bad_signature";
}

/** The `mac=` value Zalo sends for this body: sha256(appId + body + timestamp + secret). */
export function zaloSignatureOf(
  appId: string,
  rawBody: Buffer | string,
  timestamp: string,
  oaSecretKey: string,
) {
  return `mac=${createHash("sha256")
    .update(appId)
    .update(rawBody)
    .update(timestamp)
    .update(oaSecretKey)
    .digest("hex")}`;
}

/** The app_id and timestamp the Zalo signature covers, read from the signed body itself. */
export function zaloSignedFields(parsed: unknown): { appId: string; timestamp: string } | null {
  if (typeof parsed !== "object" || parsed === null) {
    return null;
  }
  const { app_id: appId, timestamp } = parsed as Record<string, unknown>;
  const asText = (value: unknown) =>
    typeof value === "string" ? value : typeof value === "number" ? String(value) : null;
  const app = asText(appId);
  const time = asText(timestamp);
  return app && time ? { appId: app, timestamp: time } : null;
}

export function checkZaloSignature(
  rawBody: Buffer,
  fields: { appId: string; timestamp: string } | null,
  header: string | string[] | undefined,
  oaSecretKey: string,
): SignatureCheck {
  if (typeof header !== "string" || header.trim() === "") {
    return "unsigned";
  }
  const match = /^mac=([0-9a-fA-F]+)$/.exec(header.trim());
  if (!match?.[1] || !fields) {
    return "bad_signature";
  }
  const expected = zaloSignatureOf(fields.appId, rawBody, fields.timestamp, oaSecretKey).slice(4);
  return sameHex(expected, match[1]) ? "ok" : "bad_signature";
}
