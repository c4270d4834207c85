import { parse } from "tldts";
import { compactKey } from "./confusables.ts";

/*
 * Websites are compared by registrable domain (the part a person buys: tin-tuc.com, tuyenquang.gov.vn),
 * as blocklists such as ChongLuaDao match them. "tuyenquang.gov.vn.tin-tuc.com" is a page of
 * tin-tuc.com that wears the official domain as a costume in front of it.
 */

export interface DomainInfo {
  /** Host without "www.", lower case. */
  host: string;
  /** Registrable domain (tuyenquang.gov.vn; tin-tuc.com), or the host when it has none (an IP, localhost). */
  registrable: string;
  /** The registrable domain without its public suffix, compacted ("tuyenquang", "tintuc"). */
  label: string;
}

/** The domain parts of a web address, or null when it has no usable host. */
export function domainOf(url: string): DomainInfo | null {
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) ? url.trim() : `https://${url.trim()}`)
      .hostname;
  } catch {
    return null;
  }
  host = host
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");
  if (!host) {
    return null;
  }
  const parsed = parse(host);
  const registrable = parsed.domain ?? host;
  return { host, registrable, label: compactKey(parsed.domainWithoutSuffix ?? host) };
}

/** True when `host` carries `official` as whole labels somewhere before its own registrable domain. */
export function embedsDomain(host: string, official: string): boolean {
  return host !== official && !host.endsWith(`.${official}`) && `.${host}.`.includes(`.${official}.`);
}
