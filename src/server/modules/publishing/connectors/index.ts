import type { Executor } from "../../../db/client.ts";
import { articleUrlOfVariant } from "../queries.ts";
import { createFacebookConnector } from "./facebook.ts";
import { portalConnector } from "./portal.ts";
import { mediaPreparer, type RenditionOptions } from "./renditions.ts";
import type { PublishingConnector, VariantTarget } from "./types.ts";
import { youtubeConnector } from "./youtube.ts";
import { createZaloConnector } from "./zalo.ts";

/** Every platform the scheduler can publish to, by variant target. */
export function publishingConnectors(
  db: Executor,
  publicUrl: string,
  renditions?: Omit<RenditionOptions, "publicUrl">,
): Map<VariantTarget, PublishingConnector> {
  const prepareMedia = renditions ? mediaPreparer({ ...renditions, publicUrl }) : undefined;
  const connectors: PublishingConnector[] = [
    portalConnector((variantId) => articleUrlOfVariant(db, publicUrl, variantId)),
    createFacebookConnector({ prepareMedia }),
    createZaloConnector({ prepareMedia }),
    youtubeConnector,
  ];
  return new Map(connectors.map((connector) => [connector.target, connector]));
}
