/**
 * The declarations API schemas now live in src/shared/api/declarations.ts, shared with the web;
 * this re-export keeps the module's index.ts and older importers working.
 */
export * from "../../../shared/api/declarations.ts";
