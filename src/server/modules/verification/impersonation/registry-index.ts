import type { Executor } from "../../../db/client.ts";
import { activeRegistrySnapshot, type ChannelPlatform, registryGeneration } from "../../channels/index.ts";
import { compactKey, confusableKey } from "./confusables.ts";
import { type DomainInfo, domainOf } from "./domains.ts";
import { type Gazetteer, loadGazetteer, type Place, placesOf } from "./place-names.ts";
import { trigrams } from "./similarity.ts";

/*
 * The registry of official channels, held in memory with everything scoring needs computed once
 * (folded keys, place names, handle keys, domains) and an inverted index from words and trigrams to
 * channels, so one page is scored against a short list instead of all 10,000 channels.
 *
 * Freshness: rebuilt at once after a registry change made by this process (channels' registryGeneration);
 * changes made by another instance are picked up within 30 s, the index being rebuilt in the
 * background while the previous one keeps answering. The "is this a registered channel?" check reads
 * it too, so a channel registered on another instance is seen within the same 30 s as the public
 * lookup's own answer cache; no query runs per scored page.
 */

export interface NameKey {
  key: string;
  tokens: string[];
  compact: string;
}

export interface IndexedChannel {
  id: string;
  platform: ChannelPlatform;
  key: string;
  url: string;
  displayName: string;
  unitName: string;
  handle: string | null;
  /** The display name's key, then the unit name's (when it differs). */
  names: NameKey[];
  /** Handle (or, for a website, its domain label) as one run of letters and digits; "" when none. */
  handleKey: string;
  places: Place[];
  domain: DomainInfo | null;
  /** Perceptual hash of the avatar; the registry stores none yet (see the report), so always null. */
  avatarPhash: string | null;
}

export interface RegistryIndex {
  channels: IndexedChannel[];
  byId: Map<string, IndexedChannel>;
  byKey: Map<string, IndexedChannel>;
  postings: Map<string, number[]>;
  /** Websites by host and by registrable domain, to find an official domain worn inside another host. */
  websites: Map<string, number[]>;
  gazetteer: Gazetteer;
}

const ttlMs = 30_000;

function nameKey(text: string): NameKey {
  const key = confusableKey(text);
  return { key, tokens: key ? key.split(" ") : [], compact: key.replace(/ /g, "") };
}

/** The features a channel (or a scored page) is found by: words, name trigrams, handle trigrams. */
export function featuresOf(names: NameKey[], handleKey: string): Set<string> {
  const features = new Set<string>();
  for (const name of names) {
    for (const token of name.tokens) {
      features.add(`w:${token}`);
    }
    for (const gram of trigrams(name.compact)) {
      features.add(`n:${gram}`);
    }
  }
  if (handleKey) {
    for (const gram of trigrams(handleKey)) {
      features.add(`h:${gram}`);
      // A handle is often the name run together ("congantinhdongthap"): let it meet name trigrams too.
      features.add(`n:${gram}`);
    }
  }
  return features;
}

export function indexEntry(
  gazetteer: Gazetteer,
  row: {
    id: string;
    platform: ChannelPlatform;
    key: string;
    url: string;
    displayName: string;
    unitName: string;
    handle: string | null;
  },
): IndexedChannel {
  const names = [nameKey(row.displayName)];
  const unitName = nameKey(row.unitName);
  if (unitName.key && unitName.key !== names[0]?.key) {
    names.push(unitName);
  }
  const domain = row.platform === "website" ? domainOf(row.url) : null;
  const places = new Map<string, Place>();
  for (const place of [...placesOf(gazetteer, row.displayName), ...placesOf(gazetteer, row.unitName)]) {
    places.set(place.name, place);
  }
  return {
    ...row,
    names,
    handleKey: row.handle ? compactKey(row.handle) : (domain?.label ?? ""),
    places: [...places.values()],
    domain,
    avatarPhash: null,
  };
}

