/**
 * The portal's addresses: a unit's public site (its articles, topics, search and feeds), answered
 * as HTML, RSS/Atom or a sitemap. Shared so that links made elsewhere name the same parameters.
 */
import { z } from "zod";

export const portalSiteParams = z.object({ code: z.string().min(1).max(64) });
/** "trang": the page of a listing, in Vietnamese as the address shows it. */
export const portalPageQuery = z.object({ trang: z.coerce.number().int().min(1).max(10_000).optional() });
export const portalSearchQuery = portalPageQuery.extend({ q: z.string().max(200).optional() });
export const portalTopicParams = portalSiteParams.extend({ tag: z.string().min(1).max(60) });
export const portalArticleParams = portalSiteParams.extend({ slug: z.string().min(1).max(120) });
