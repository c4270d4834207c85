/**
 * The advocacy API schemas now live in src/shared/api/advocacy.ts, shared with the web; this
 * re-export keeps the module's index.ts and older importers working.
 */
export * from "../../../shared/api/advocacy.ts";
