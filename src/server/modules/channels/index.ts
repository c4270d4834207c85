/**
 * The channels module's public surface: the only file of it that code outside the module imports.
 */
// Tells the audit page how to name this module's records.
import "./audit-subjects.ts";

export type { ChannelPlatform } from "./canonical-url.ts";
export { type ConnectableChannel, channelsWithin, connectableChannels } from "./connectable.ts";
export {
  type ConfirmImpersonationInput,
  confirmImpersonation,
  dropLookupAnswers,
  liftImpersonation,
} from "./impersonations.ts";
export { registryGeneration } from "./lookup-cache.ts";
export { channelsModule } from "./module.ts";
export { renderImpersonationReportPage, renderProblemPage as renderPublicProblemPage } from "./pages.ts";
export { lookupChannel, officialChannelsOfUnit, unitsWithActiveWebsite } from "./public-service.ts";
export { channelNames, listChannels } from "./queries.ts";
export { activeRegistrySnapshot, type RegistrySnapshotEntry } from "./registry-snapshot.ts";
export type {
  channelHistoryEntry,
  channelImportPreviewResponse,
  channelImportResultResponse,
  channelPlatformSchema,
  channelSchema,
  channelStatusSchema,
  channelWithHistory,
  registerChannelBody,
  updateChannelBody,
} from "./schema.ts";
export {
  activeWebsiteOf,
  canonicalOrThrow,
  getChannel,
  getChannelHistory,
  keysOfAddress,
  officialChannelOfAddress,
  type RegisterChannelOptions,
  registerChannel,
  unitOfChannel,
  updateChannel,
} from "./service.ts";
