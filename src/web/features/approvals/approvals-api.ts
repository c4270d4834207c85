import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { can, useSignedInSession } from "../../backend/session.ts";
import { api, type ResponseOf } from "../../backend/typed-client.ts";

export type ApprovalQueuePage = ResponseOf<"GET", "/api/approvals">;
export type ApprovalQueueItem = ApprovalQueuePage["items"][number];

/* Under "posts": every variant action invalidates the desk's queries, and with them the queue. */
export const approvalKeys = {
  count: ["posts", "approvals", "count"] as const,
  page: (page: number) => ["posts", "approvals", "page", page] as const,
};

/** How many variants wait for the reader's approval (the menu's badge); nothing for non-approvers. */
export function useApprovalCount() {
  const session = useSignedInSession();
  return useQuery({
    queryKey: approvalKeys.count,
    queryFn: () => api("GET", "/api/approvals/count"),
    enabled: can(session, "posts.approve"),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useApprovalQueue(page: number, pageSize: number) {
  return useQuery({
    queryKey: approvalKeys.page(page),
    queryFn: () => api("GET", "/api/approvals", { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}
