/*
 * String similarities on folded keys (see confusables.ts). Small and allocation-light: they run for
 * every shortlisted registry channel of every scored page.
 */

let row = new Uint16Array(64);

/** Levenshtein distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  if (a.length < b.length) {
    [a, b] = [b, a];
  }
  if (b.length === 0) {
    return a.length;
  }
  if (row.length <= b.length) {
    row = new Uint16Array(b.length * 2 + 1);
  }
  for (let j = 0; j <= b.length; j++) {
    row[j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** 1 − distance / longer length: 1 for equal keys, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/**
 * Dice coefficient of two word lists, a word counting as shared when equal or one edit apart (words of
 * five letters or more), so one misspelt word does not sink a whole name.
 */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) {
    return 0;
  }
  const used = new Uint8Array(b.length);
  let shared = 0;
  for (const word of a) {
    let match = b.findIndex((other, index) => used[index] === 0 && other === word);
    if (match < 0 && word.length >= 5) {
      match = b.findIndex(
        (other, index) => used[index] === 0 && other.length >= 5 && editDistance(word, other) <= 1,
      );
    }
    if (match >= 0) {
      used[match] = 1;
      shared++;
    }
  }
  return (2 * shared) / (a.length + b.length);
}

/** True when `inner`'s words appear in order and together inside `outer` ("cong an tinh x tin tuc" ⊃ "cong an tinh x"). */
export function containsWords(outer: string, inner: string): boolean {
  return outer !== inner && ` ${outer} `.includes(` ${inner} `);
}

/** Character trigrams of a compact key (padded so short keys still have some). */
export function trigrams(compact: string): string[] {
  const padded = `^${compact}$`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    grams.add(padded.slice(i, i + 3));
  }
  return [...grams];
}
