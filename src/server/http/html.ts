/** Markup that is already safe to send: produced by `html`, never by string concatenation. */
export class SafeHtml {
  readonly value: string;

  constructor(value: string) {
    this.value = value;
  }

  toString(): string {
    return this.value;
  }
}

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (char) => escapes[char] ?? char);
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) {
    return "";
  }
  if (value instanceof SafeHtml) {
    return value.value;
  }
  if (Array.isArray(value)) {
    return value.map(render).join("");
  }
  return escapeHtml(String(value));
}

/**
 * Tagged template for server-rendered pages: every interpolated value is escaped unless it is
 * itself the result of `html` (so fragments nest); arrays are joined; null/false render nothing.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** A link target that is safe in href: only http(s) URLs and site-relative paths pass; anything else is "#". */
export function safeHref(url: string): string {
  return /^(https?:\/\/|\/(?!\/))/i.test(url) ? url : "#";
}
