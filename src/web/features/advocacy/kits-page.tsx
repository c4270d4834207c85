import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PlusIcon } from "../../components/icons.tsx";
import { useListFilters } from "../../components/list-filters.ts";
import { ListPanel, ListTable } from "../../components/list-panel.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../components/unit-filter.tsx";
import { formatDate, formatNumber } from "../../i18n/format.ts";
import { advocacyKeys, fetchCampaigns, fetchKits } from "./advocacy-api.ts";
import { KitStateBadge } from "./kit-badges.tsx";

const pageSize = 20;
const kitStates = ["live", "expired", "withdrawn"] as const;

/** "Bộ tin chia sẻ": the kits of the units the editor works for, with their first figures. */
export default function KitsPage() {
  const { t, i18n } = useTranslation();
  const phone = usePhoneLayout();
  const { value, page, search, setSearch, debounced, setFilters, setPage, clearFilters } = useListFilters();
  const unitId = value("unitId");
  const campaignId = value("campaignId");
  const status = value("status");
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const campaigns = useQuery({
    queryKey: [...advocacyKeys.campaigns, "picker"],
    queryFn: () => fetchCampaigns({ pageSize: 100 }),
  });
  const kits = useQuery({
    queryKey: [...advocacyKeys.kits, "list", { q: debounced, unitId, campaignId, status, page }],
    queryFn: () =>
      fetchKits({
        q: debounced || undefined,
        unitId: unitId || undefined,
        campaignId: campaignId || undefined,
        status: status || undefined,
        page,
        pageSize,
      }),
    placeholderData: keepPreviousData,
  });
  const items = kits.data?.items ?? [];
  const filtered = Boolean(debounced || unitId || campaignId || status);
  const n = (value: number) => formatNumber(value, i18n.language);

  let list: ReactNode;
  if (kits.isPending) {
    list = <LoadingBlock />;
  } else if (kits.isError) {
    list = <ErrorBlock error={kits.error} onRetry={() => void kits.refetch()} />;
  } else if (items.length === 0) {
    list = filtered ? (
      <EmptyBlock title={t("advocacy.kits.noResults")} />
    ) : (
      <EmptyBlock title={t("advocacy.kits.empty")}>
        <Text size="sm" c="dimmed">
          {t("advocacy.kits.emptyHint")}
        </Text>
        <Button mt="md" leftSection={<PlusIcon size={16} />} component={Link} to="/share-kits/new">
          {t("advocacy.kits.new")}
        </Button>
      </EmptyBlock>
    );
  } else if (phone) {
    list = (
      <Stack gap="xs" data-testid="kit-cards">
        {items.map((kit) => (
          <Card key={kit.id} withBorder padding="sm" data-testid="kit-card">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Anchor
                component={Link}
                to={`/share-kits/${kit.id}`}
                fw={600}
                style={{ overflowWrap: "anywhere", minWidth: 0 }}
              >
                {kit.title}
              </Anchor>
              <KitStateBadge kit={kit} />
            </Group>
            <Text size="xs" c="dimmed" mt={2}>
              {kit.unitName} · {formatDate(kit.createdAt, i18n.language)}
            </Text>
            {kit.campaign && (
              <Badge size="sm" variant="light" color="grape" tt="none" mt={4} style={{ maxWidth: "100%" }}>
                {kit.campaign.name}
              </Badge>
            )}
            <Text size="sm" mt={4}>
              {t("advocacy.kits.figures", {
                clicks: n(kit.totals.clicks),
                shares: n(kit.totals.shares),
                links: n(kit.totals.links),
              })}
            </Text>
          </Card>
        ))}
      </Stack>
    );
  } else {
    list = (
      <ListTable
        minWidth={760}
        head={
          <>
            <Table.Th>{t("advocacy.kitForm.title")}</Table.Th>
            <Table.Th>{t("advocacy.kits.unit")}</Table.Th>
            <Table.Th>{t("advocacy.kits.state")}</Table.Th>
            <Table.Th ta="right">{t("advocacy.report.clicks")}</Table.Th>
            <Table.Th ta="right">{t("advocacy.report.shares")}</Table.Th>
            <Table.Th>{t("advocacy.kits.createdAt")}</Table.Th>
          </>
        }
      >
        {items.map((kit) => (
          <Table.Tr key={kit.id} data-testid="kit-row">
            <Table.Td>
              <Anchor component={Link} to={`/share-kits/${kit.id}`} size="sm" fw={500}>
                {kit.title}
              </Anchor>
              {kit.campaign && (
                <Text size="xs" c="dimmed">
                  {kit.campaign.name}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{kit.unitName}</Table.Td>
            <Table.Td>
              <KitStateBadge kit={kit} />
            </Table.Td>
            <Table.Td ta="right">{n(kit.totals.clicks)}</Table.Td>
            <Table.Td ta="right">{n(kit.totals.shares)}</Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(kit.createdAt, i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    );
  }

  return (
    <>
      <PageHeader
        title={t("advocacy.kits.title")}
        subtitle={t("advocacy.kits.subtitle")}
        actions={
          <>
            <Button variant="default" component={Link} to="/campaigns">
              {t("nav.campaigns")}
            </Button>
            <Button
              leftSection={<PlusIcon size={16} />}
              component={Link}
              to="/share-kits/new"
              data-testid="kit-new"
            >
              {t("advocacy.kits.new")}
            </Button>
          </>
        }
      />
      <ListPanel
        search={{ value: search, onChange: setSearch, placeholder: t("advocacy.kits.searchPlaceholder") }}
        filterColumns={3}
        activeFilters={[unitId, campaignId, status].filter(Boolean).length}
        filters={
          <>
            <UnitFilter
              label={t("advocacy.kits.filterUnit")}
              permission="advocacy.manage"
              filter={unitFilter}
            />
            <Select
              label={t("advocacy.kits.filterCampaign")}
              placeholder={t("advocacy.kits.anyCampaign")}
              clearable
              data={(campaigns.data?.items ?? []).map((campaign) => ({
                value: campaign.id,
                label: campaign.name,
              }))}
              value={campaignId || null}
              onChange={(id) => setFilters({ campaignId: id })}
            />
            <Select
              label={t("advocacy.kits.filterState")}
              placeholder={t("advocacy.kits.anyState")}
              clearable
              data={kitStates.map((state) => ({ value: state, label: t(`advocacy.kitState.${state}`) }))}
              value={status || null}
              onChange={(state) => setFilters({ status: state })}
            />
          </>
        }
        filtered={filtered}
        onClearFilters={clearFilters}
        pagination={{ page, pageSize, total: kits.data?.total ?? 0, onChange: setPage }}
      >
        {list}
      </ListPanel>
    </>
  );
}
