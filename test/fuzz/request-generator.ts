/*
 * Random and malformed requests built from the OpenAPI document, for the fuzz test. Seeded, so a
 * failure is reproduced by running again with the seed it prints.
 */

/** A small seeded generator (mulberry32): the same seed gives the same requests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The part of JSON Schema (OpenAPI 3.0, as zod's transform writes it) the generator reads. */
export interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** Text people and attackers type: Vietnamese, injections, control characters, encodings gone wrong. */
const hostileStrings = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "x".repeat(5000),
  "'; drop table units; --",
  "<script>alert(1)</script>",
  "<img src=/media/../api/people onerror=alert(1)>",
  "Nguyễn Thị Thuỷ",
  "tin tức mới",
  "https://xã-bên-trái.gov.vn/tin tức/mới?q=đường",
  "https://www.facebook.com/trang-gia-mao/posts/1",
  "javascript:alert(1)",
  "http://127.0.0.1:5432/",
  "../../../etc/passwd",
  "%00",
  "%E0%A4%A",
  "\ud800",
  "😀".repeat(300),
  "\u202eabc",
  "-1",
  "1e309",
  "NaN",
  "null",
  "9".repeat(40),
  "2026-02-30T25:61:00Z",
  "0000-00-00",
  '=HYPERLINK("http://x")',
  "\r\nSet-Cookie: x=1",
  "a.b@c",
];

const hostileValues: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1.5,
  [],
  {},
  [null],
  { __proto__: { polluted: 1 } },
  { constructor: { prototype: { polluted: 1 } } },
  "string",
];

/** Bodies no JSON parser should accept, and some it must survive. */
const malformedBodies = [
  "{",
  '{"a":',
  "\u0000",
  "[".repeat(5000),
  '{"__proto__":{"admin":true}}',
  "not json at all",
  "",
  '"just a string"',
  "1e400",
];

export class RequestGenerator {
  readonly random: () => number;
  /** Ids seen in earlier answers, so that requests reach records that exist. */
  readonly knownIds = new Set<string>();

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  integer(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  uuid(): string {
    if (this.knownIds.size > 0 && this.chance(0.7)) {
      return this.pick([...this.knownIds]);
    }
    const hex = () => Math.floor(this.random() * 16).toString(16);
    const part = (n: number) => Array.from({ length: n }, hex).join("");
    return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
  }

  /** Remembers the ids of an answer's JSON, so later requests can name them. */
  harvest(body: string): void {
    for (const match of body.matchAll(
      /[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g,
    )) {
      if (this.knownIds.size < 2000) {
        this.knownIds.add(match[0]);
      }
    }
  }

  /** A value for the schema: mostly one it allows, sometimes one it should refuse. */
  value(schema: Schema | undefined, depth = 0, hostility = 0.15): unknown {
    if (!schema || depth > 6) {
      return this.pick(hostileValues);
    }
    if (this.chance(hostility)) {
      return this.chance(0.6) ? this.pick(hostileStrings) : this.pick(hostileValues);
    }
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices && choices.length > 0) {
      return this.value(this.pick(choices), depth + 1, hostility);
    }
    if (schema.allOf && schema.allOf.length > 0) {
      return this.value(schema.allOf[0], depth + 1, hostility);
    }
    if (schema.nullable && this.chance(0.1)) {
      return null;
    }
    if (schema.enum && schema.enum.length > 0) {
      return this.pick(schema.enum);
    }
    if (schema.const !== undefined) {
      return schema.const;
    }
    const type = Array.isArray(schema.type) ? this.pick(schema.type) : schema.type;
    switch (type) {
      case "string":
        return this.string(schema);
      case "integer":
        return this.integer(schema.minimum ?? -5, Math.min(schema.maximum ?? 1000, 1_000_000));
      case "number":
        return (
          (schema.minimum ?? 0) +
          this.random() * Math.min((schema.maximum ?? 1000) - (schema.minimum ?? 0), 1e6)
        );
      case "boolean":
        return this.chance(0.5);
      case "array": {
        const count = this.integer(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4));
        return Array.from({ length: count }, () => this.value(schema.items, depth + 1, hostility));
      }
      case "object":
        return this.object(schema, depth, hostility);
      default:
        // No type (a date transformed by zod, a free value): a date-like text most often.
        return this.chance(0.6)
          ? new Date(Date.now() + this.integer(-30, 30) * 86_400_000).toISOString()
          : this.pick(hostileStrings);
    }
  }

  private string(schema: Schema): string {
    switch (schema.format) {
      case "uuid":
        return this.uuid();
      case "date-time":
        return new Date(Date.now() + this.integer(-30, 30) * 86_400_000).toISOString();
      case "date":
        return new Date(Date.now() + this.integer(-30, 30) * 86_400_000).toISOString().slice(0, 10);
      case "email":
        return `nguoi-${this.integer(1, 1e6)}@example.vn`;
      case "uri":
      case "url":
        return this.pick([
          "https://www.facebook.com/trang",
          "https://xa.gov.vn/tin/1",
          "https://xã.vn/tin tức",
        ]);
      default: {
        const text = this.pick([
          "Xã Tân Trào",
          "Cảnh báo lừa đảo",
          "abc",
          "https://www.facebook.com/congan",
          "editor",
          "member",
          "facebook_page",
          "2026-12-06",
          "12",
        ]);
        const min = schema.minLength ?? 0;
        const max = schema.maxLength ?? 200;
        return text.length < min ? text.padEnd(min, "a") : text.slice(0, max);
      }
    }
  }

  private object(schema: Schema, depth: number, hostility: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      // Required fields are left out now and then; optional ones come half the time.
      if (required.has(key) ? this.chance(0.93) : this.chance(0.5)) {
        result[key] = this.value(property, depth + 1, hostility);
      }
    }
    if (this.chance(0.05)) {
      result[this.pick(["extra", "__proto__", "constructor", "isAdmin"])] = this.pick(hostileValues);
    }
    return result;
  }

  /** A JSON body that does not parse, or is not an object. */
  malformedBody(): string {
    return this.pick(malformedBodies);
  }

  /** Bytes for an octet-stream upload: noise, a truncated image, an image header that lies. */
  bytes(): Buffer {
    const png1x39m = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.from("IHDR"),
      Buffer.from([0, 0, 0, 1, 0x02, 0x53, 0xec, 0xc0, 8, 2, 0, 0, 0, 0, 0, 0, 0]),
    ]);
    return this.pick([
      Buffer.alloc(0),
      Buffer.from(Array.from({ length: 512 }, () => Math.floor(this.random() * 256))),
      png1x39m,
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
      Buffer.from("GIF89a"),
    ]);
  }
}
