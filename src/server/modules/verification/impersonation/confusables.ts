/*
 * The confusable-aware folded key: what a look-alike page's name and handle reduce to once the tricks
 * people use to dodge an exact match are undone (zero-width characters, Cyrillic or Greek letters that
 * look Latin, full-width letters, đ variants, tone marks, leet digits).
 *
 * Digits: a digit is read as a letter only when letters stand on both sides of it ("c0ng", "p0lice"),
 * because that is where leet hides. A digit at the start or end of a word, or a whole number, stays a
 * digit, so "Quận 1", "Phường 12" and "congan2024" keep their numbers and "Phường 12" never folds into
 * "Phường l2". The cost: a leading or trailing leet digit ("0fficial", "tinhx1") is not undone; the
 * handle and name similarities still see such pages as one edit away.
 */

/** Letters of other scripts (and Latin oddities) that render like a Latin letter. */
const confusableLetters: Record<string, string> = {
  // Cyrillic, lower case
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  ԁ: "d",
  һ: "h",
  ӏ: "l",
  ԛ: "q",
  ԝ: "w",
  ь: "b",
  п: "n",
  г: "r",
  ɡ: "g",
  // Cyrillic, capitals
  А: "a",
  В: "b",
  Е: "e",
  Ё: "e",
  І: "i",
  Ї: "i",
  Ј: "j",
  К: "k",
  М: "m",
  Н: "h",
  О: "o",
  Р: "p",
  С: "c",
  Т: "t",
  У: "y",
  Х: "x",
  Ѕ: "s",
  Ԁ: "d",
  Һ: "h",
  Ӏ: "l",
  Ԛ: "q",
  Ԝ: "w",
  // Greek, lower case
  α: "a",
  β: "b",
  γ: "y",
  ε: "e",
  ζ: "z",
  η: "n",
  ι: "i",
  κ: "k",
  μ: "u",
  ν: "v",
  ο: "o",
  ρ: "p",
  σ: "o",
  ς: "c",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  // Greek, capitals
  Α: "a",
  Β: "b",
  Ε: "e",
  Ζ: "z",
  Η: "h",
  Ι: "i",
  Κ: "k",
  Μ: "m",
  Ν: "n",
  Ο: "o",
  Ρ: "p",
  Τ: "t",
  Υ: "y",
  Χ: "x",
  // Latin look-alikes NFKC leaves alone
  ı: "i",
  ȷ: "j",
  ɑ: "a",
  ɩ: "i",
  ɪ: "i",
  ʟ: "l",
  ᴄ: "c",
  ᴏ: "o",
  ᴠ: "v",
  ᴡ: "w",
  ᴢ: "z",
  ꮃ: "w",
  // đ and its look-alikes; Vietnamese folds đ to d
  đ: "d",
  Đ: "d",
  Ð: "d",
  ð: "d",
  ɖ: "d",
  ɗ: "d",
};

/** Leet: digits and signs standing for letters (only between letters, see above). */
const leet: Record<string, string> = {
  "0": "o",
  "1": "l",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "|": "l",
};

// Format characters (zero-width space and joiners, word joiner, BOM, soft hyphen, bidi controls).
const formatCharacters = /\p{Cf}/gu;
const marks = /\p{M}/gu;
const leetRuns = /(?<=\p{L})[0134579@$|]+(?=\p{L})/gu;
const separators = /[^\p{L}\p{N}]+/gu;

function mapConfusables(text: string): string {
  let out = "";
  for (const char of text) {
    const latin = confusableLetters[char];
    // Capitals stay capitals: the place reader uses them to tell names from words.
    out += latin === undefined ? char : char !== char.toLowerCase() ? latin.toUpperCase() : latin;
  }
  return out;
}

/** Lower-case letters and digits, confusables undone, with word boundaries kept as single spaces. */
function foldLetters(value: string, keepCase = false): string {
  const decomposed = mapConfusables(value.replace(formatCharacters, "").normalize("NFKC").normalize("NFD"))
    .replace(marks, "")
    .replace(leetRuns, (run) => [...run].map((char) => leet[char] ?? char).join(""));
  return keepCase ? decomposed : decomposed.toLowerCase();
}

/**
 * The folded key of a display name or handle: "Công an tỉnh Đồng Nai", "Сông аn tỉnh Ðồng Nаі" (with
 * Cyrillic letters) and "C0ng\u200Ban tinh Dong-Nai" all give "cong an tinh dong nai".
 */
export function confusableKey(value: string): string {
  return foldLetters(value).replace(separators, " ").trim();
}

/**
 * The key cut at punctuation, capitals kept: "Công an xã A - Tin tức" → [["Cong","an","xa","A"],
 * ["Tin","tuc"]], so a place name is never read across a spaced dash, a comma or a bracket, and a capital tells a
 * name ("xã Hội An") from a word ("bảo hiểm xã hội").
 */
export function confusableSegments(value: string): string[][] {
  return foldLetters(value, true)
    .split(/\s[-–—]+\s|[,;:()[\]{}|/!?"“”«»]+/u)
    .map((segment) => segment.split(/[^\p{L}\p{N}]+/u).filter(Boolean))
    .filter((tokens) => tokens.length > 0);
}

/** A handle (or a whole name) as one run of letters and digits: "C0ngAn.TinhX_official" → "congantinhxofficial". */
export function compactKey(value: string): string {
  return confusableKey(value).replace(/ /g, "");
}

/**
 * What plain diacritic folding alone makes of the text (no confusables, no leet, zero-width characters
 * kept as separators): when this differs from confusableKey the name hides look-alike characters.
 */
export function plainKey(value: string): string {
  return value
    .normalize("NFD")
    .replace(marks, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(separators, " ")
    .trim();
}
