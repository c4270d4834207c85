/**
 * The publishing vocabulary every publishing contract uses (where a variant goes, the stages of its
 * life), in a file of its own so that the contracts built on it import it without a cycle.
 */
import { z } from "zod";

/** Where a variant goes; each has a connector in modules/publishing/connectors (or none: posted by hand). */
export const variantTargetValues = ["portal", "facebook_page", "zalo_oa", "youtube", "tiktok"] as const;

/**
 * A variant's life: draft → in_review → approved → scheduled → publishing → published | failed.
 * A rejection (with its reason) sends it back to draft; editing an approved variant does too.
 */
export const variantStatusValues = [
  "draft",
  "in_review",
  "approved",
  "scheduled",
  "publishing",
  "published",
  "failed",
] as const;

export const variantStatus = z.enum(variantStatusValues);
export const variantTarget = z.enum(variantTargetValues);
