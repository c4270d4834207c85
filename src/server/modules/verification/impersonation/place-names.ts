import { readAdminAreaDataset } from "../../org/index.ts";
import { confusableKey, confusableSegments } from "./confusables.ts";

/*
 * Place names in a channel's display name, read against the 2025 administrative map (34 provinces,
 * 3,321 communes) and the pre-2025 names it replaced (old provinces, districts and communes, from the
 * same shipped dataset), so that "Công an tỉnh Đồng Nai" and "Công an tỉnh Đồng Tháp" are seen as two
 * real places and not as a copy of each other.
 *
 * A place is read after its prefix (tỉnh, thành phố/TP, xã, phường, đặc khu, and the old quận, huyện,
 * thị xã, thị trấn): the longest known name that follows; a number ("Phường 12", "Quận 1"); or, when the
 * name is unknown to the map (a test unit, a typo), up to three capitalised words. Without a prefix,
 * only province names (today's and the pre-2025 ones) of two words or more are read: commune names
 * overlap everyday words of unit names ("Văn Hóa", "An Ninh", "Trung Tâm", "An Tịnh" inside "Công an
 * tỉnh") and a bare "Huế" or "Vinh" is too often a person's name. So "Công an Ba Đình" names no place
 * while "Công an phường Ba Đình" does.
 */

export interface Place {
  /** Folded name without its prefix ("dong nai"), or prefix and number for numbered ones ("phuong 12"). */
  name: string;
  /** Found in the administrative map (or a number after its prefix). */
  known: boolean;
}

export interface Gazetteer {
  /** Every folded name, with or without prefix, mapped to its canonical form (aliases resolved). */
  names: Map<string, string>;
  /** Names that may be read without a prefix. */
  bare: Set<string>;
  /** Names of two words or more by their first word, for reading a misspelt name after its prefix. */
  byFirstWord: Map<string, string[]>;
}

const prefixes: string[][] = [
  ["thanh", "pho"],
  ["dac", "khu"],
  ["thi", "xa"],
  ["thi", "tran"],
  ["tinh"],
  ["tp"],
  ["xa"],
  ["phuong"],
  ["quan"],
  ["huyen"],
  ["tx"],
  ["tt"],
];
const prefixPattern = /^(tinh|thanh pho|tp|xa|phuong|dac khu|quan|huyen|thi xa|thi tran)\s+/;
const prefixLabels: Record<string, string> = { tp: "thanh pho", tx: "thi xa", tt: "thi tran" };

/** Commune names that are also ordinary words in unit names; read only after a prefix. */
const everydayPhrases = new Set([
  "van hoa",
  "an ninh",
  "trung tam",
  "thong nhat",
  "doc lap",
  "tien phong",
  "quyet thang",
  "thang loi",
  "dong tam",
  "dai dong",
  "lien minh",
  "hoa binh",
]);
/** Capitalised words after "xã" that are not a place (Bảo hiểm Xã hội). */
const notPlaceWords = new Set(["hoi"]);
const aliases: [string, string][] = [
  ["hcm", "ho chi minh"],
  ["tphcm", "ho chi minh"],
  ["sai gon", "ho chi minh"],
];

let loading: Promise<Gazetteer> | null = null;

function nameWithoutPrefix(name: string): string {
  return confusableKey(name).replace(prefixPattern, "");
}

/** The place names of the shipped administrative dataset, read once per process. */
export function loadGazetteer(): Promise<Gazetteer> {
  loading ??= readAdminAreaDataset().then((dataset) => {
    const names = new Map<string, string>();
    const bare = new Set<string>();
    const add = (raw: string, province: boolean) => {
      const name = nameWithoutPrefix(raw);
      // Numbered wards and districts are read as prefix and number, never as a bare number.
      if (!name || /^\d+$/.test(name)) {
        return;
      }
      names.set(name, name);
      if (province && !everydayPhrases.has(name)) {
        bare.add(name);
      }
    };
    for (const [, name] of dataset.provinces) {
      add(name, true);
    }
    for (const [, name] of dataset.communes) {
      add(name, false);
    }
    for (const [, oldName, oldDistrict, oldProvince] of dataset.mappings) {
      add(oldName, false);
      add(oldDistrict, false);
      add(oldProvince, true);
    }
    for (const [alias, name] of aliases) {
      names.set(alias, name);
      bare.add(alias);
    }
    const byFirstWord = new Map<string, string[]>();
    for (const name of names.values()) {
      const first = name.split(" ")[0] ?? "";
      if (name.includes(" ") && !byFirstWord.get(first)?.includes(name)) {
        byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), name]);
      }
    }
    return { names, bare, byFirstWord };
  });
  return loading;
}

