import { Anchor, Box, Button, Group, Paper, Stack, Switch, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "../../components/page-header.tsx";
import { PaginationBar } from "../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, FormError, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { type NotificationItem, useMarkRead, useNotifications } from "./notifications-api.ts";

const pageSize = 20;

/** One notice: what happened, when, and a way to it (opening it marks it read). */
function NoticeRow({ item, onOpen }: { item: NotificationItem; onOpen: (item: NotificationItem) => void }) {
  const { i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "vi";
  const unread = item.readAt === null;
  const title = item.title[language];
  return (
    <Box
      py="sm"
      px="sm"
      data-testid="notification-item"
      data-unread={unread}
      style={{
        borderLeft: `3px solid ${unread ? "var(--mantine-color-blue-filled)" : "transparent"}`,
        background: unread ? "var(--mantine-color-blue-light)" : undefined,
      }}
    >
      {item.link ? (
        <Anchor
          component={Link}
          to={item.link}
          onClick={() => onOpen(item)}
          fw={unread ? 700 : 500}
          style={{ overflowWrap: "anywhere" }}
        >
          {title}
        </Anchor>
      ) : (
        <Text fw={unread ? 700 : 500} style={{ overflowWrap: "anywhere" }}>
          {title}
        </Text>
      )}
      {item.body && (
        <Text size="sm" style={{ overflowWrap: "anywhere", whiteSpace: "pre-line" }}>
          {item.body[language]}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {formatDateTime(item.createdAt, i18n.language)}
      </Text>
    </Box>
  );
}

/** Everything the app told the signed-in person, newest first. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(page, pageSize, unreadOnly);
  const markRead = useMarkRead();
  const open = (item: NotificationItem) => {
    if (item.readAt === null) {
      markRead.mutate(item.id);
    }
  };

  let body: ReactNode;
  if (list.isPending) {
    body = <LoadingBlock />;
  } else if (list.isError) {
    body = <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;
  } else if (list.data.total === 0) {
    body = (
      <EmptyBlock title={unreadOnly ? t("notifications.emptyUnread") : t("notifications.empty")}>
        <span>{t("notifications.emptyHint")}</span>
      </EmptyBlock>
    );
  } else {
    body = (
      <Stack gap={0} data-testid="notification-list">
        {list.data.items.map((item) => (
          <NoticeRow key={item.id} item={item} onOpen={open} />
        ))}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        actions={
          <Button
            variant="light"
            onClick={() => markRead.mutate("all")}
            loading={markRead.isPending && markRead.variables === "all"}
            disabled={(list.data?.unread ?? 0) === 0}
            data-testid="notifications-read-all"
          >
            {t("notifications.readAll")}
          </Button>
        }
      />
      <Paper withBorder p={{ base: "xs", sm: "md" }}>
        <Group justify="space-between" mb="xs" gap="xs">
          <Text size="sm">{t("notifications.unreadCount", { count: list.data?.unread ?? 0 })}</Text>
          <Switch
            label={t("notifications.unreadOnly")}
            checked={unreadOnly}
            onChange={(event) => {
              setUnreadOnly(event.currentTarget.checked);
              setPage(1);
            }}
          />
        </Group>
        <FormError error={markRead.error} />
        {body}
        {list.data && (list.data.total > pageSize || page > 1) && (
          <PaginationBar page={page} pageSize={pageSize} total={list.data.total} onChange={setPage} />
        )}
      </Paper>
    </>
  );
}
