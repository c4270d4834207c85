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

let band = new Uint16Array(64);
let previousBand = new Uint16Array(64);

/**
 * The edit distance when it is at most `max`, else max + 1: only the diagonal band of width 2·max + 1
 * is computed, and the walk stops once a whole row exceeds max. Scoring asks "within two edits?",
 * so it need not pay for the full table on every shortlisted channel.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (a === b) {
    return 0;
  }
  if (Math.abs(a.length - b.length) > max) {
    return max + 1;
  }
  const over = max + 1;
  if (band.length <= b.length + 1) {
    band = new Uint16Array(b.length * 2 + 2);
    previousBand = new Uint16Array(b.length * 2 + 2);
  }
  for (let j = 0; j <= b.length; j++) {
    previousBand[j] = j <= max ? j : over;
  }
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    band[0] = i <= max ? i : over;
    if (from > 1) {
      band[from - 1] = over;
    }
    let rowMin = band[0] ?? over;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const substitute = (previousBand[j - 1] ?? over) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const remove = (previousBand[j] ?? over) + 1;
      const insert = (band[j - 1] ?? over) + 1;
      let value = substitute < remove ? substitute : remove;
      value = insert < value ? insert : value;
      value = value > over ? over : value;
      band[j] = value;
      rowMin = value < rowMin ? value : rowMin;
    }
    if (to < b.length) {
      band[to + 1] = over;
    }
    if (rowMin > max) {
      return over;
    }
    [band, previousBand] = [previousBand, band];
  }
  const distance = previousBand[b.length] ?? over;
  return distance > max ? over : distance;
}

/**
 * 1 − distance / longer length, when that is above `floor` (else 0): 1 for equal keys. Only distances
 * that could clear the floor are computed.
 */
export function editSimilarity(a: string, b: string, floor = 0): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) {
    return 1;
  }
  const max = Math.ceil((1 - floor) * longer);
  const distance = editDistanceWithin(a, b, max);
  const similarity = 1 - distance / longer;
  return distance > max || similarity <= floor ? 0 : similarity;
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
        (other, index) => used[index] === 0 && other.length >= 5 && editDistanceWithin(word, other, 1) <= 1,
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