function prefixAt(tokens: string[], at: number): string[] | null {
  for (const prefix of prefixes) {
    if (prefix.every((word, offset) => tokens[at + offset] === word)) {
      return prefix;
    }
  }
  return null;
}

/**
 * The longest known name starting at `at` (up to five words). After a prefix, a name one edit away
 * from a known one of as many words counts as that one ("tỉnh Đồng Thápp" is read as Đồng Tháp), so
 * a misspelling does not pass for another place.
 */
function longestName(
  gazetteer: Gazetteer,
  tokens: string[],
  at: number,
  bareOnly: boolean,
): { name: string; length: number } | null {
  for (let length = Math.min(5, tokens.length - at); length >= 1; length--) {
    const phrase = tokens.slice(at, at + length).join(" ");
    const name = gazetteer.names.get(phrase);
    if (name && (!bareOnly || gazetteer.bare.has(phrase))) {
      return { name, length };
    }
    if (!bareOnly && length >= 2 && phrase.length >= 6) {
      const near = gazetteer.byFirstWord
        .get(tokens[at] ?? "")
        ?.find((known) => known.split(" ").length === length && withinOneEdit(phrase, known));
      if (near) {
        return { name: gazetteer.names.get(near) ?? near, length };
      }
    }
  }
  return null;
}

function isCapitalised(word: string): boolean {
  const first = word[0] ?? "";
  return first !== first.toLowerCase();
}

function placesOfSegment(gazetteer: Gazetteer, original: string[], found: Map<string, Place>): void {
  const tokens = original.map((token) => token.toLowerCase());
  let at = 0;
  while (at < tokens.length) {
    const prefix = prefixAt(tokens, at);
    if (prefix) {
      const start = at + prefix.length;
      const next = tokens[start];
      if (next && /^\d+$/.test(next)) {
        const label = `${prefixLabels[prefix.join(" ")] ?? prefix.join(" ")} ${Number(next)}`;
        found.set(label, { name: label, known: true });
        at = start + 1;
        continue;
      }
      const known = longestName(gazetteer, tokens, start, false);
      if (known) {
        found.set(known.name, { name: known.name, known: true });
        at = start + known.length;
        continue;
      }
      let end = start;
      while (
        end < tokens.length &&
        end - start < 3 &&
        isCapitalised(original[end] ?? "") &&
        !prefixAt(tokens, end)
      ) {
        end++;
      }
      if (end > start && !notPlaceWords.has(tokens[start] ?? "")) {
        const name = tokens.slice(start, end).join(" ");
        found.set(name, { name, known: false });
        at = end;
        continue;
      }
      at = start;
      continue;
    }
    const bare = longestName(gazetteer, tokens, at, true);
    if (bare && (bare.length > 1 || tokens[at] === "hcm" || tokens[at] === "tphcm")) {
      found.set(bare.name, { name: bare.name, known: true });
      at += bare.length;
      continue;
    }
    at++;
  }
}

/** The places a display name names, in the order read, without repeats. */
export function placesOf(gazetteer: Gazetteer, text: string): Place[] {
  const found = new Map<string, Place>();
  for (const segment of confusableSegments(text)) {
    placesOfSegment(gazetteer, segment, found);
  }
  return [...found.values()];
}

/** Edit distance at most one (a typo); for unknown names, which the map cannot vouch for. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) {
    return false;
  }
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) {
    i++;
  }
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

function samePlace(a: Place, b: Place): boolean {
  if (a.name === b.name) {
    return true;
  }
  // Two names from the map are two real places; a typo'd, unknown one may be an imitation.
  return (
    (!a.known || !b.known) && Math.min(a.name.length, b.name.length) >= 4 && withinOneEdit(a.name, b.name)
  );
}

/**
 * Two different places when both sides name places and neither side's places are all among the
 * other's: "tỉnh Đồng Nai" vs "tỉnh Đồng Tháp" differ; "xã Tân Phú" vs "xã Tân Phú, tỉnh Đồng Nai" do not.
 */
export function differentPlaces(
  candidate: Place[],
  registered: Place[],
): { candidate: string; registered: string } | null {
  if (candidate.length === 0 || registered.length === 0) {
    return null;
  }
  const missingFromRegistered = candidate.find(
    (place) => !registered.some((other) => samePlace(place, other)),
  );
  const missingFromCandidate = registered.find(
    (place) => !candidate.some((other) => samePlace(place, other)),
  );
  return missingFromRegistered && missingFromCandidate
    ? { candidate: missingFromRegistered.name, registered: missingFromCandidate.name }
    : null;
}
