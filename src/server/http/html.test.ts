import { describe, expect, it } from "vitest";
import { escapeHtml, html, safeHref } from "./html.ts";

describe("html template", () => {
  it("escapes interpolated text, nests fragments, joins arrays and drops null/false", () => {
    const name = `<img src=x onerror="alert('x')">&`;
    const item = (text: string) => html`<li>${text}</li>`;
    const out = html`<p title="${name}">${name}</p><ul>${["a<b", "c"].map(item)}</ul>${null}${false}${0}`;
    expect(out.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p><ul><li>a&lt;b</li><li>c</li></ul>0',
    );
    expect(escapeHtml("`")).toBe("&#96;");
  });

  it("lets only http(s) and site-relative links into href", () => {
    expect(safeHref("https://www.facebook.com/x")).toBe("https://www.facebook.com/x");
    expect(safeHref("/danh-ba?unitId=1")).toBe("/danh-ba?unitId=1");
    expect(safeHref("javascript:alert(1)")).toBe("#");
    expect(safeHref("//evil.example")).toBe("#");
    expect(safeHref("data:text/html,x")).toBe("#");
  });
});
