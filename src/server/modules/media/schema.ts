/**
 * The media API schemas now live in src/shared/api/media.ts, shared with the web; this re-export
 * keeps the module's index.ts and older importers working.
 */
export * from "../../../shared/api/media.ts";
