export * from "./advocacy.ts";
export * from "./auth.ts";
export * from "./channels.ts";
export * from "./declarations.ts";
export * from "./http.ts";
export * from "./media.ts";
export * from "./org.ts";
export * from "./publishing.ts";
