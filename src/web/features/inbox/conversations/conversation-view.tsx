import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useSignedInSession } from "../../../backend/session.ts";
import { api } from "../../../backend/typed-client.ts";
import { useDocumentTitle } from "../../../components/page-header.tsx";
import { usePhoneLayout } from "../../../components/phone-layout.ts";
import { ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { Composer } from "./composer.tsx";
import { ConversationActions } from "./conversation-actions.tsx";
import { ConversationStatusBadge, DueBadges, KindBadge, SourceBadge } from "./inbox-labels.tsx";
import { LiveIndicator } from "./inbox-layout.tsx";
import { type ConversationDetail, conversationKey, usePresence } from "./inbox-live.ts";
import { MessageThread } from "./message-thread.tsx";

/** One conversation as the officer works it: who and where, what was said, and the reply box. */
export function ConversationView({ id }: { id: string }) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const [params] = useSearchParams();
  const session = useSignedInSession();
  const detail = useQuery({
    queryKey: conversationKey(id),
    queryFn: () => api("GET", "/api/inbox/conversations/:id", { params: { id } }),
  });
  const others = usePresence(id, session.person.id);
  const back = `/inbox${params.toString() ? `?${params.toString()}` : ""}`;
  const backLink = (
    <Anchor component={Link} to={back} size="sm">
      ← {t("inbox.conversations.back")}
    </Anchor>
  );
  if (detail.isPending) {
    return (
      <>
        {backLink}
        <LoadingBlock />
      </>
    );
  }
  if (detail.error) {
    return (
      <>
        {backLink}
        <ErrorBlock
          title={t("inbox.conversations.conversation.loadFailed")}
          error={detail.error}
          onRetry={() => detail.refetch()}
        />
      </>
    );
  }
  const data = detail.data;
  return (
    <Stack gap="sm" data-testid="conversation">
      {phone && (
        <Group justify="space-between" gap="xs">
          {backLink}
          <LiveIndicator />
        </Group>
      )}
      <ConversationHeader detail={data} />
      {others.length > 0 && (
        <Alert color="blue" variant="light" py={6} data-testid="presence">
          {t("inbox.conversations.conversation.alsoViewing", {
            names: others.map((person) => person.fullName).join(", "),
            count: others.length,
          })}
        </Alert>
      )}
      <ConversationActions detail={data} myId={session.person.id} />
      {data.conversation.postExcerpt && (
        <Card withBorder padding="xs" bg="var(--mantine-color-gray-0)">
          <Text size="xs" c="dimmed">
            {t("inbox.conversations.conversation.onPost")}
          </Text>
          <Text size="sm" lineClamp={4} style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
            {data.conversation.postExcerpt}
          </Text>
        </Card>
      )}
      <MessageThread detail={data} />
      {data.conversation.canReply ? (
        <Composer key={data.conversation.id} detail={data} />
      ) : (
        <Text size="sm" c="dimmed">
          {t("inbox.conversations.conversation.readOnly")}
        </Text>
      )}
    </Stack>
  );
}

function ConversationHeader({ detail }: { detail: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const c = detail.conversation;
  useDocumentTitle(`${c.contactName} · ${t("inbox.conversations.title")} · ${t("app.name")}`);
  const time = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : "");
  return (
    <Stack gap={4}>
      <Title order={1} size="h3" style={{ overflowWrap: "anywhere" }}>
        {c.contactName}
      </Title>
      <Group gap={4} wrap="wrap">
        <SourceBadge source={c.source} />
        <KindBadge kind={c.kind} />
        <ConversationStatusBadge status={c.status} pendingReason={c.pendingReason} />
        <DueBadges dueAt={null} warned={c.warned} breached={c.breached} escalated={c.escalated} />
        {c.labels.map((name) => (
          <Badge key={name} variant="dot" color="gray" tt="none">
            {name}
          </Badge>
        ))}
      </Group>
      <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
        {[c.channelName, c.unitName, c.assignee?.fullName ?? t("inbox.conversations.noAssignee")].join(" · ")}
      </Text>
      {(c.firstResponseDueAt || c.resolutionDueAt || c.escalatedToUnit || c.escalatedToOffice) && (
        <Text size="xs" c={c.breached ? "red" : "dimmed"} data-testid="due-times">
          {[
            c.firstResponseDueAt &&
              !c.firstRespondedAt &&
              t("inbox.conversations.conversation.firstResponseDue", { time: time(c.firstResponseDueAt) }),
            c.firstRespondedAt &&
              t("inbox.conversations.conversation.firstResponded", { time: time(c.firstRespondedAt) }),
            c.resolutionDueAt &&
              !c.resolvedAt &&
              t("inbox.conversations.conversation.resolutionDue", { time: time(c.resolutionDueAt) }),
            c.resolvedAt && t("inbox.conversations.conversation.resolved", { time: time(c.resolvedAt) }),
            c.escalatedToUnit &&
              t("inbox.conversations.conversation.escalatedTo", { name: c.escalatedToUnit.name }),
            c.escalatedToOffice &&
              t("inbox.conversations.conversation.escalatedTo", { name: c.escalatedToOffice.name }),
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      )}
    </Stack>
  );
}
