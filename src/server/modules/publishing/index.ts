/**
 * The publishing module's public surface: the only file of it that code outside the module imports.
 */
// Tells the audit page how to name this module's records.
import "./audit-subjects.ts";

export { markNeedsReconnect } from "./connection-renewal.ts";
export type { MediaForPublish } from "./connectors/types.ts";
export { channelOfConnectedAccount, connectionForReply } from "./inbox-connections.ts";
export { publishingModule } from "./module.ts";
export { hasPortal, type PortalArticleInput, publishToPortalNow } from "./portal-now.ts";
export {
  type PublishedArticle,
  publishedAddressOfPost,
  publishedArticle,
  publishedArticles,
  publishedTopics,
  repairStoredVariantAddresses,
} from "./published.ts";
export type {
  calendarResponse,
  createPostBody,
  historyResponse,
  policyBody,
  policyResponse,
  postDetail,
  postListResponse,
  problemSchema,
  storiesResponse,
  updatePostBody,
  updateVariantBody,
  variantSchema,
  variantStatus,
  variantTarget,
  versionsResponse,
} from "./schema.ts";
export {
  approveVariant,
  articleUrlOfVariant,
  createPost,
  getPost,
  markPublishedByHand,
  type PublishingDeps,
  submitVariant,
  unitOfPost,
} from "./service.ts";
export { submitStory } from "./stories.ts";
