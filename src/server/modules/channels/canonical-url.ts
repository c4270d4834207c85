/*
 * The canonicaliser lives in src/shared/channel-url.ts, so that the web's forms recognise a pasted
 * address the way the registry keys it; the channels module and its tests reach it through here.
 */
export * from "../../../shared/channel-url.ts";
