import { parse as parseDomain } from "tldts";
import type { IndicatorKind } from "../../../../shared/api/verification-values.ts";
import { normaliseWebAddress } from "../../../../shared/web-address.ts";
import { canonicalOrThrow } from "../../channels/index.ts";

/*
 * Scam indicators are matched on one normal form per kind, so "+84 912.345.678" finds "0912345678" and
 * "https://www.Vietcombank-hotro.com.vn/login" finds "vietcombank-hotro.com.vn". Pure: nothing fetched.
 */

export interface Normalised {
  kind: IndicatorKind;
  value: string;
}

/** Why an input is not an indicator of the kind asked, in both languages (shown to the person). */
export type Refusal = { vi: string; en: string };

export type NormaliseResult = ({ ok: true } & Normalised) | { ok: false; refusal: Refusal };

const refuse = (vi: string, en: string): NormaliseResult => ({ ok: false, refusal: { vi, en } });

const phoneSeparators = /[\s.\-()]/g;

/**
 * What copying from a chat or a web page adds: zero-width characters, no-break spaces, a "tel:" link's
 * scheme. Removed before anything else, so a pasted number reads as the typed one.
 */
function cleanPasted(input: string): string {
  return input
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[\u00A0\u202F]/g, " ")
    .trim()
    .replace(/^tel:/i, "");
}

/**
 * A Vietnamese phone number as 0 followed by 9 digits (mobiles) or 10 (landlines with area code), from
 * the national form, +84, 0084 or a bare 84; "+84 (0) 912…" keeps one 0.
 */
export function normalisePhone(input: string): NormaliseResult {
  const text = cleanPasted(input);
  if (!text) {
    return refuse("Vui lòng nhập số điện thoại.", "Please enter a phone number.");
  }
  if (/[^\d\s.\-()+]/.test(text)) {
    return refuse(
      "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, gạch ngang, ngoặc đơn hoặc +84 ở đầu).",
      "A phone number has digits only (spaces, dots, dashes, parentheses or a leading +84 are allowed).",
    );
  }
  let digits = text.replace(phoneSeparators, "");
  if (digits.lastIndexOf("+") > 0) {
    return refuse("Dấu + chỉ được ở đầu số điện thoại.", "A + may only start the phone number.");
  }
  let international = false;
  if (digits.startsWith("+")) {
    if (!digits.startsWith("+84")) {
      return refuse(
        "Chỉ tra cứu được số điện thoại Việt Nam (+84).",
        "Only Vietnamese phone numbers (+84) can be looked up.",
      );
    }
    digits = digits.slice(3);
    international = true;
  } else if (digits.startsWith("0084")) {
    digits = digits.slice(4);
    international = true;
  } else if (digits.startsWith("84") && (digits.length === 11 || digits.length === 12)) {
    digits = digits.slice(2);
    international = true;
  }
  if (international) {
    digits = `0${digits.replace(/^0/, "")}`;
  }
  if (!digits.startsWith("0")) {
    return refuse(
      "Số điện thoại Việt Nam bắt đầu bằng 0 hoặc +84.",
      "A Vietnamese phone number starts with 0 or +84.",
    );
  }
  if (digits.length < 10 || digits.length > 11) {
    return refuse(
      `Số điện thoại Việt Nam có 10 hoặc 11 chữ số (kể cả số 0 ở đầu); số đã nhập có ${digits.length}.`,
      `A Vietnamese phone number has 10 or 11 digits (with the leading 0); this one has ${digits.length}.`,
    );
  }
  if (digits[1] === "0") {
    return refuse("Số điện thoại không bắt đầu bằng 00.", "A phone number does not start with 00.");
  }
  return { ok: true, kind: "phone", value: digits };
}

/** A bank account: its 6–19 digits; a bank name written before or after stays in what is displayed. */
export function normaliseBankAccount(input: string): NormaliseResult {
  const text = cleanPasted(input);
  const groups = text.match(/\d[\d\s.-]*\d|\d/g) ?? [];
  if (groups.length === 0) {
    return refuse("Vui lòng nhập số tài khoản ngân hàng.", "Please enter a bank account number.");
  }
  if (groups.length > 1) {
    return refuse(
      "Vui lòng nhập một số tài khoản (các chữ số liền nhau, có thể cách bằng dấu cách).",
      "Please enter one account number (its digits together, spaces allowed).",
    );
  }
  const digits = (groups[0] ?? "").replace(/\D/g, "");
  if (digits.length < 6 || digits.length > 19) {
    return refuse(
      `Số tài khoản ngân hàng có từ 6 đến 19 chữ số; số đã nhập có ${digits.length}.`,
      `A bank account number has 6 to 19 digits; this one has ${digits.length}.`,
    );
  }
  return { ok: true, kind: "bank_account", value: digits };
}

/** The host written in a URL or typed alone, in punycode and lower case; null when there is none. */
function hostOf(input: string): string | null {
  const text = cleanPasted(input);
  if (!text || /\s/.test(text)) {
    return null;
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return null;
    }
    return url.hostname.replace(/\.$/, "").toLowerCase() || null;
  } catch {
    return null;
  }
}

