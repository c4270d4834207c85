/**
 * The members' stories contract: what a member sends the board (`POST /api/me/stories`) and how far
 * each has come on its way to publication. Part of the publishing routes (publishingEndpoints).
 */
import { z } from "zod";
import { variantTarget } from "./publishing-values.ts";

export const storyBody = z.object({
  title: z.string().trim().min(1).max(300),
  text: z.string().trim().min(1).max(20_000),
  /** Photos the member uploaded to their own unit's library (`POST /api/me/media`). */
  mediaIds: z.array(z.uuid()).max(10).default([]),
});

export const storyStage = z.enum(["received", "in_review", "approved", "scheduled", "published"]);

export const storiesResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      createdAt: z.date(),
      updatedAt: z.date(),
      stage: storyStage,
      publishedAt: z.date().nullable(),
      links: z.array(z.object({ target: variantTarget, url: z.string() })),
    }),
  ),
});

export const storyCreatedResponse = z.object({ id: z.string(), title: z.string() });
