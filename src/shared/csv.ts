/** A CSV file that cannot be split into records, with the line where the problem starts. */
export class CsvFormatError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

const candidateDelimiters = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof candidateDelimiters)[number];

/**
 * The delimiter of a CSV text, judged from its first record: the candidate (comma, semicolon,
 * tab) that occurs most often outside quotes. Excel in a Vietnamese locale writes `;`, because
 * the comma is the decimal separator there. Comma when nothing is found.
 */
export function detectCsvDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(candidateDelimiters.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && (char === "\n" || char === "\r")) {
      break;
    } else if (!quoted && counts.has(char as CsvDelimiter)) {
      const key = char as CsvDelimiter;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  let best: CsvDelimiter = ",";
  for (const [delimiter, count] of counts) {
    if (count > (counts.get(best) ?? 0)) {
      best = delimiter;
    }
  }
  return best;
}

export interface ParsedCsv {
  delimiter: CsvDelimiter;
  /** Every record, blank lines included (as `[""]`), so that index + 1 is the row a spreadsheet shows. */
  records: string[][];
}

/**
 * Splits CSV text into records per RFC 4180: quoted fields may hold the delimiter, doubled quotes
 * and line breaks; CRLF, LF and lone CR all end a record. An Excel `sep=;` first line sets the
 * delimiter and is not a record (Excel does not show it either). A quote that is never closed is
 * an error rather than a field that silently swallows the rest of the file.
 */
export function parseCsv(text: string, delimiter?: CsvDelimiter): ParsedCsv {
  const reader = readCsv(text, delimiter);
  return { delimiter: reader.delimiter, records: [...reader.records] };
}

/**
 * The same, one record at a time, so a caller can stop at a limit without splitting the rest of
 * the text (a 10 MB file of line breaks is ten million records).
 */
export function readCsv(
  text: string,
  delimiter?: CsvDelimiter,
): { delimiter: CsvDelimiter; records: Generator<string[], void, undefined> } {
  let body = text;
  const hint = /^sep=([,;\t])\r?\n/i.exec(body);
  const hinted = hint ? (hint[1] as CsvDelimiter) : undefined;
  if (hint) {
    body = body.slice(hint[0].length);
  }
  const chosen: CsvDelimiter = delimiter ?? hinted ?? detectCsvDelimiter(body);
  return { delimiter: chosen, records: csvRecords(body, chosen) };
}

function* csvRecords(body: string, chosen: CsvDelimiter): Generator<string[], void, undefined> {
  let record: string[] = [];
  let field = "";
  let line = 1;
  let quoteOpenedOnLine = 0;
  let inQuotes = false;
  let i = 0;
  const length = body.length;
  while (i < length) {
    const char = body[i] as string;
    if (inQuotes) {
      if (char === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (char === "\n" || (char === "\r" && body[i + 1] !== "\n")) {
        line++;
      }
      field += char;
      i++;
      continue;
    }
    if (char === '"' && field === "") {
      inQuotes = true;
      quoteOpenedOnLine = line;
      i++;
      continue;
    }
    if (char === chosen) {
      record.push(field);
      field = "";
      i++;
      continue;
    }
    if (char === "\r" || char === "\n") {
      record.push(field);
      yield record;
      record = [];
      field = "";
      line++;
      i += char === "\r" && body[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    // A quote inside an unquoted field, or text after a closing quote, is kept as written.
    field += char;
    i++;
  }
  if (inQuotes) {
    throw new CsvFormatError(`unclosed quote opened on line ${quoteOpenedOnLine}`, quoteOpenedOnLine);
  }
  // The last record has no line break after it (or the file ends with one, adding no record).
  if (field !== "" || record.length > 0) {
    record.push(field);
    yield record;
  }
}

/** A CSV cell: quoted, with a leading apostrophe for text a spreadsheet would run as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** A CSV file for spreadsheets: UTF-8 with BOM (so Excel shows Vietnamese correctly), CRLF lines. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
