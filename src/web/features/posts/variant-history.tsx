import { Anchor, Text, Timeline } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { inLanguage } from "../../../shared/bilingual.ts";
import type { VariantHistoryEntry, VariantStatus } from "../../backend/types.ts";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { statusColors } from "./post-badges.tsx";
import { fetchHistory, postKeys } from "./posts-api.ts";

/** What a transition's details say, for the kinds the desk and the scheduler record. */
function useDetailText() {
  const { t, i18n } = useTranslation();
  return (entry: VariantHistoryEntry): string | null => {
    const details = entry.details ?? {};
    if (details.created) {
      return t("posts.history.created");
    }
    if (details.edited) {
      return t("posts.history.edited");
    }
    if (details.rejected) {
      return t("posts.history.rejected");
    }
    if (details.approvalsMissing) {
      return t("posts.history.approvalsMissing");
    }
    if (typeof details.approval === "number") {
      return t("posts.history.approval", { level: details.approval, needed: details.needed ?? 1 });
    }
    if (typeof details.message === "string") {
      return typeof details.retry === "number"
        ? t("posts.history.retrying", {
            message: inLanguage(details.message, i18n.language),
            n: details.retry,
          })
        : t("posts.history.failure", { message: inLanguage(details.message, i18n.language) });
    }
    if (details.byHand) {
      return t("posts.history.byHand");
    }
    if (typeof details.at === "string") {
      return t("posts.history.scheduledFor", { at: formatDateTime(details.at, i18n.language) });
    }
    return null;
  };
}

function label(t: (key: string) => string, status: string | null): string {
  return status ? t(`posts.status.${status}`) : "";
}

/** Every status change of one variant, oldest first, with who and when. */
export function VariantHistory({ variantId }: { variantId: string }) {
  const { t, i18n } = useTranslation();
  const detailText = useDetailText();
  const history = useQuery({ queryKey: postKeys.history(variantId), queryFn: () => fetchHistory(variantId) });
  if (history.isPending) {
    return <LoadingBlock />;
  }
  if (history.isError) {
    return <ErrorBlock error={history.error} onRetry={() => void history.refetch()} />;
  }
  const items = history.data.items;
  return (
    <Timeline bulletSize={12} lineWidth={2} active={items.length - 1} data-testid="variant-history">
      {items.map((entry) => {
        const detail = detailText(entry);
        const externalUrl = typeof entry.details?.externalUrl === "string" ? entry.details.externalUrl : null;
        return (
          <Timeline.Item
            key={entry.id}
            color={statusColors[entry.to as VariantStatus] ?? "gray"}
            title={
              <Text size="sm" fw={500}>
                {entry.from && entry.from !== entry.to
                  ? `${label(t, entry.from)} → ${label(t, entry.to)}`
                  : label(t, entry.to)}
              </Text>
            }
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.at, i18n.language)}
              {entry.actor ? ` · ${entry.actor.fullName}` : ` · ${t("posts.history.system")}`}
            </Text>
            {detail && <Text size="sm">{detail}</Text>}
            {entry.reason && (
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {/* An approval's words are the approver's comment, not a reason. */}
                {typeof entry.details?.approval === "number"
                  ? t("approvals.historyComment", { comment: entry.reason })
                  : t("posts.history.reason", { reason: entry.reason })}
              </Text>
            )}
            {externalUrl && (
              <Anchor
                href={externalUrl}
                target="_blank"
                rel="noopener noreferrer"
                size="sm"
                style={{ overflowWrap: "anywhere" }}
              >
                {externalUrl}
              </Anchor>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
