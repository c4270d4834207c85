// Starts, while the app's own scripts are still on their way, the requests its first screen waits
// for: who is signed in and, on the share feed, the feed itself. On a slow phone network this
// saves a round trip or two; the app picks the answers up once (backend/early-requests.ts).
(() => {
  const options = { credentials: "same-origin", headers: { accept: "application/json" } };
  const early = { session: fetch("/api/auth/session", options).catch(() => null) };
  if (window.location.pathname === "/share") {
    early.shareFeed = fetch("/api/me/share-feed?page=1&pageSize=5", options).catch(() => null);
  }
  window.__caunoiEarly = early;
})();
