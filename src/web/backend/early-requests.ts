/** The requests public/early-requests.js starts before the app loads, by name. */
type EarlyName = "session";

declare global {
  interface Window {
    __caunoiEarly?: Partial<Record<EarlyName, Promise<Response | null>>>;
  }
}

/**
 * The answer to a request started early by the page itself, used once: the parsed body when it
 * succeeded, undefined otherwise (not started, already used, failed), and the caller asks again.
 */
export async function takeEarly<T>(name: EarlyName): Promise<T | undefined> {
  const pending = window.__caunoiEarly?.[name];
  if (!pending) {
    return undefined;
  }
  delete window.__caunoiEarly?.[name];
  try {
    const response = await pending;
    return response?.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}
