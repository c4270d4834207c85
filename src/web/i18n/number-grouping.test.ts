import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { localeOf } from "./format.ts";
import { numberGroupingFormatter } from "./number-grouping.ts";
import { vi } from "./vi.ts";

/** An i18next set up as the app's (index.ts touches the browser, so it is not imported here). */
async function translator(language: "vi" | "en") {
  const instance = i18next.createInstance();
  await instance.use(numberGroupingFormatter(localeOf)).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: language,
    fallbackLng: "vi",
    interpolation: { escapeValue: false, alwaysFormat: true },
    initAsync: false,
  });
  return instance.t;
}

describe("numbers inside messages", () => {
  it("groups counts the Vietnamese way in Vietnamese, whatever the browser's language", async () => {
    const t = await translator("vi");
    expect(t("import.skipped", { count: 12345 })).toBe("12.345 dòng bị bỏ qua do lỗi.");
    expect(t("import.done", { created: 1234567, total: 1250000 })).toBe(
      "Đã nhập 1.234.567 người (tệp có 1.250.000 dòng).",
    );
    expect(t("common.filtersActive", { n: 3 })).toBe("Bộ lọc (3)");
  });

  it("groups them the English way in English, and still picks the plural by the number", async () => {
    const t = await translator("en");
    expect(t("import.skipped", { count: 12345 })).toBe("12,345 rows were skipped because of errors.");
    expect(t("import.skipped", { count: 1 })).toBe("1 row was skipped because of an error.");
  });

  it("leaves spreadsheet rows and text as they are", async () => {
    // Month headings, whose years must not read 2.026, are written by i18n/format.ts (tested there).
    const t = await translator("vi");
    expect(t("import.rowLabel", { row: 10234 })).toBe("Dòng 10234");
    expect(t("common.filtersActive", { n: "1234" })).toBe("Bộ lọc (1234)");
  });
});
