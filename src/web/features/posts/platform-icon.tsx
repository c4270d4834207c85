import type { CalendarItem } from "../../backend/types.ts";

/**
 * A small mark of the platform a variant goes to (Tabler-style strokes, drawn here rather than a
 * brand kit so the bundle stays small): enough to tell a Facebook post from a Zalo one at a glance
 * in a crowded calendar day. Decorative: the entry's name says the platform in words.
 */
export function PlatformIcon({ target, size = 12 }: { target: CalendarItem["target"]; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      style={{ flex: "none", verticalAlign: "-1px" }}
      data-platform={target}
    >
      {target === "facebook_page" && (
        <path d="M7 10v4h3v7h4v-7h3l1-4h-4V8a1 1 0 0 1 1-1h3V3h-3a5 5 0 0 0-5 5v2H7" />
      )}
      {target === "zalo_oa" && (
        <>
          <path d="M3 20l1.3-3.9A9 8 0 1 1 7.7 19L3 20" />
          <path d="M8 9h5l-5 6h5" />
        </>
      )}
      {target === "youtube" && (
        <>
          <rect x="3" y="5" width="18" height="14" rx="4" />
          <path d="M10 9l5 3-5 3z" />
        </>
      )}
      {target === "tiktok" && <path d="M21 7.9a5 5 0 0 1-5-5V16a5 5 0 1 1-5-5v4a1 1 0 1 0 1 1V3h4" />}
      {target === "portal" && (
        <>
          <circle cx="12" cy="12" r="9" />
          <path d="M3.6 9h16.8M3.6 15h16.8M11.5 3a17 17 0 0 0 0 18M12.5 3a17 17 0 0 1 0 18" />
        </>
      )}
    </svg>
  );
}
