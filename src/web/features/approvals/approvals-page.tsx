import { Anchor, Badge, Box, Group, Paper, Stack, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "../../components/page-header.tsx";
import { PaginationBar } from "../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { TargetBadge } from "../posts/post-badges.tsx";
import { type ApprovalQueueItem, useApprovalQueue } from "./approvals-api.ts";

const pageSize = 20;

/** One variant waiting: the post, the channel, who sent it and since when. */
function QueueRow({ item }: { item: ApprovalQueueItem }) {
  const { t, i18n } = useTranslation();
  return (
    <Box
      py="sm"
      px="xs"
      data-testid="approval-item"
      style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
    >
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Anchor
          component={Link}
          to={`/posts/${item.postId}`}
          fw={600}
          style={{ overflowWrap: "anywhere", minWidth: 0 }}
        >
          {item.postTitle}
        </Anchor>
        {item.level === 2 && (
          <Badge color="orange" variant="light" style={{ flexShrink: 0 }}>
            {t("approvals.second")}
          </Badge>
        )}
      </Group>
      <Group gap={6} mt={4} wrap="wrap">
        <TargetBadge target={item.target} />
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {item.channelName}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={2}>
        {item.submittedBy
          ? t("approvals.sentBy", {
              name: item.submittedBy.fullName,
              unit: item.unitName,
              at: formatDateTime(item.submittedAt, i18n.language),
            })
          : t("approvals.sentAt", {
              unit: item.unitName,
              at: formatDateTime(item.submittedAt, i18n.language),
            })}
      </Text>
    </Box>
  );
}

/** "Chờ tôi duyệt": the variants waiting for an approval the reader may give, the longest-waiting first. */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const queue = useApprovalQueue(page, pageSize);

  let body: ReactNode;
  if (queue.isPending) {
    body = <LoadingBlock />;
  } else if (queue.isError) {
    body = <ErrorBlock error={queue.error} onRetry={() => void queue.refetch()} />;
  } else if (queue.data.total === 0) {
    body = (
      <EmptyBlock title={t("approvals.empty")}>
        <span>{t("approvals.emptyHint")}</span>
      </EmptyBlock>
    );
  } else {
    body = (
      <Stack gap={0} data-testid="approval-list">
        {queue.data.items.map((item) => (
          <QueueRow key={item.variantId} item={item} />
        ))}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t("approvals.title")}
        subtitle={queue.data ? t("approvals.subtitle", { count: queue.data.total }) : undefined}
      />
      <Paper withBorder p={{ base: "xs", sm: "md" }}>
        {body}
        {queue.data && (queue.data.total > pageSize || page > 1) && (
          <PaginationBar page={page} pageSize={pageSize} total={queue.data.total} onChange={setPage} />
        )}
      </Paper>
    </>
  );
}
