import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../i18n/format.ts";
import type { ConversationDetail } from "./inbox-live.ts";

/** Whether the platform no longer takes a reply to this conversation. */
export function replyWindowClosed(detail: ConversationDetail): boolean {
  return !detail.conversation.replyWindow.canReplyNow;
}

/** "3 giờ", "25 phút": what is left of a window. */
function useLeftText(): (until: string) => string {
  const { t } = useTranslation();
  return (until) => {
    const minutes = Math.max(1, Math.floor((new Date(until).getTime() - Date.now()) / 60_000));
    return minutes >= 60
      ? t("inbox.conversations.window.hours", { count: Math.floor(minutes / 60) })
      : t("inbox.conversations.window.minutes", { count: minutes });
  };
}

/**
 * What the platform still allows, said before the officer writes: the time left in Messenger's or
 * Zalo's window, the human-agent exception, an e-mail for portal questions, or that it has closed.
 */
export function ReplyWindowNotice({ detail }: { detail: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const left = useLeftText();
  const c = detail.conversation;
  const window = c.replyWindow;
  const platform = t(`inbox.conversations.window.platform.${c.source}`);
  const now = Date.now();
  if (c.source === "portal") {
    return (
      <Text size="xs" c="dimmed" data-testid="reply-window">
        {c.contact.hasEmail ? t("inbox.conversations.window.email") : t("inbox.conversations.window.noEmail")}
      </Text>
    );
  }
  if (!window.canReplyNow) {
    return (
      <Alert color="orange" variant="light" py={6} data-testid="reply-window">
        <Text size="xs">{t("inbox.conversations.window.closed", { platform })}</Text>
      </Alert>
    );
  }
  if (window.standardUntil && new Date(window.standardUntil).getTime() > now) {
    return (
      <Text size="xs" c="dimmed" data-testid="reply-window">
        {t("inbox.conversations.window.left", { time: left(window.standardUntil), platform })}
      </Text>
    );
  }
  if (window.humanAgentUntil && new Date(window.humanAgentUntil).getTime() > now) {
    return (
      <Text size="xs" c="orange" data-testid="reply-window">
        {t("inbox.conversations.window.humanAgent", {
          time: formatDateTime(window.humanAgentUntil, i18n.language),
        })}
      </Text>
    );
  }
  if (c.kind === "comment") {
    return (
      <Text size="xs" c="dimmed" data-testid="reply-window">
        {t("inbox.conversations.window.comment")}
      </Text>
    );
  }
  return null;
}
