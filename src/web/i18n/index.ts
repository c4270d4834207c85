import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";
import { localeOf } from "./format.ts";
import { numberGroupingFormatter } from "./number-grouping.ts";
import { vi } from "./vi.ts";

export const languages = ["vi", "en"] as const;
export type Language = (typeof languages)[number];

const storageKey = "caunoi.language";

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(storageKey);
    return saved === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

/** The language the person chose on this device, or null when they never chose (Vietnamese applies). */
export function chosenLanguage(): Language | null {
  try {
    const saved = localStorage.getItem(storageKey);
    return saved === "en" || saved === "vi" ? saved : null;
  } catch {
    return null;
  }
}

/** The language in use, as one of ours (i18next may report a region variant). */
export function currentLanguage(): Language {
  return i18n.language === "en" ? "en" : "vi";
}

/** Switches the language and remembers the choice on this device. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing may refuse storage; the switch still applies to this visit.
  }
  await i18n.changeLanguage(language);
}

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

// Resources are bundled, so initialisation is synchronous and the first render is already translated.
void i18n
  .use(initReactI18next)
  .use(numberGroupingFormatter(localeOf))
  .init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: "vi",
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
    initAsync: false,
  });
document.documentElement.lang = i18n.language;

export { i18n };
