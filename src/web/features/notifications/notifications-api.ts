import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type ResponseOf } from "../../backend/typed-client.ts";

export type NotificationPage = ResponseOf<"GET", "/api/me/notifications">;
export type NotificationItem = NotificationPage["items"][number];

export const notificationKeys = {
  all: ["notifications"] as const,
  count: ["notifications", "count"] as const,
  page: (page: number, unreadOnly: boolean) => ["notifications", "page", page, unreadOnly] as const,
};

/** The bell's number: asked again every minute and whenever the window comes back into view. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: () => api("GET", "/api/me/notifications/unread-count"),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useNotifications(page: number, pageSize: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: notificationKeys.page(page, unreadOnly),
    queryFn: () =>
      api("GET", "/api/me/notifications", {
        query: { page, pageSize, ...(unreadOnly ? { unread: "true" } : {}) },
      }),
    placeholderData: keepPreviousData,
  });
}

/** Marks one notice read (opening it), or all of them. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string | "all") =>
      id === "all"
        ? api("POST", "/api/me/notifications/read-all")
        : api("POST", "/api/me/notifications/:id/read", { params: { id } }),
    onSettled: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
