export * from "./auth.ts";
export * from "./channels.ts";
export * from "./declarations.ts";
export * from "./org.ts";
