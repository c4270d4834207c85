/**
 * The publishing API schemas now live in src/shared/api/publishing.ts, shared with the web; this
 * re-export keeps the module's index.ts and the module's services working.
 */
export * from "../../../shared/api/publishing.ts";
