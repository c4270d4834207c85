import type { deviceClassValues, hitKindValues } from "../../db/schema/index.ts";

/*
 * What a hit's own request headers say about it, kept coarse on purpose: the kind of fetcher, the class
 * of device and the referring site's domain. The user agent itself is never stored.
 */

export type HitKind = (typeof hitKindValues)[number];
export type DeviceClass = (typeof deviceClassValues)[number];

/**
 * Link-preview fetchers of messengers and social networks: they fetch a link when it is pasted or
 * posted, before anyone clicks.
 */
const previewPatterns = [
  /facebookexternalhit/i,
  /facebookcatalog/i,
  /\bFacebot\b/i,
  /meta-externalagent/i,
  /TelegramBot/i,
  /Twitterbot/i,
  /Slackbot/i,
  /Discordbot/i,
  /WhatsApp\//i,
  /LinkedInBot/i,
  /SkypeUriPreview/i,
  /LineBot|line-poker/i,
  /Pinterestbot/i,
  /redditbot/i,
  /Embedly/i,
  /iframely/i,
  /vkShare/i,
  /Google-PageRenderer/i,
  /Applebot/i,
  /Mattermost/i,
  /MicrosoftPreview/i,
  /Snapchat/i,
];

/** A phone's or computer's own browser, possibly inside an app (Zalo's and Viber's in-app browsers say so). */
const personalBrowser = /iPhone|iPad|Android|Mobile|Windows NT|Macintosh|CrOS|X11/i;

/**
 * Zalo and Viber fetch a pasted link's preview with an agent naming the app but no device; their
 * in-app browsers name the app and the phone.
 */
function isMessengerPreview(userAgent: string): boolean {
  return /Zalo|Viber/i.test(userAgent) && !personalBrowser.test(userAgent);
}

/** Crawlers, monitors and scripts: counted apart from people. */
const botPatterns = [
  /bot\b|bot\/|crawler|spider|crawl|slurp|archiver|scanner|monitor|checker|preview/i,
  /^curl\//i,
  /^Wget\//i,
  /python-requests|python-urllib|aiohttp|httpx/i,
  /^Go-http-client/i,
  /^okhttp/i,
  /^Java\//i,
  /^axios\//i,
  /node-fetch|undici|^got\b/i,
  /libwww-perl|^PHP|Guzzle/i,
  /HeadlessChrome/i,
  /PhantomJS|Lighthouse|PageSpeed|GTmetrix|Pingdom|UptimeRobot|StatusCake/i,
  /coccoc(bot|Bot)|Bingbot|Googlebot|YandexBot|Baiduspider|DuckDuckBot|AhrefsBot|SemrushBot|MJ12bot|PetalBot|Bytespider|GPTBot|ClaudeBot|CCBot/i,
];

/** Whether a hit was a person, a link-preview fetch or another robot; a missing agent is a robot. */
export function hitKindOf(userAgent: string | undefined): HitKind {
  if (!userAgent || userAgent.length < 8) {
    return "bot";
  }
  if (previewPatterns.some((pattern) => pattern.test(userAgent)) || isMessengerPreview(userAgent)) {
    return "preview";
  }
  if (botPatterns.some((pattern) => pattern.test(userAgent))) {
    return "bot";
  }
  return "click";
}

/** Phone, tablet or computer, from the agent; `other` when it does not say. */
export function deviceClassOf(userAgent: string | undefined): DeviceClass {
  if (!userAgent) {
    return "other";
  }
  if (/iPad|Tablet|Nexus (7|9|10)|SM-T\d|Kindle|Silk\//i.test(userAgent)) {
    return "tablet";
  }
  if (/Android/i.test(userAgent) && !/Mobile/i.test(userAgent)) {
    return "tablet";
  }
  if (/Mobi|iPhone|iPod|Android|Windows Phone|KaiOS|Opera Mini|BlackBerry/i.test(userAgent)) {
    return "mobile";
  }
  if (/Windows NT|Macintosh|X11|Linux x86_64|CrOS/i.test(userAgent)) {
    return "desktop";
  }
  return "other";
}

/** The referring site's domain without `www.`, or null (no referrer, or not an http address). */
export function referrerDomainOf(referrer: string | undefined): string | null {
  if (!referrer || referrer.length > 2000) {
    return null;
  }
  try {
    const url = new URL(referrer);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return null;
    }
    return url.hostname.toLowerCase().replace(/^(www|m|mobile|l|lm)\./, "") || null;
  } catch {
    return null;
  }
}
