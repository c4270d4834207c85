import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type {
  ConversationKind,
  ConversationStatus,
  InboxSource,
  PendingReason,
} from "../../../../shared/api/inbox-values.ts";
import { formatDate, formatDateTime } from "../../../i18n/format.ts";

const sourceColors: Record<InboxSource, string> = { facebook: "blue", zalo: "cyan", portal: "grape" };

/** Where the conversation came from: Facebook, Zalo OA or the unit's trang tin. */
export function SourceBadge({ source }: { source: InboxSource }) {
  const { t } = useTranslation();
  return (
    <Badge color={sourceColors[source]} variant="light" tt="none" data-testid="source-badge">
      {t(`inbox.conversations.source.${source}`)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: ConversationKind }) {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="outline" tt="none">
      {t(`inbox.conversations.kind.${kind}`)}
    </Badge>
  );
}

const statusColors: Record<ConversationStatus, string> = {
  open: "blue",
  pending: "yellow",
  resolved: "green",
};

/** Open, waiting (for the citizen or another office) or resolved. */
export function ConversationStatusBadge({
  status,
  pendingReason,
}: {
  status: ConversationStatus;
  pendingReason: PendingReason | null;
}) {
  const { t } = useTranslation();
  const label =
    status === "pending" && pendingReason
      ? t(`inbox.conversations.pending.${pendingReason}`)
      : t(`inbox.conversations.status.${status}`);
  return (
    <Badge color={statusColors[status]} variant="light" tt="none">
      {label}
    </Badge>
  );
}

/** The target still running: past it (red), about to pass it (orange), or just its time. */
export function DueBadges(props: {
  dueAt: string | null;
  warned: boolean;
  breached: boolean;
  escalated: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={4}>
      {props.breached && (
        <Badge color="red" variant="filled" tt="none">
          {t("inbox.conversations.due.breached")}
        </Badge>
      )}
      {!props.breached && props.warned && (
        <Badge color="orange" variant="filled" tt="none">
          {t("inbox.conversations.due.warned")}
        </Badge>
      )}
      {props.escalated && (
        <Badge color="violet" variant="light" tt="none">
          {t("inbox.conversations.due.escalated")}
        </Badge>
      )}
      {props.dueAt && !props.breached && (
        <Badge color="gray" variant="light" tt="none">
          {t("inbox.conversations.due.at", { time: formatDateTime(props.dueAt, i18n.language) })}
        </Badge>
      )}
    </Group>
  );
}

/** "vừa xong", "5 phút trước", "3 giờ trước", "2 ngày trước", then the date. */
export function useTimeAgo(): (iso: string, now?: number) => string {
  const { t, i18n } = useTranslation();
  return (iso, now = Date.now()) => {
    const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
    if (minutes < 1) {
      return t("inbox.conversations.ago.now");
    }
    if (minutes < 60) {
      return t("inbox.conversations.ago.minutes", { count: minutes });
    }
    if (minutes < 24 * 60) {
      return t("inbox.conversations.ago.hours", { count: Math.floor(minutes / 60) });
    }
    if (minutes < 7 * 24 * 60) {
      return t("inbox.conversations.ago.days", { count: Math.floor(minutes / 1440) });
    }
    return formatDate(iso, i18n.language);
  };
}
