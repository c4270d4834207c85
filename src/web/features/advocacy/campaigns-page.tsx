import { Anchor, Button, Card, Group, Select, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { PlusIcon } from "../../components/icons.tsx";
import { useListFilters } from "../../components/list-filters.ts";
import { ListPanel, ListTable } from "../../components/list-panel.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../components/unit-filter.tsx";
import { formatDate } from "../../i18n/format.ts";
import { advocacyKeys, fetchCampaigns } from "./advocacy-api.ts";
import { CampaignFormDialog } from "./campaign-form-dialog.tsx";
import { CampaignProgress } from "./campaign-progress.tsx";
import { CampaignStateBadge } from "./kit-badges.tsx";

const pageSize = 20;
const states = ["upcoming", "running", "ended"] as const;

/** "Chiến dịch": campaigns of the units the editor works for, with their progress. */
export default function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const phone = usePhoneLayout();
  const { value, page, setFilters, setPage, clearFilters } = useListFilters();
  const [creating, setCreating] = useState(false);
  const unitId = value("unitId");
  const state = value("state");
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const campaigns = useQuery({
    queryKey: [...advocacyKeys.campaigns, "list", { unitId, state, page }],
    queryFn: () => fetchCampaigns({ unitId: unitId || undefined, state: state || undefined, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const items = campaigns.data?.items ?? [];
  const filtered = Boolean(unitId || state);
  const period = (startsOn: string, endsOn: string) =>
    `${formatDate(startsOn, i18n.language)} – ${formatDate(endsOn, i18n.language)}`;

  let list: ReactNode;
  if (campaigns.isPending) {
    list = <LoadingBlock />;
  } else if (campaigns.isError) {
    list = <ErrorBlock error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  } else if (items.length === 0) {
    list = filtered ? (
      <EmptyBlock title={t("advocacy.campaigns.noResults")} />
    ) : (
      <EmptyBlock title={t("advocacy.campaigns.empty")}>
        <Text size="sm" c="dimmed">
          {t("advocacy.campaigns.emptyHint")}
        </Text>
      </EmptyBlock>
    );
  } else if (phone) {
    list = (
      <Stack gap="xs">
        {items.map((campaign) => (
          <Card key={campaign.id} withBorder padding="sm" data-testid="campaign-card">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Anchor
                component={Link}
                to={`/campaigns/${campaign.id}`}
                fw={600}
                style={{ overflowWrap: "anywhere", minWidth: 0 }}
              >
                {campaign.name}
              </Anchor>
              <CampaignStateBadge campaign={campaign} />
            </Group>
            <Text size="xs" c="dimmed" mt={2} mb={6}>
              {campaign.unitName} · {period(campaign.startsOn, campaign.endsOn)}
            </Text>
            <CampaignProgress campaign={campaign} size="sm" />
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
            <Table.Th>{t("advocacy.campaignForm.name")}</Table.Th>
            <Table.Th>{t("advocacy.campaigns.goal")}</Table.Th>
            <Table.Th>{t("advocacy.campaigns.period")}</Table.Th>
            <Table.Th w={240}>{t("advocacy.campaigns.progressColumn")}</Table.Th>
          </>
        }
      >
        {items.map((campaign) => (
          <Table.Tr key={campaign.id} data-testid="campaign-row">
            <Table.Td>
              <Anchor component={Link} to={`/campaigns/${campaign.id}`} size="sm" fw={500}>
                {campaign.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {campaign.unitName}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t(`advocacy.goal.${campaign.goalKind}`)}</Text>
              {campaign.channel && (
                <Text size="xs" c="dimmed">
                  {campaign.channel.displayName}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Group gap={6}>
                <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                  {period(campaign.startsOn, campaign.endsOn)}
                </Text>
                <CampaignStateBadge campaign={campaign} />
              </Group>
            </Table.Td>
            <Table.Td>
              <CampaignProgress campaign={campaign} size="sm" />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    );
  }

  return (
    <>
      <PageHeader
        title={t("advocacy.campaigns.title")}
        subtitle={t("advocacy.campaigns.subtitle")}
        actions={
          <>
            <Button variant="default" component={Link} to="/share-kits">
              {t("nav.shareKits")}
            </Button>
            <Button
              leftSection={<PlusIcon size={16} />}
              onClick={() => setCreating(true)}
              data-testid="campaign-new"
            >
              {t("advocacy.campaigns.new")}
            </Button>
          </>
        }
      />
      <ListPanel
        filterColumns={2}
        activeFilters={[unitId, state].filter(Boolean).length}
        filters={
          <>
            <UnitFilter
              label={t("advocacy.kits.filterUnit")}
              permission="advocacy.manage"
              filter={unitFilter}
            />
            <Select
              label={t("advocacy.campaigns.filterState")}
              placeholder={t("advocacy.kits.anyState")}
              clearable
              data={states.map((item) => ({ value: item, label: t(`advocacy.campaignState.${item}`) }))}
              value={state || null}
              onChange={(item) => setFilters({ state: item })}
            />
          </>
        }
        filtered={filtered}
        onClearFilters={clearFilters}
        pagination={{ page, pageSize, total: campaigns.data?.total ?? 0, onChange: setPage }}
      >
        {list}
      </ListPanel>
      <CampaignFormDialog
        opened={creating}
        onClose={() => setCreating(false)}
        campaign={null}
        onSaved={(campaign) => navigate(`/campaigns/${campaign.id}`)}
      />
    </>
  );
}
