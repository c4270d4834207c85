import { describe, expect, it } from "vitest";
import { auditActions } from "../../../shared/audit-actions.ts";
import { enWording, viWording, withCounts } from "./audit-wording.ts";

const placeholders = new Set(["actor", "subject", "kind", "unit", "role", "created", "count"]);

describe("audit wording", () => {
  it("words every recorded action kind in Vietnamese and English, with placeholders the page fills", () => {
    for (const action of auditActions) {
      for (const words of [viWording[action], enWording[action]]) {
        expect(words?.label, action).toBeTruthy();
        expect(words?.sentence, action).toBeTruthy();
        for (const sentence of [words.sentence, words.alone ?? ""]) {
          for (const [, name] of sentence.matchAll(/\{(\w+)\}/g)) {
            expect(placeholders.has(name as string), `${action}: {${name}}`).toBe(true);
          }
        }
      }
      // Vietnamese says "đã" for what was done, and never shows the code.
      expect(viWording[action].sentence).not.toContain(action);
    }
  });

  it("uses the glossary's words, not the forbidden ones", () => {
    const text = JSON.stringify(viWording);
    for (const forbidden of ["xoá", "fanpage", "2FA", "mã hai lớp", "phiên bản", "lên lịch", "sự kiện"]) {
      expect(text).not.toContain(forbidden);
    }
  });

  it("says one person, not one people, in English", () => {
    const list = enWording["person.list"].sentence;
    expect(withCounts(list, { count: 1 }, "en")).toBe("{actor} viewed a list of {count} person");
    expect(withCounts(list, { count: 3 }, "en")).toBe(list);
    expect(withCounts(enWording["declarations.delete"].sentence, { count: 1 }, "en")).toBe(
      "{actor} deleted {count} declared account",
    );
    expect(withCounts(enWording["channel.import"].sentence, { created: 1 }, "en")).toContain(
      "{created} official channel into",
    );
    expect(withCounts(viWording["person.list"].sentence, { count: 1 }, "vi")).toBe(
      viWording["person.list"].sentence,
    );
  });
});
