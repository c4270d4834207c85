import { slugOf } from "../../../shared/vietnamese-text.ts";

/*
 * Topic addresses a person can read and type: /chu-de/canh-bao-lua-dao rather than the tag's
 * Vietnamese letters percent-encoded. Tags stay as editors typed them; the address is made from the tag.
 */

/** The address segment of a topic: "cảnh báo lừa đảo" → "canh-bao-lua-dao". */
export function topicSlug(tag: string): string {
  return slugOf(tag, 60) || "chu-de";
}

/**
 * The tags a topic address stands for, most used first: two spellings of one topic ("lừa đảo",
 * "lua dao") share an address and a page.
 */
export function tagsOfTopic(topics: readonly { tag: string }[], slug: string): string[] {
  return topics.filter((topic) => topicSlug(topic.tag) === slug).map((topic) => topic.tag);
}
