/**
 * A formal bilingual letter as Cầu Nối's mails are written: the Vietnamese text with its greeting and
 * signature first, then the English after a rule.
 */
export function bilingualLetter(options: {
  to: string;
  vi: readonly string[];
  en: readonly string[];
}): string {
  return [
    `Kính gửi ${options.to},`,
    "",
    ...options.vi,
    "",
    "Trân trọng,",
    "Hệ thống Cầu Nối",
    "",
    "---",
    ...options.en,
  ].join("\n");
}
