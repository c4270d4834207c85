import type { Executor } from "../../../db/client.ts";
import { articleUrlOfVariant } from "../service.ts";
import { facebookConnector } from "./facebook.ts";
import { portalConnector } from "./portal.ts";
import type { PublishingConnector, VariantTarget } from "./types.ts";
import { youtubeConnector } from "./youtube.ts";
import { zaloConnector } from "./zalo.ts";

/** Every platform the scheduler can publish to, by variant target. */
export function publishingConnectors(
  db: Executor,
  publicUrl: string,
): Map<VariantTarget, PublishingConnector> {
  const connectors: PublishingConnector[] = [
    portalConnector((variantId) => articleUrlOfVariant(db, publicUrl, variantId)),
    facebookConnector,
    zaloConnector,
    youtubeConnector,
  ];
  return new Map(connectors.map((connector) => [connector.target, connector]));
}
