import { Anchor, Box, Button, Card, Group, Select, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import { channelPlatforms, channelStatuses } from "../../backend/types.ts";
import { PlusIcon, UploadIcon } from "../../components/icons.tsx";
import { useListFilters } from "../../components/list-filters.ts";
import { ListPanel, ListTable } from "../../components/list-panel.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../components/unit-filter.tsx";
import { formatDate } from "../../i18n/format.ts";
import { ChannelStatusBadge, PlatformBadge } from "./channel-badges.tsx";
import { ChannelFormDialog } from "./channel-form-dialog.tsx";
import { ConnectFlowResult } from "./connect-flow.tsx";

const pageSize = 20;

/** The value when it is one of `values`; a filter typed into the address by hand that names none is left out. */
function knownValue<Value extends string>(values: readonly Value[], value: string): Value | undefined {
  return values.find((known) => known === value);
}

/** The address as a link that opens the channel itself, breaking anywhere so it never widens a phone screen. */
function ChannelAddress({ url }: { url: string }) {
  return (
    <Anchor
      href={url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      size="sm"
      style={{ overflowWrap: "anywhere" }}
    >
      {url}
    </Anchor>
  );
}

/** The registry of official channels in the person's scope: filters, pages, a table or phone cards. */
export default function ChannelsPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const phone = usePhoneLayout();
  const { value, page, search, setSearch, debounced, setFilters, setPage, clearFilters } = useListFilters();
  const unitId = value("unitId");
  const platform = value("platform");
  const status = value("status");
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const [registering, setRegistering] = useState(false);
  const activeFilters = [unitId, platform, status].filter(Boolean).length;
  const mayManage = can(session, "channels.manage");

  const channels = useQuery({
    queryKey: ["channels", "list", { q: debounced, unitId, platform, status, page }],
    queryFn: () =>
      api("GET", "/api/channels", {
        query: {
          q: debounced,
          unitId,
          platform: knownValue(channelPlatforms, platform),
          status: knownValue(channelStatuses, status),
          page,
          pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const items = channels.data?.items ?? [];
  const filtered = Boolean(debounced || unitId || platform || status);

  let list: ReactNode;
  if (channels.isPending) {
    list = <LoadingBlock />;
  } else if (channels.isError) {
    list = <ErrorBlock error={channels.error} onRetry={() => void channels.refetch()} />;
  } else if (items.length === 0) {
    list = filtered ? (
      <EmptyBlock title={t("channels.noResults")} />
    ) : (
      <EmptyBlock title={t("channels.empty")}>
        <Text size="sm" c="dimmed">
          {t("channels.emptyHint")}
        </Text>
        {mayManage && (
          <Button mt="md" leftSection={<PlusIcon size={16} />} onClick={() => setRegistering(true)}>
            {t("channels.register")}
          </Button>
        )}
      </EmptyBlock>
    );
  } else if (phone) {
    list = (
      <Stack gap="xs" data-testid="channel-cards">
        {items.map((channel) => (
          <Card key={channel.id} withBorder padding="sm">
            <Anchor
              component={Link}
              to={`/channels/${channel.id}`}
              fw={600}
              style={{ overflowWrap: "anywhere" }}
            >
              {channel.displayName}
            </Anchor>
            <Group gap={6} mt={4}>
              <PlatformBadge platform={channel.platform} />
              <ChannelStatusBadge status={channel.status} />
            </Group>
            <Text size="sm" mt={4} style={{ overflowWrap: "anywhere" }}>
              {channel.unitName}
            </Text>
            <ChannelAddress url={channel.url} />
          </Card>
        ))}
      </Stack>
    );
  } else {
    list = (
      <ListTable
        minWidth={720}
        head={
          <>
            <Table.Th>{t("channels.fields.displayName")}</Table.Th>
            <Table.Th>{t("channels.fields.platform")}</Table.Th>
            <Table.Th>{t("channels.fields.unit")}</Table.Th>
            <Table.Th>{t("channels.fields.status")}</Table.Th>
          </>
        }
      >
        {items.map((channel) => (
          <Table.Tr key={channel.id}>
            <Table.Td>
              <Anchor component={Link} to={`/channels/${channel.id}`} size="sm" fw={500}>
                {channel.displayName}
              </Anchor>
              <Box>
                <ChannelAddress url={channel.url} />
              </Box>
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <PlatformBadge platform={channel.platform} />
            </Table.Td>
            <Table.Td>{channel.unitName}</Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <ChannelStatusBadge status={channel.status} />
              <Text size="xs" c="dimmed">
                {t("channels.statusSince", { date: formatDate(channel.statusSince, i18n.language) })}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    );
  }

  return (
    <>
      <PageHeader
        title={t("channels.title")}
        subtitle={t("channels.subtitle")}
        actions={
          mayManage && (
            <>
              <Button
                variant="default"
                leftSection={<UploadIcon size={16} />}
                component={Link}
                to="/channels/import"
              >
                {t("channels.import")}
              </Button>
              <Button leftSection={<PlusIcon size={16} />} onClick={() => setRegistering(true)}>
                {t("channels.register")}
              </Button>
            </>
          )
        }
      />
      {/* A sign-in whose state named no channel comes back here. */}
      <ConnectFlowResult />
      <ListPanel
        search={{ value: search, onChange: setSearch, placeholder: t("channels.searchPlaceholder") }}
        filterColumns={3}
        activeFilters={activeFilters}
        filters={
          <>
            <UnitFilter label={t("channels.filterUnit")} filter={unitFilter} />
            <Select
              label={t("channels.filterPlatform")}
              placeholder={t("channels.anyPlatform")}
              clearable
              data={channelPlatforms.map((value) => ({ value, label: t(`channels.platform.${value}`) }))}
              value={platform || null}
              onChange={(value) => setFilters({ platform: value })}
            />
            <Select
              label={t("channels.filterStatus")}
              placeholder={t("channels.anyStatus")}
              clearable
              data={channelStatuses.map((value) => ({ value, label: t(`channels.status.${value}`) }))}
              value={status || null}
              onChange={(value) => setFilters({ status: value })}
            />
          </>
        }
        filtered={filtered}
        onClearFilters={clearFilters}
        pagination={{ page, pageSize, total: channels.data?.total ?? 0, onChange: setPage }}
      >
        {list}
      </ListPanel>

      {registering && (
        <ChannelFormDialog
          channel={null}
          defaultUnit={unitFilter.unitChoice}
          opened
          onClose={() => setRegistering(false)}
        />
      )}
    </>
  );
}
