import type { ChannelPlatform } from "../../channels/index.ts";
import { hashDistance } from "../matching/image-hash.ts";
import { type DomainInfo, embedsDomain } from "./domains.ts";
import { differentPlaces, type Place } from "./place-names.ts";
import type { IndexedChannel, NameKey } from "./registry-index.ts";
import type { ImpersonationReason } from "./score.ts";
import { containsWords, editDistanceWithin, editSimilarity, tokenSimilarity } from "./similarity.ts";

/*
 * The signals one page gives against one registered channel, each a reason with a weight in 0–1, and
 * their combination: score = 1 − Π(1 − weight), so each reason adds to the score without any one of
 * them reaching 1 alone and the order does not matter. Weights are highest where an honest page rarely
 * goes (an official domain worn in front of another, the very name or handle) and lower where
 * coincidence is common (a similar name, a shared platform):
 *   name_same 0.85, name_contains 0.7, name_similar up to 0.8 (from similarity 0.7 to 1),
 *   name_disguised 0.5 (look-alike characters in a name that resembles), handle_same 0.8,
 *   handle_contains 0.6, handle_close 0.6/0.5 (one/two edits), handle_matches_name 0.5,
 *   handle_disguised 0.4 (leet or look-alike characters in a handle that resembles),
 *   domain_imitates 0.9, domain_similar 0.7/0.55, avatar_similar up to 0.6, same_platform 0.1
 *   (only with another reason). different_place keeps a tenth of the name and handle-likeness
 *   reasons; same_domain (a page under the channel's own registrable domain) keeps a third of all.
 */

/** What scoring needs of the page, computed once. */
export interface PageKeys {
  name: NameKey;
  /** The name as plain folding sees it; differs from name.key when look-alike characters were used. */
  plainName: string;
  handleKey: string;
  plainHandle: string;
  places: Place[];
  domain: DomainInfo | null;
  platform: ChannelPlatform | null;
  avatarPhash: string | null;
}

