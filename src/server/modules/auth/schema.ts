/**
 * The auth API schemas now live in src/shared/api/auth.ts, shared with the web;
 * this re-export keeps the module's routes and older importers working.
 */
export * from "../../../shared/api/auth.ts";
