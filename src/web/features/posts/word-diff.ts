/*
 * A word diff for comparing two versions of a post: Myers' O(ND) algorithm over words and the
 * spaces between them, after trimming what both versions share at the start and the end. Beyond
 * `maxEdits` differences (a rewrite, not an edit) it reports the whole middle as replaced rather
 * than spend memory on the search.
 */

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** Words and the runs of white space between them, so joining the tokens gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/gu) ?? [];
}

function push(parts: DiffPart[], kind: DiffPart["kind"], text: string) {
  if (!text) {
    return;
  }
  const last = parts.at(-1);
  if (last && last.kind === kind) {
    last.text += text;
  } else {
    parts.push({ kind, text });
  }
}

/** The shortest edit script from `a` to `b`, or null when it needs more than `limit` edits. */
function myers(a: readonly string[], b: readonly string[], limit: number): DiffPart[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, limit);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] is v as it stood before step d, for k in [-d-1, d+1]: memory grows with D², not N·M.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        return backtrack(a, b, trace, d);
      }
    }
  }
  return null;
}

function backtrack(
  a: readonly string[],
  b: readonly string[],
  trace: Int32Array[],
  last: number,
): DiffPart[] {
  const reversed: DiffPart[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = last; d > 0; d--) {
    const before = trace[d] as Int32Array;
    const at = (k: number) => before[k + d + 1] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      reversed.push({ kind: "same", text: a[x - 1] ?? "" });
      x--;
      y--;
    }
    reversed.push(
      down ? { kind: "added", text: b[previousY] ?? "" } : { kind: "removed", text: a[previousX] ?? "" },
    );
    x = previousX;
    y = previousY;
  }
  while (x > 0 && y > 0) {
    reversed.push({ kind: "same", text: a[x - 1] ?? "" });
    x--;
    y--;
  }
  const parts: DiffPart[] = [];
  for (const part of reversed.reverse()) {
    push(parts, part.kind, part.text);
  }
  return parts;
}

/** What changed from `before` to `after`, word by word. */
export function diffWords(before: string, after: string, maxEdits = 2000): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, "same", a.slice(0, start).join(""));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = myers(middleA, middleB, maxEdits) ?? [
    { kind: "removed" as const, text: middleA.join("") },
    { kind: "added" as const, text: middleB.join("") },
  ];
  for (const part of middle) {
    push(parts, part.kind, part.text);
  }
  push(parts, "same", a.slice(endA).join(""));
  return parts;
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** A post body's HTML as the words a reader sees, paragraphs kept as blank lines (for comparing). */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|h[1-6]|li|blockquote|tr|figure)>/gi, "\n\n")
    .replace(/<li[^>]*>/gi, "• ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      }
      if (name.startsWith("#")) {
        return String.fromCodePoint(Number(name.slice(1)));
      }
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