export interface PairScore {
  score: number;
  /** The score before a different place or the channel's own domain lowered it. */
  raw: number;
  reasons: ImpersonationReason[];
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function combine(weights: number[]): number {
  return 1 - weights.reduce((rest, weight) => rest * (1 - Math.max(0, Math.min(0.99, weight))), 1);
}

function nameReason(page: PageKeys, channel: IndexedChannel): ImpersonationReason | null {
  let best: ImpersonationReason | null = null;
  channel.names.forEach((name: NameKey, position) => {
    const whose = position === 0 ? "tên kênh" : "tên đơn vị";
    let reason: ImpersonationReason | null = null;
    if (page.name.key === name.key) {
      reason = { code: "name_same", weight: 0.85, detail: `${whose}: "${name.key}"` };
    } else if (name.tokens.length >= 2 && containsWords(page.name.key, name.key)) {
      reason = { code: "name_contains", weight: 0.7, detail: `"${page.name.key}" ⊃ ${whose} "${name.key}"` };
    } else {
      const similarity = Math.max(
        editSimilarity(page.name.compact, name.compact, 0.7),
        tokenSimilarity(page.name.tokens, name.tokens),
      );
      if (similarity > 0.7) {
        reason = {
          code: "name_similar",
          weight: round((0.8 * (similarity - 0.7)) / 0.3),
          detail: `${whose} "${name.key}" ~ "${page.name.key}" (${similarity.toFixed(2)})`,
        };
      }
    }
    if (reason && (!best || reason.weight > best.weight)) {
      best = reason;
    }
  });
  return best;
}

function handleReasons(page: PageKeys, channel: IndexedChannel): ImpersonationReason[] {
  const reasons: ImpersonationReason[] = [];
  const mine = page.handleKey;
  const theirs = channel.handleKey;
  // Two websites are compared by their domains instead.
  const bothWebsites = page.domain !== null && channel.domain !== null;
  if (mine.length >= 4 && theirs.length >= 4 && !bothWebsites) {
    const shorter = Math.min(mine.length, theirs.length);
    const distance = editDistanceWithin(mine, theirs, 2);
    if (distance === 0) {
      reasons.push({ code: "handle_same", weight: 0.8, detail: `"${theirs}"` });
    } else if (shorter >= 6 && (mine.includes(theirs) || theirs.includes(mine))) {
      reasons.push({ code: "handle_contains", weight: 0.6, detail: `"${mine}" / "${theirs}"` });
    } else if (shorter >= 6 && distance <= 2) {
      reasons.push({
        code: "handle_close",
        weight: distance === 1 ? 0.6 : 0.5,
        detail: `"${mine}" / "${theirs}" (${distance})`,
      });
    }
  }
  if (mine.length >= 8 && !reasons.length) {
    const name = channel.names.find(
      (entry) =>
        entry.compact.length >= 8 &&
        (mine.includes(entry.compact) || editDistanceWithin(mine, entry.compact, 1) <= 1),
    );
    if (name) {
      reasons.push({ code: "handle_matches_name", weight: 0.5, detail: `"${mine}" ~ "${name.key}"` });
    }
  }
  if (reasons.length && page.plainHandle !== mine && page.plainHandle.replace(/[^a-z0-9]/g, "") !== mine) {
    reasons.push({ code: "handle_disguised", weight: 0.4, detail: `"${page.plainHandle}" → "${mine}"` });
  }
  return reasons;
}

function domainReason(page: PageKeys, channel: IndexedChannel): ImpersonationReason | null {
  const official = channel.domain;
  const mine = page.domain;
  if (!official || !mine || mine.registrable === official.registrable) {
    return null;
  }
  if (embedsDomain(mine.host, official.host) || embedsDomain(mine.host, official.registrable)) {
    return {
      code: "domain_imitates",
      weight: 0.9,
      detail: `${mine.host} (${mine.registrable}) ⊃ ${official.registrable}`,
    };
  }
  if (official.label.length < 4) {
    return null;
  }
  if (mine.label === official.label) {
    return { code: "domain_similar", weight: 0.7, detail: `${mine.registrable} / ${official.registrable}` };
  }
  const shorter = Math.min(mine.label.length, official.label.length);
  if (
    shorter >= 5 &&
    (mine.label.includes(official.label) ||
      (shorter >= 6 && editDistanceWithin(mine.label, official.label, 2) <= 2))
  ) {
    return { code: "domain_similar", weight: 0.55, detail: `${mine.registrable} / ${official.registrable}` };
  }
  return null;
}

function avatarReason(page: PageKeys, channel: IndexedChannel): ImpersonationReason | null {
  if (!page.avatarPhash || !channel.avatarPhash) {
    return null;
  }
  const distance = hashDistance(page.avatarPhash, channel.avatarPhash);
  return distance <= 10
    ? { code: "avatar_similar", weight: round(0.6 * (1 - distance / 16)), detail: `${distance}/64` }
    : null;
}

/** Damped by a different place: likeness of name and handle, never an imitated domain or avatar. */
const placeSensitive = new Set([
  "name_same",
  "name_contains",
  "name_similar",
  "name_disguised",
  "handle_contains",
  "handle_close",
  "handle_matches_name",
  "handle_disguised",
]);

/** How much the page looks like this registered channel, with its reasons. */
export function scorePair(page: PageKeys, channel: IndexedChannel): PairScore {
  const reasons: ImpersonationReason[] = [];
  const name = nameReason(page, channel);
  if (name) {
    reasons.push(name);
    if (page.plainName !== page.name.key) {
      reasons.push({
        code: "name_disguised",
        weight: 0.5,
        detail: `"${page.plainName}" → "${page.name.key}"`,
      });
    }
  }
  reasons.push(...handleReasons(page, channel));
  for (const reason of [domainReason(page, channel), avatarReason(page, channel)]) {
    if (reason) {
      reasons.push(reason);
    }
  }
  if (reasons.length && page.platform && page.platform === channel.platform) {
    reasons.push({ code: "same_platform", weight: 0.1, detail: channel.platform });
  }
  const raw = combine(reasons.map((reason) => reason.weight));
  const places = differentPlaces(page.places, channel.places);
  let adjusted = reasons;
  if (places && reasons.some((reason) => placeSensitive.has(reason.code))) {
    adjusted = reasons.map((reason) =>
      placeSensitive.has(reason.code) ? { ...reason, weight: round(reason.weight / 10) } : reason,
    );
  }
  let score = combine(adjusted.map((reason) => reason.weight));
  if (places) {
    adjusted.push({
      code: "different_place",
      weight: round(score - raw),
      detail: `${places.candidate} ≠ ${places.registered}`,
    });
  }
  if (page.domain && channel.domain && page.domain.registrable === channel.domain.registrable) {
    const before = score;
    score /= 3;
    adjusted.push({ code: "same_domain", weight: round(score - before), detail: page.domain.registrable });
  }
  return { score: round(score), raw: round(raw), reasons: adjusted };
}
