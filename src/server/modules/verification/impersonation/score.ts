import { canonicalChannelKey } from "../../../../shared/channel-url.ts";
import type { Executor } from "../../../db/client.ts";
import { type ChannelPlatform, keysOfAddress } from "../../channels/index.ts";
import { compactKey, confusableKey, plainKey } from "./confusables.ts";
import { domainOf } from "./domains.ts";
import { placesOf } from "./place-names.ts";
import {
  featuresOf,
  type IndexedChannel,
  registryIndex,
  shortlist,
  websitesWithin,
} from "./registry-index.ts";
import { scoreErrors } from "./score-errors.ts";
import { type PageKeys, scorePair } from "./signals.ts";
import { trigrams } from "./similarity.ts";

export interface ImpersonationInput {
  url: string;
  displayName: string;
  handle?: string | null;
  /** The page's avatar or a screenshot of it, when given. */
  avatarPhash?: string | null;
}

export interface ImpersonationReason {
  code: string;
  weight: number;
  detail?: string;
}

/** The registered channel a page resembles, as the desk shows it. */
export interface ResembledChannel {
  id: string;
  displayName: string;
  url: string;
  platform: ChannelPlatform;
  unitName: string;
}

export interface ImpersonationScore {
  /** 0–1: how much the page looks like a registered channel. Never a verdict. */
  score: number;
  reasons: ImpersonationReason[];
  /** The registered channel it most resembles. */
  channelId?: string;
  /** That channel, for display. */
  channel?: ResembledChannel;
  /** The page is itself a registered channel (never a candidate). */
  registered?: boolean;
}

/** How many registry channels sharing the most with the page are scored in full. */
const shortlistSize = 48;

function resembled(channel: IndexedChannel): ResembledChannel {
  return {
    id: channel.id,
    displayName: channel.displayName,
    url: channel.url,
    platform: channel.platform,
    unitName: channel.unitName,
  };
}

/**
 * Scores a page against the registry of official channels: a registered channel (or a page of one) is
 * never a candidate; otherwise the registered channel it most resembles, with the reasons. A score for
 * a person to weigh, never a verdict.
 */
export async function scoreImpersonation(
  db: Executor,
  input: ImpersonationInput,
): Promise<ImpersonationScore> {
  const canonical = canonicalChannelKey(input.url);
  // A share link or a post is still a page to compare; only what is not a web link at all is refused.
  if (!canonical.ok && canonical.code === "url.invalid") {
    throw scoreErrors.linkInvalid({ refusal: canonical.messages });
  }
  const index = await registryIndex(db);
  // Read from the in-memory registry (as fresh as the public lookup's own cache), not the database.
  const address = /^https?:\/\//i.test(input.url.trim()) ? input.url.trim() : `https://${input.url.trim()}`;
  const own = keysOfAddress(address)
    .map((key) => index.byKey.get(key))
    .find((channel) => channel !== undefined);
  if (own) {
    return {
      score: 0,
      reasons: [{ code: "registered", weight: 0, detail: own.url }],
      channelId: own.id,
      channel: resembled(own),
      registered: true,
    };
  }
  const platform = canonical.ok ? canonical.channel.platform : null;
  const domain = platform === "website" ? domainOf(input.url) : null;
  const handle = input.handle?.trim() || (canonical.ok ? canonical.channel.handle : null) || "";
  const nameKey = confusableKey(input.displayName);
  const page: PageKeys = {
    name: { key: nameKey, tokens: nameKey ? nameKey.split(" ") : [], compact: nameKey.replace(/ /g, "") },
    plainName: plainKey(input.displayName),
    handleKey: handle ? compactKey(handle) : (domain?.label ?? ""),
    plainHandle: handle ? plainKey(handle).replace(/ /g, "") : (domain?.label ?? ""),
    places: placesOf(index.gazetteer, input.displayName),
    domain,
    platform,
    avatarPhash: input.avatarPhash ?? null,
  };
  const features = featuresOf([page.name], page.handleKey);
  if (domain) {
    // A domain that wears an official host ("tuyenquang.gov.vn.tin-tuc.com") is found by its labels.
    for (const label of domain.host.split(".")) {
      for (const gram of trigrams(compactKey(label))) {
        features.add(`h:${gram}`);
      }
    }
  }
  let best: { channel: IndexedChannel; score: number; raw: number; reasons: ImpersonationReason[] } | null =
    null;
  const worn = domain ? websitesWithin(index, domain.host, 8) : [];
  for (const ordinal of new Set([...worn, ...shortlist(index, features, shortlistSize)])) {
    const channel = index.channels[ordinal];
    if (!channel) {
      continue;
    }
    const pair = scorePair(page, channel);
    if (!best || pair.score > best.score || (pair.score === best.score && pair.raw > best.raw)) {
      best = { channel, ...pair };
    }
  }
  if (!best || best.reasons.length === 0) {
    return { score: 0, reasons: [] };
  }
  return {
    score: best.score,
    reasons: best.reasons.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)),
    channelId: best.channel.id,
    channel: resembled(best.channel),
  };
}
