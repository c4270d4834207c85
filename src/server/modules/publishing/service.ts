/*
 * The publishing services, by what they do: writing posts (posts.ts), a variant's workflow
 * (variant-workflow.ts, with its statuses in variant-status.ts and its rules in policy.ts),
 * reading (queries.ts) and responses (presenters.ts). This file gathers them for the importers
 * outside the module.
 */
export {
  type MediaResolver,
  type PostRow,
  type PublishingDeps,
  requireVariant,
  unitOfPost,
  unitOfVariant,
  type VariantRow,
  type VariantStatus,
} from "./post-records.ts";
export { addVariant, createPost, type PostInput, updatePost, updateVariant } from "./posts.ts";
export { portalArticleUrl, variantView } from "./presenters.ts";
export { PUBLISH_JOB, type PublishJob } from "./publish-job.ts";
export {
  articleUrlOfVariant,
  type CalendarOptions,
  calendar,
  getPost,
  type ListPostsOptions,
  listPosts,
  listPostVersions,
  variantHistory,
} from "./queries.ts";
export { recordTransition } from "./variant-status.ts";
export {
  approveVariant,
  hasRequiredApprovals,
  markPublishedByHand,
  rejectVariant,
  scheduleVariant,
  submitVariant,
  unscheduleVariant,
  variantProblems,
} from "./variant-workflow.ts";
