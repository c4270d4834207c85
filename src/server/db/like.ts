/**
 * Text typed into a search, made literal for SQL LIKE: "%" and "_" in it are letters, not wildcards
 * (and "\" is LIKE's default escape on both PostgreSQL and PGlite).
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** The LIKE pattern of rows containing the text anywhere. */
export function containsPattern(text: string): string {
  return `%${likeLiteral(text)}%`;
}