/**
 * The platforms whose accounts are the registry's business: a scam page there is an account URL, never
 * the platform's whole domain.
 */
const platformDomains = new Set([
  "facebook.com",
  "fb.com",
  "fb.me",
  "m.me",
  "zalo.me",
  "youtube.com",
  "youtu.be",
  "tiktok.com",
  "google.com",
  "google.com.vn",
]);

/**
 * The registrable domain (ChongLuaDao's blocklists match on it): "tuyenquang.gov.vn.tin-tuc.com" is
 * "tin-tuc.com", and hosting suffixes such as web.app keep the customer's own name.
 */
export function normaliseDomain(input: string): NormaliseResult {
  const host = hostOf(input);
  if (!host) {
    return refuse(
      "Vui lòng nhập tên miền (ví dụ tenmien.com.vn) hoặc địa chỉ trang web.",
      "Please enter a domain name (e.g. example.com.vn) or a web address.",
    );
  }
  const parsed = parseDomain(host, { allowPrivateDomains: true });
  if (parsed.isIp) {
    return { ok: true, kind: "domain", value: host.replace(/^\[|\]$/g, "") };
  }
  if (!parsed.domain || !(parsed.isIcann || parsed.isPrivate)) {
    return refuse(
      "Tên miền không hợp lệ hoặc không có phần đuôi tên miền được công nhận (.vn, .com, …).",
      "The domain is not valid or has no recognised suffix (.vn, .com, …).",
    );
  }
  if (platformDomains.has(parsed.domain)) {
    return refuse(
      "Đây là tên miền của một nền tảng mạng xã hội. Vui lòng chọn loại “Địa chỉ trang, tài khoản” và nhập địa chỉ của trang cụ thể.",
      "This is a social platform's domain. Choose “Account or page address” and enter the page's own address.",
    );
  }
  return { ok: true, kind: "domain", value: parsed.domain };
}

/** An account or page: the registry's canonical key; an address it cannot key, in its encoded form. */
export function normaliseAccountUrl(input: string): NormaliseResult {
  const text = cleanPasted(input);
  if (!text) {
    return refuse("Vui lòng nhập địa chỉ trang hoặc tài khoản.", "Please enter the page or account address.");
  }
  try {
    return { ok: true, kind: "account_url", value: canonicalOrThrow(text).key };
  } catch {
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
    const address = normaliseWebAddress(withScheme);
    if (!address) {
      return refuse(
        "Địa chỉ không hợp lệ. Vui lòng dán địa chỉ đầy đủ, ví dụ https://www.facebook.com/tentrang.",
        "The address is not valid. Paste the full address, e.g. https://www.facebook.com/pagename.",
      );
    }
    return { ok: true, kind: "account_url", value: address };
  }
}

export function normaliseAs(kind: IndicatorKind, input: string): NormaliseResult {
  switch (kind) {
    case "phone":
      return normalisePhone(input);
    case "bank_account":
      return normaliseBankAccount(input);
    case "domain":
      return normaliseDomain(input);
    case "account_url":
      return normaliseAccountUrl(input);
  }
}

function looksLikeAddress(text: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^www\./i.test(text)) {
    return true;
  }
  if (/\s/.test(text)) {
    return false;
  }
  const host = hostOf(text);
  return host !== null && /[a-z]/.test(host) && host.includes(".");
}

/**
 * What a typed value may be, most likely first, each normalised: a lookup searches them all (a
 * 10-digit number may be a phone or an account; a website's address may be listed by its domain or
 * as the page). Empty with the reason when it is none of the kinds.
 */
export function guessIndicator(input: string): { candidates: Normalised[]; refusal?: Refusal } {
  const text = cleanPasted(input);
  const candidates: Normalised[] = [];
  const add = (result: NormaliseResult) => {
    if (result.ok && !candidates.some((c) => c.kind === result.kind && c.value === result.value)) {
      candidates.push({ kind: result.kind, value: result.value });
    }
  };
  if (looksLikeAddress(text)) {
    const account = normaliseAccountUrl(text);
    const domain = normaliseDomain(text);
    // A website may be listed by its domain or as the page itself; a platform's page only as the page.
    add(domain);
    add(account);
  } else if (/^[\d\s.\-()+]+$/.test(text)) {
    add(normalisePhone(text));
    if (!text.includes("+")) {
      add(normaliseBankAccount(text));
    }
  } else if (/\d/.test(text)) {
    add(normaliseBankAccount(text));
  }
  if (candidates.length === 0) {
    return {
      candidates,
      refusal: {
        vi: "Vui lòng nhập một số điện thoại, số tài khoản ngân hàng, tên miền hoặc địa chỉ trang cần tra cứu.",
        en: "Please enter a phone number, bank account number, domain or page address to look up.",
      },
    };
  }
  return { candidates };
}
