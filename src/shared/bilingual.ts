const vietnameseLetter = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

/**
 * A failure recorded for a post is written once for every reader, in both languages:
 * "<tiếng Việt> / <English> — <the platform's reference>: “<its own words>”". A reader gets their
 * own language's half with the shared tail; a text that is not split that way (a platform's own
 * words) is returned as it came.
 */
export function inLanguage(text: string, language: string): string {
  const split = text.indexOf(" / ");
  if (split < 0) {
    return text;
  }
  const vietnamese = text.slice(0, split);
  if (!vietnameseLetter.test(vietnamese.replace(/Cầu Nối/g, ""))) {
    return text;
  }
  const rest = text.slice(split + 3);
  const tailAt = rest.indexOf(" — ");
  const english = tailAt < 0 ? rest : rest.slice(0, tailAt);
  const tail = tailAt < 0 ? "" : rest.slice(tailAt);
  return `${language === "en" ? english : vietnamese}${tail}`;
}
