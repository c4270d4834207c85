// Starts, while the app's own scripts are still on their way, the requests its first screen waits
// for: who is signed in. On a slow phone network this saves a round trip; the app picks the answers up once (backend/early-requests.ts).
(() => {
  const options = { credentials: "same-origin", headers: { accept: "application/json" } };
  const early = { session: fetch("/api/auth/session", options).catch(() => null) };
  window.__caunoiEarly = early;
})();
