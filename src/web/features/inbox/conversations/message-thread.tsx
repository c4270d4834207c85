import { Anchor, Badge, Box, Button, Group, Image, Paper, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../backend/typed-client.ts";
import { FormError } from "../../../components/state-blocks.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { type ConversationDetail, conversationKey, type InboxMessage, inboxListKey } from "./inbox-live.ts";

type Event = ConversationDetail["events"][number];
type Entry = { at: string; message: InboxMessage } | { at: string; event: Event };

const bubbleColors: Record<InboxMessage["direction"], string> = {
  in: "var(--mantine-color-gray-1)",
  out: "var(--mantine-color-blue-0)",
  note: "var(--mantine-color-yellow-0)",
  auto: "var(--mantine-color-gray-0)",
};

/**
 * The conversation as a chat: the citizen on the left, our replies on the right, internal notes in
 * yellow and marked as never sent, the history's events as small lines between. Texts are shown as
 * text (React escapes them): a message may hold any HTML a citizen typed.
 */
export function MessageThread({ detail }: { detail: ConversationDetail }) {
  const { t } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  const entries: Entry[] = [
    ...detail.messages.map((message) => ({ at: message.createdAt, message })),
    ...detail.events
      .filter((event) => event.kind !== "created")
      .map((event) => ({ at: event.createdAt, event })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const count = detail.messages.length;
  // A new message scrolls into view, as in any chat.
  useEffect(() => {
    if (count > 0) {
      end.current?.scrollIntoView?.({ block: "nearest" });
    }
  }, [count]);
  return (
    <Stack gap="xs" data-testid="thread" aria-label={t("inbox.conversations.thread.label")}>
      {entries.map((entry) =>
        "message" in entry ? (
          <MessageBubble key={entry.message.id} detail={detail} message={entry.message} />
        ) : (
          <EventLine key={entry.event.id} event={entry.event} />
        ),
      )}
      <div ref={end} />
    </Stack>
  );
}

function MessageBubble({ detail, message }: { detail: ConversationDetail; message: InboxMessage }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const conversationId = detail.conversation.id;
  const refresh = () => {
    void client.invalidateQueries({ queryKey: conversationKey(conversationId) });
    void client.invalidateQueries({ queryKey: inboxListKey });
  };
  const retry = useMutation({
    mutationFn: () =>
      api("POST", "/api/inbox/conversations/:id/messages/:messageId/retry", {
        params: { id: conversationId, messageId: message.id },
      }),
    onSuccess: refresh,
  });
  const hide = useMutation({
    mutationFn: (hidden: boolean) =>
      api("POST", "/api/inbox/conversations/:id/messages/:messageId/hidden", {
        params: { id: conversationId, messageId: message.id },
        body: { hidden },
      }),
    onSuccess: refresh,
  });
  const incoming = message.direction === "in";
  const who = incoming
    ? detail.conversation.contactName
    : message.direction === "auto"
      ? t("inbox.conversations.thread.autoReply")
      : (message.author?.fullName ?? "");
  return (
    <Group justify={incoming ? "flex-start" : "flex-end"} wrap="nowrap">
      <Paper
        p="xs"
        radius="md"
        maw="85%"
        data-testid={`message-${message.direction}`}
        style={{
          background: bubbleColors[message.direction],
          border:
            message.direction === "note"
              ? "1px solid var(--mantine-color-yellow-5)"
              : message.direction === "auto"
                ? "1px dashed var(--mantine-color-gray-5)"
                : undefined,
          opacity: message.hidden ? 0.7 : 1,
        }}
      >
        <Stack gap={4}>
          <Group gap={6} wrap="wrap">
            <Text size="xs" fw={600}>
              {who}
            </Text>
            {message.direction === "note" && (
              <Badge size="xs" color="yellow" tt="none">
                {t("inbox.conversations.thread.note")}
              </Badge>
            )}
            {message.direction === "auto" && (
              <Badge size="xs" color="gray" tt="none">
                {t("inbox.conversations.thread.auto")}
              </Badge>
            )}
            {message.hidden && (
              <Badge size="xs" color="dark" tt="none">
                {t("inbox.conversations.thread.hidden")}
              </Badge>
            )}
          </Group>
          {message.text && (
            <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {message.text}
            </Text>
          )}
          {message.attachments.length > 0 && (
            <Group gap={6}>
              {message.attachments.map((attachment) =>
                attachment.kind === "image" ? (
                  <Anchor
                    key={attachment.url}
                    href={attachment.url}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    <Image
                      src={attachment.url}
                      alt={attachment.name ?? t("inbox.conversations.thread.image")}
                      w={120}
                      h={120}
                      fit="cover"
                      radius="sm"
                    />
                  </Anchor>
                ) : (
                  <Anchor
                    key={attachment.url}
                    href={attachment.url}
                    target="_blank"
                    rel="noopener noreferrer"
                    size="sm"
                  >
                    {attachment.name ?? t("inbox.conversations.thread.file")}
                  </Anchor>
                ),
              )}
            </Group>
          )}
          {message.mentions.length > 0 && (
            <Text size="xs" c="dimmed">
              {t("inbox.conversations.thread.mentioned", {
                names: message.mentions.map((person) => person.fullName).join(", "),
              })}
            </Text>
          )}
          <Group gap={6} justify="space-between" wrap="wrap">
            <Text size="xs" c="dimmed">
              {formatDateTime(message.createdAt, i18n.language)}
              {message.sendStatus === "sending" && ` · ${t("inbox.conversations.thread.sending")}`}
            </Text>
            {message.isComment && incoming && detail.conversation.canReply && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                loading={hide.isPending}
                onClick={() => hide.mutate(!message.hidden)}
              >
                {message.hidden
                  ? t("inbox.conversations.thread.unhide")
                  : t("inbox.conversations.thread.hide")}
              </Button>
            )}
          </Group>
          {message.sendStatus === "failed" && (
            <Box data-testid="send-failed">
              <Text size="xs" c="red">
                {t("inbox.conversations.thread.failed", { message: message.sendError ?? "" })}
              </Text>
              {detail.conversation.canReply && (
                <Button
                  size="compact-xs"
                  color="red"
                  variant="light"
                  mt={4}
                  loading={retry.isPending}
                  onClick={() => retry.mutate()}
                >
                  {t("inbox.conversations.thread.retry")}
                </Button>
              )}
            </Box>
          )}
          <FormError error={retry.error ?? hide.error} />
        </Stack>
      </Paper>
    </Group>
  );
}

const textOf = (value: unknown): string | null => (typeof value === "string" && value ? value : null);
const nameOf = (value: unknown): string | null =>
  typeof value === "object" && value !== null
    ? textOf((value as { name?: unknown; fullName?: unknown }).fullName ?? (value as { name?: unknown }).name)
    : null;

/** The event's sentence, naming what changed when the server's detail says it. */
function useEventText(): (event: Event) => string {
  const { t } = useTranslation();
  return (event) => {
    const actor = event.actor?.fullName ?? t("inbox.conversations.events.system");
    const detail = event.detail;
    if (event.kind === "status" || event.kind === "reopened") {
      const to = textOf(detail.to);
      const reason = textOf(detail.pendingReason);
      if (to && event.actor) {
        const status =
          to === "pending" && reason
            ? t(`inbox.conversations.pending.${reason}`)
            : t(`inbox.conversations.status.${to}`);
        return t("inbox.conversations.events.statusTo", { actor, status });
      }
    }
    if (event.kind === "assigned") {
      if (detail.by === "round_robin") {
        return t("inbox.conversations.events.roundRobin");
      }
      const name = nameOf(detail.to);
      return name
        ? t("inbox.conversations.events.assignedTo", { actor, name })
        : t("inbox.conversations.events.unassigned", { actor });
    }
    if (event.kind === "escalated") {
      const name = nameOf(detail.unit) ?? nameOf(detail.office);
      if (name) {
        return t("inbox.conversations.events.escalatedTo", { actor, name });
      }
    }
    return t(`inbox.conversations.events.${event.kind}`, { actor });
  };
}

/** "Nguyễn Văn A đã chuyển sang “Đã xử lý” · 14:30" between the messages. */
function EventLine({ event }: { event: Event }) {
  const { i18n } = useTranslation();
  const text = useEventText();
  return (
    <Text size="xs" c="dimmed" ta="center" data-testid="event-line">
      {text(event)} · {formatDateTime(event.createdAt, i18n.language)}
    </Text>
  );
}
