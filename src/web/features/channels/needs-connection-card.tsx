import { Anchor, Box, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import { PaginationBar } from "../../components/pagination-bar.tsx";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDate } from "../../i18n/format.ts";
import { PlatformBadge } from "./channel-badges.tsx";
import { ConnectionStateBadge } from "./connection-card.tsx";

const pageSize = 5;

/**
 * The Facebook Pages, Zalo OAs and YouTube channels of the person's units that need connecting
 * (refused and expired first, then not connected, then expiring within 7 days), each linking to
 * the channel's page where it is connected. Shown only to those who may connect channels; a
 * `unitId` narrows it to one unit's subtree.
 */
export function NeedsConnectionCard({ unitId }: { unitId?: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const allowed = can("channels.manage");
  const [page, setPage] = useState(1);
  const needed = useQuery({
    queryKey: ["channels", "connections-needed", unitId ?? null, page],
    queryFn: () => api("GET", "/api/connections/needed", { query: { unitId, page, pageSize } }),
    enabled: allowed,
  });
  if (!allowed) {
    return null;
  }
  let body: ReactNode;
  if (needed.isPending) {
    body = <LoadingBlock />;
  } else if (needed.isError) {
    body = <ErrorBlock error={needed.error} onRetry={() => void needed.refetch()} />;
  } else if (needed.data.total === 0) {
    body = (
      <Text size="sm" c="dimmed" data-testid="needs-connection-empty">
        {t("connections.needs.empty")}
      </Text>
    );
  } else {
    body = (
      <>
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {needed.data.items.map((item) => (
            <Box
              component="li"
              key={item.channelId}
              data-testid="needs-connection-item"
              data-state={item.state}
              style={{ minWidth: 0 }}
            >
              <Anchor component={Link} to={`/channels/${item.channelId}`} fw={600} size="sm">
                {item.displayName}
              </Anchor>
              <Group gap={6} mt={2} wrap="wrap">
                <ConnectionStateBadge state={item.state} />
                <PlatformBadge platform={item.platform} />
                <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {item.unitName}
                  {item.tokenExpiresAt && item.state === "expiring"
                    ? ` · ${t("connections.needs.expiresOn", { date: formatDate(item.tokenExpiresAt, i18n.language) })}`
                    : ""}
                </Text>
              </Group>
            </Box>
          ))}
        </Stack>
        {(needed.data.total > pageSize || page > 1) && (
          <PaginationBar page={page} pageSize={pageSize} total={needed.data.total} onChange={setPage} />
        )}
      </>
    );
  }
  return (
    <Paper withBorder p="md" data-testid="needs-connection-card">
      <Title order={2} size="h4">
        {t("connections.needs.title")}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t("connections.needs.intro")}
      </Text>
      {body}
    </Paper>
  );
}
