/**
 * The org API schemas now live in src/shared/api/org.ts, shared with the web; this re-export keeps
 * older importers working.
 */
export * from "../../../shared/api/org.ts";
