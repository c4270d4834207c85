import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { currentCsrfToken } from "../../../backend/client.ts";
import { api, type ResponseOf } from "../../../backend/typed-client.ts";

export type ConversationList = ResponseOf<"GET", "/api/inbox/conversations">;
export type ConversationListRow = ConversationList["items"][number];
export type ConversationDetail = ResponseOf<"GET", "/api/inbox/conversations/:id">;
export type InboxMessage = ConversationDetail["messages"][number];
export type Viewer = { id: string; fullName: string };

/** Every list of conversations, whatever its filters, shares this prefix so one event refreshes them all. */
export const inboxListKey = ["inbox", "conversations"] as const;
export const conversationKey = (id: string) => ["inbox", "conversation", id] as const;
const presenceKey = (id: string) => ["inbox", "presence", id] as const;

/*
 * One EventSource for the whole app, shared by whichever inbox pages are mounted: going from the list
 * to a conversation must not drop the feed (events in between would be missed). It closes a little
 * after the last page leaves, and after any reconnection the lists are read again, since events sent
 * while it was down are not replayed.
 */
let source: EventSource | null = null;
let live = false;
let users = 0;
let closeTimer: ReturnType<typeof setTimeout> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = 2_000;
let queryClient: QueryClient | null = null;
const liveListeners = new Set<() => void>();

function setLive(next: boolean): void {
  if (live !== next) {
    live = next;
    for (const listener of liveListeners) {
      listener();
    }
  }
}

/** Reads the lists and the conversation again; an erased one then answers 404 and the page says so. */
function refreshConversation(client: QueryClient, id: string): void {
  void client.invalidateQueries({ queryKey: inboxListKey });
  void client.invalidateQueries({ queryKey: conversationKey(id) });
}

function open(): void {
  if (source || typeof EventSource === "undefined") {
    return;
  }
  const stream = new EventSource("/api/inbox/stream");
  source = stream;
  stream.onopen = () => {
    retryDelay = 2_000;
    setLive(true);
    // Whatever happened while the feed was down.
    if (queryClient) {
      void queryClient.invalidateQueries({ queryKey: ["inbox"] });
    }
  };
  stream.addEventListener("conversation", (event) => {
    const data = parse<{ id?: string }>((event as MessageEvent).data);
    if (queryClient && data?.id) {
      refreshConversation(queryClient, data.id);
    }
  });
  stream.addEventListener("presence", (event) => {
    const data = parse<{ conversationId?: string; viewers?: Viewer[] }>((event as MessageEvent).data);
    if (queryClient && data?.conversationId && Array.isArray(data.viewers)) {
      queryClient.setQueryData(presenceKey(data.conversationId), data.viewers);
    }
  });
  stream.onerror = () => {
    setLive(false);
    // The browser retries by itself unless the server refused outright; then try again, more slowly.
    if (stream.readyState === EventSource.CLOSED) {
      stream.close();
      source = null;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (users > 0) {
          open();
        }
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 60_000);
    }
  };
}

function parse<T>(text: unknown): T | null {
  try {
    return typeof text === "string" ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function close(): void {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  setLive(false);
}

/** Keeps the inbox's live feed open while the calling page is shown; returns whether it is connected. */
export function useInboxStream(): boolean {
  const client = useQueryClient();
  useEffect(() => {
    queryClient = client;
    users += 1;
    clearTimeout(closeTimer);
    open();
    return () => {
      users -= 1;
      if (users === 0) {
        closeTimer = setTimeout(close, 15_000);
      }
    };
  }, [client]);
  return useSyncExternalStore(
    (listener) => {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },
    () => live,
  );
}

/** How often the open conversation tells the server it is still being looked at. */
const presenceEveryMs = 20_000;

/**
 * Says "I am looking at this conversation" every 20 s while it is open and "no longer" on leaving;
 * returns the other people looking at it, from the server's answers and the live feed.
 */
export function usePresence(conversationId: string, myId: string): Viewer[] {
  const client = useQueryClient();
  // Filled by the server's answers and the live feed, never fetched by itself.
  const viewers = useQuery({
    queryKey: presenceKey(conversationId),
    queryFn: () => [] as Viewer[],
    enabled: false,
  });
  useEffect(() => {
    let stopped = false;
    const say = (viewing: boolean) =>
      api("POST", "/api/inbox/conversations/:id/presence", {
        params: { id: conversationId },
        body: { viewing },
      })
        .then((answer) => {
          if (!stopped || !viewing) {
            client.setQueryData(presenceKey(conversationId), answer.viewers);
          }
        })
        // Presence is a courtesy: a failed beat is simply tried again at the next one.
        .catch(() => {});
    void say(true);
    const timer = setInterval(() => void say(true), presenceEveryMs);
    // Closing the tab unmounts nothing: say goodbye with a request the browser finishes after the page.
    const leave = () => {
      void fetch(`/api/inbox/conversations/${encodeURIComponent(conversationId)}/presence`, {
        method: "POST",
        keepalive: true,
        credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrf-token": currentCsrfToken() ?? "" },
        body: JSON.stringify({ viewing: false }),
      }).catch(() => {});
    };
    window.addEventListener("pagehide", leave);
    return () => {
      stopped = true;
      window.removeEventListener("pagehide", leave);
      clearInterval(timer);
      void say(false);
    };
  }, [client, conversationId]);
  return (viewers.data ?? []).filter((viewer) => viewer.id !== myId);
}
