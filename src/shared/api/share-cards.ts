/**
 * The share-card contract: a post's branded picture, for the desk (any post it may read) and for the
 * portal's published articles (public, their OpenGraph image). The answers are PNG files.
 */
import { z } from "zod";

/** 1200×630 for OpenGraph (Facebook, Zalo), 1080×1080 square for feeds. */
export const shareCardSizeValues = ["1200x630", "1080x1080"] as const;
export type ShareCardSize = (typeof shareCardSizeValues)[number];

export const shareCardSizeQuery = z.object({
  size: z
    .enum(shareCardSizeValues)
    .default("1200x630")
    .describe("1200x630 (OpenGraph, Facebook, Zalo) or 1080x1080 (square, for feeds)"),
});

export const postCardParams = z.object({ id: z.uuid() });
export const postCardQuery = shareCardSizeQuery.extend({
  download: z.enum(["0", "1"]).optional().describe("1: sent as an attachment to save"),
});
export const articleCardParams = z.object({
  code: z.string().min(1).max(64),
  slug: z.string().min(1).max(120),
});
export const pngResponse = z.string().describe("The card, image/png");
