/** Unicode NFC with collapsed white space: how every name is stored. */
export function normalizeName(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}

/**
 * Folds Vietnamese text for search: no diacritics (đ → d), lower case. Old and new tone placement
 * (Hoà/Hòa, Thuỷ/Thủy) fold to the same key because the tone mark is removed, wherever it sat.
 */
export function foldForSearch(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * An address segment from Vietnamese text, as people type it in a browser: no diacritics (đ → d),
 * lower case, words joined by hyphens. "Cảnh báo lừa đảo" → "canh-bao-lua-dao". Empty when the
 * text has no letter or digit.
 */
export function slugOf(value: string, maxLength = 80): string {
  return foldForSearch(value)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-cased e-mail, or null when it is not a plausible address. */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return emailPattern.test(email) && email.length <= 254 ? email : null;
}

/**
 * A Vietnamese phone number in its national form (0 + 9 digits), accepting +84/84 prefixes and
 * the usual separators; null when it is not one.
 */
export function normalizeVietnamesePhone(value: string): string | null {
  let digits = value.replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+84")) {
    digits = `0${digits.slice(3)}`;
  } else if (digits.startsWith("84") && digits.length === 11) {
    digits = `0${digits.slice(2)}`;
  }
  return /^0[1-9]\d{8}$/.test(digits) ? digits : null;
}
