/**
 * The channels API schemas now live in src/shared/api/channels.ts, shared with the web; this re-export
 * keeps the module's index.ts and the module's services working.
 */
export * from "../../../shared/api/channels.ts";