async function buildIndex(db: Executor): Promise<RegistryIndex> {
  const [gazetteer, rows] = await Promise.all([loadGazetteer(), activeRegistrySnapshot(db)]);
  const channels = rows.map((row) => indexEntry(gazetteer, row));
  const postings = new Map<string, number[]>();
  channels.forEach((channel, ordinal) => {
    for (const feature of featuresOf(channel.names, channel.handleKey)) {
      let list = postings.get(feature);
      if (!list) {
        list = [];
        postings.set(feature, list);
      }
      list.push(ordinal);
    }
  });
  const websites = new Map<string, number[]>();
  channels.forEach((channel, ordinal) => {
    for (const name of new Set([channel.domain?.host, channel.domain?.registrable])) {
      if (name) {
        const list = websites.get(name);
        if (list) {
          list.push(ordinal);
        } else {
          websites.set(name, [ordinal]);
        }
      }
    }
  });
  return {
    channels,
    byId: new Map(channels.map((channel) => [channel.id, channel])),
    byKey: new Map(channels.map((channel) => [channel.key, channel])),
    postings,
    websites,
    gazetteer,
  };
}

interface Held {
  index: RegistryIndex | null;
  generation: number;
  builtAt: number;
  building: Promise<RegistryIndex> | null;
}

const held = new WeakMap<object, Held>();

function rebuild(db: Executor, state: Held): Promise<RegistryIndex> {
  if (state.building) {
    return state.building;
  }
  const generation = registryGeneration(db);
  const building = buildIndex(db)
    .then((index) => {
      state.index = index;
      state.generation = generation;
      state.builtAt = Date.now();
      return index;
    })
    .finally(() => {
      state.building = null;
    });
  state.building = building;
  return building;
}

/** The in-memory registry index of this database, (re)built when stale. */
export async function registryIndex(db: Executor): Promise<RegistryIndex> {
  let state = held.get(db);
  if (!state) {
    state = { index: null, generation: -1, builtAt: 0, building: null };
    held.set(db, state);
  }
  if (!state.index || state.generation !== registryGeneration(db)) {
    // A change made here must be seen by the next score: wait for the rebuild (after the one under way).
    const pending = state.building;
    if (pending) {
      await pending.catch(() => undefined);
    }
    if (!state.index || state.generation !== registryGeneration(db)) {
      return rebuild(db, state);
    }
    return state.index;
  }
  if (Date.now() - state.builtAt > ttlMs) {
    void rebuild(db, state).catch(() => undefined);
  }
  return state.index;
}

/** Ordinals of channels sharing the most (and rarest) features with the page, best first. */
export function shortlist(index: RegistryIndex, features: Set<string>, limit: number): number[] {
  const total = index.channels.length;
  if (total === 0) {
    return [];
  }
  // Features shared by more than a fifth of the registry ("cong", "an", "xa") only cost time; they are
  // used only when the page has nothing rarer.
  const commonLimit = Math.max(50, total / 5);
  const lists: { list: number[]; weight: number }[] = [];
  const common: { list: number[]; weight: number }[] = [];
  for (const feature of features) {
    const list = index.postings.get(feature);
    if (!list) {
      continue;
    }
    const weight = Math.log(1 + total / list.length) * (feature.startsWith("w:") ? 2 : 1);
    (list.length > commonLimit ? common : lists).push({ list, weight });
  }
  const scores = new Float64Array(total);
  const touched: number[] = [];
  for (const { list, weight } of lists.length > 0 ? lists : common) {
    for (const ordinal of list) {
      if (scores[ordinal] === 0) {
        touched.push(ordinal);
      }
      scores[ordinal] = (scores[ordinal] ?? 0) + weight;
    }
  }
  // The best `limit` without sorting every touched channel (thousands when the page shares common words).
  const best: number[] = [];
  let floor = 0;
  for (const ordinal of touched) {
    const score = scores[ordinal] ?? 0;
    if (best.length >= limit && score <= floor) {
      continue;
    }
    let at = best.length;
    while (at > 0 && (scores[best[at - 1] ?? 0] ?? 0) < score) {
      at--;
    }
    best.splice(at, 0, ordinal);
    if (best.length > limit) {
      best.pop();
    }
    floor = scores[best[best.length - 1] ?? 0] ?? 0;
  }
  return best;
}

/** Websites whose host or registrable domain appears as whole labels inside `host` (a few per page at most). */
export function websitesWithin(index: RegistryIndex, host: string, limit: number): number[] {
  const labels = host.split(".");
  const found: number[] = [];
  for (let start = 0; start < labels.length - 1; start++) {
    for (let end = start + 2; end <= labels.length; end++) {
      for (const ordinal of index.websites.get(labels.slice(start, end).join(".")) ?? []) {
        if (found.length < limit && !found.includes(ordinal)) {
          found.push(ordinal);
        }
      }
    }
  }
  return found;
}
