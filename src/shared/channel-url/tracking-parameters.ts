/** Query parameters that only track where a click came from; never part of a channel's identity. */
const trackingParameters = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "li_fat_id",
  "mc_cid",
  "mc_eid",
  "igshid",
  "igsh",
  "mibextid",
  "ref",
  "refsrc",
  "ref_src",
  "ref_url",
  "fref",
  "hc_ref",
  "hc_location",
  "rdid",
  "sfnsn",
  "wtsid",
  "extid",
  "paipv",
  "_rdc",
  "_rdr",
  "si",
  "feature",
  "is_from_webapp",
  "sender_device",
  "is_copy_url",
  "_t",
  "_r",
  "_gl",
  "_ga",
  "_hsenc",
  "_hsmi",
  "zarsrc",
]);
const trackingPrefixes = ["utm_", "__tn__", "__cft__", "__xts__", "__eep__", "_hs"];

/** Whether a query parameter only tracks where a click came from (fbclid, utm_…, si, …). */
export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return trackingParameters.has(lower) || trackingPrefixes.some((prefix) => lower.startsWith(prefix));
}
