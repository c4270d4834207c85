import {
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import type { Campaign, CampaignReport, FollowerCountBody } from "../../backend/types.ts";
import { DateField } from "../../components/date-fields.tsx";
import { Fact } from "../../components/fact.tsx";
import { DownloadIcon, PlusIcon } from "../../components/icons.tsx";
import { useMissingField } from "../../components/invalid-field.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ErrorBlock, FormError, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDate, formatNumber, vietnamToday } from "../../i18n/format.ts";
import { advocacyKeys, fetchCampaign, fetchCampaignReport, fetchFollowers } from "./advocacy-api.ts";
import { CampaignFormDialog } from "./campaign-form-dialog.tsx";
import { CampaignProgress } from "./campaign-progress.tsx";
import { CampaignStateBadge } from "./kit-badges.tsx";
import { DayChartBlock, Figures, FigureTable, measureColors } from "./report-blocks.tsx";

/** Units ranked by their total, or by their total per active member (units differ in size). */
function Leaderboard({ report }: { report: CampaignReport }) {
  const { t, i18n } = useTranslation();
  const [by, setBy] = useState<"total" | "perMember">("total");
  const n = (value: number) => formatNumber(value, i18n.language);
  const perMember = (value: number) => formatNumber(value, i18n.language, 2);
  const rows = [...report.leaderboard].sort((a, b) =>
    by === "total" ? a.rankByTotal - b.rankByTotal : a.rankByPerMember - b.rankByPerMember,
  );
  const measure = t(`advocacy.goalUnit.${report.campaign.goalKind === "shares" ? "shares" : "clicks"}`);
  return (
    <FigureTable
      title={t("advocacy.campaign.leaderboard")}
      testId="campaign-leaderboard"
      minWidth={0}
      fitsPhone
      note={
        <Stack gap={4} mb="xs">
          <SegmentedControl
            size="xs"
            fullWidth
            value={by}
            onChange={(value) => setBy(value as typeof by)}
            data={[
              { value: "total", label: t("advocacy.campaign.byTotal") },
              { value: "perMember", label: t("advocacy.campaign.byPerMember") },
            ]}
          />
          <Text size="xs" c="dimmed">
            {by === "total"
              ? t("advocacy.campaign.byTotalHint", { measure })
              : t("advocacy.campaign.byPerMemberHint", { measure })}
          </Text>
        </Stack>
      }
      columns={[
        { label: "#", numeric: true },
        { label: t("advocacy.report.unit") },
        {
          label: by === "total" ? t("advocacy.campaign.total") : t("advocacy.campaign.perMember"),
          numeric: true,
        },
        {
          label: by === "total" ? t("advocacy.campaign.perMember") : t("advocacy.campaign.total"),
          numeric: true,
          phone: false,
        },
        { label: t("advocacy.campaign.members"), numeric: true },
      ]}
      rows={rows.map((row) => ({
        key: row.unitId,
        cells: [
          by === "total" ? row.rankByTotal : row.rankByPerMember,
          row.unitName,
          <Text key="main" size="sm" fw={700} span>
            {by === "total" ? n(row.total) : perMember(row.perMember)}
          </Text>,
          by === "total" ? perMember(row.perMember) : n(row.total),
          n(row.members),
        ],
      }))}
      empty={t("advocacy.report.nothingYet")}
    />
  );
}

/** Follower counts of the goal's channel, entered by hand by date (the platforms give no history). */
function FollowerCounts({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const missing = useMissingField();
  const client = useQueryClient();
  const [onDate, setOnDate] = useState(vietnamToday());
  const [followers, setFollowers] = useState<number | "">("");
  const [tried, setTried] = useState(false);
  const counts = useQuery({
    queryKey: advocacyKeys.followers(campaign.id),
    queryFn: () => fetchFollowers(campaign.id),
  });
  const save = useMutation({
    mutationFn: () => {
      const body: FollowerCountBody = { onDate, followers: Number(followers) };
      return api("POST", "/api/campaigns/:id/followers", { params: { id: campaign.id }, body });
    },
    onSuccess: () => {
      setFollowers("");
      setTried(false);
      notifications.show({ color: "green", message: t("advocacy.followers.saved") });
      void client.invalidateQueries({ queryKey: advocacyKeys.followers(campaign.id) });
      void client.invalidateQueries({ queryKey: advocacyKeys.campaignReport(campaign.id) });
      void client.invalidateQueries({ queryKey: advocacyKeys.campaign(campaign.id) });
      void client.invalidateQueries({ queryKey: advocacyKeys.campaigns });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (onDate && followers !== "") {
      save.mutate();
    }
  };
  const items = [...(counts.data?.items ?? [])].sort((a, b) => b.onDate.localeCompare(a.onDate));
  return (
    <Paper withBorder p={{ base: "xs", sm: "md" }} data-testid="campaign-followers">
      <Title order={3} size="h5" mb={4}>
        {t("advocacy.followers.title")}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t("advocacy.followers.hint", { channel: campaign.channel?.displayName ?? "" })}
      </Text>
      <form noValidate onSubmit={submit}>
        <Group align="flex-end" gap="xs" wrap="wrap">
          <DateField
            label={t("advocacy.followers.date")}
            required
            max={vietnamToday()}
            value={onDate}
            onChange={setOnDate}
            error={tried && !onDate ? missing.fill(t("advocacy.followers.date")) : undefined}
            w={160}
            data-testid="followers-date"
          />
          <NumberInput
            label={t("advocacy.followers.count")}
            required
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator="."
            decimalSeparator=","
            value={followers}
            onChange={(value) => setFollowers(typeof value === "number" ? value : "")}
            error={tried && followers === "" ? missing.fill(t("advocacy.followers.count")) : undefined}
            w={160}
            data-testid="followers-count"
          />
          <Button type="submit" loading={save.isPending} leftSection={<PlusIcon size={14} />}>
            {t("advocacy.followers.save")}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t("advocacy.followers.replaces")}
        </Text>
        <FormError error={save.error} />
      </form>
      {counts.isError && <ErrorBlock error={counts.error} onRetry={() => void counts.refetch()} />}
      <Stack gap={2} mt="sm">
        {items.length === 0 && counts.isSuccess && (
          <Text size="sm" c="dimmed">
            {t("advocacy.followers.none")}
          </Text>
        )}
        {items.map((item) => (
          <Group key={item.onDate} justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">{formatDate(item.onDate, i18n.language)}</Text>
            <Text size="sm" fw={600}>
              {formatNumber(item.followers, i18n.language)}
              {item.enteredByName && (
                <Text span size="xs" c="dimmed" fw={400}>
                  {" "}
                  · {item.enteredByName}
                </Text>
              )}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** A campaign's page: its goal and progress, the units' leaderboard, named people who agreed, its kits. */
export default function CampaignDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const campaign = useQuery({ queryKey: advocacyKeys.campaign(id), queryFn: () => fetchCampaign(id) });
  const report = useQuery({
    queryKey: advocacyKeys.campaignReport(id),
    queryFn: () => fetchCampaignReport(id),
  });
  const n = (value: number) => formatNumber(value, i18n.language);

  if (campaign.isPending) {
    return <LoadingBlock />;
  }
  if (campaign.isError) {
    return <ErrorBlock error={campaign.error} onRetry={() => void campaign.refetch()} />;
  }
  const data = campaign.data;
  const r = report.data;

  return (
    <>
      <PageHeader
        back={{ to: "/campaigns", label: t("advocacy.campaigns.title") }}
        title={data.name}
        subtitle={
          <Group gap="xs" mt={2}>
            <CampaignStateBadge campaign={data} />
            <Text size="sm" c="dimmed">
              {data.unitName}
            </Text>
          </Group>
        }
        actions={
          <>
            <Button
              component="a"
              href={`/api/campaigns/${data.id}/report.xlsx`}
              download
              variant="default"
              leftSection={<DownloadIcon size={16} />}
              data-testid="campaign-xlsx"
            >
              {t("advocacy.report.xlsx")}
            </Button>
            <Button variant="default" onClick={() => setEditing(true)} data-testid="campaign-edit">
              {t("advocacy.kit.edit")}
            </Button>
            <Button
              component={Link}
              to={`/share-kits/new?campaignId=${data.id}&unitId=${data.unitId}`}
              leftSection={<PlusIcon size={16} />}
            >
              {t("advocacy.campaign.newKit")}
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <Paper withBorder p={{ base: "sm", sm: "md" }}>
          <Stack gap="sm">
            {data.description && (
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {data.description}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <Fact label={t("advocacy.campaigns.goal")}>
                {t(`advocacy.goal.${data.goalKind}`)}
                {data.channel && (
                  <>
                    {" · "}
                    <Anchor href={data.channel.url} target="_blank" rel="noopener noreferrer" size="sm">
                      {data.channel.displayName}
                    </Anchor>
                  </>
                )}
              </Fact>
              <Fact label={t("advocacy.campaigns.period")}>
                {formatDate(data.startsOn, i18n.language)} – {formatDate(data.endsOn, i18n.language)}
              </Fact>
              <Fact label={t("advocacy.campaignForm.units")}>
                {data.units.map((unit) => unit.name).join(", ")}
              </Fact>
            </SimpleGrid>
            <CampaignProgress campaign={data} size="lg" />
          </Stack>
        </Paper>

        {report.isPending && <LoadingBlock />}
        {report.isError && <ErrorBlock error={report.error} onRetry={() => void report.refetch()} />}
        {r && (
          <>
            <Figures
              items={[
                { label: t("advocacy.report.clicks"), value: r.totals.clicks, testId: "campaign-clicks" },
                { label: t("advocacy.report.uniqueVisitors"), value: r.totals.uniqueVisitors },
                {
                  label: t("advocacy.report.previews"),
                  value: r.totals.previews,
                  hint: t("advocacy.report.previewsHint"),
                },
                { label: t("advocacy.report.bots"), value: r.totals.bots },
                { label: t("advocacy.report.shares"), value: r.totals.shares },
                { label: t("advocacy.campaign.kits"), value: r.kits.length },
              ]}
            />
            {data.goalKind === "followers" && <FollowerCounts campaign={data} />}
            <DayChartBlock
              title={t("advocacy.report.overTime")}
              days={r.byDay.map((row) => row.day)}
              series={[
                {
                  name: t("advocacy.report.clicks"),
                  values: r.byDay.map((row) => row.clicks),
                  color: measureColors.clicks,
                },
                {
                  name: t("advocacy.report.previews"),
                  values: r.byDay.map((row) => row.previews),
                  color: measureColors.previews,
                },
                {
                  name: t("advocacy.report.shares"),
                  values: r.byDay.map((row) => row.shares),
                  color: measureColors.shares,
                  kind: "bar",
                },
              ]}
            />
            <Leaderboard report={r} />
            <FigureTable
              title={t("advocacy.campaign.people")}
              testId="campaign-people"
              minWidth={400}
              note={
                <Text size="xs" c="dimmed" mb="xs">
                  {t("advocacy.campaign.peopleHint")}
                </Text>
              }
              columns={[
                { label: t("advocacy.campaign.person") },
                { label: t("advocacy.report.unit") },
                { label: t("advocacy.report.clicks"), numeric: true },
                { label: t("advocacy.report.shares"), numeric: true },
              ]}
              rows={r.people.map((person) => ({
                key: person.personId,
                cells: [person.fullName, person.unitName, n(person.clicks), n(person.shares)],
              }))}
              empty={t("advocacy.campaign.nobodyNamed")}
            />
            <FigureTable
              title={t("advocacy.campaign.kitsTitle")}
              testId="campaign-kits"
              minWidth={400}
              columns={[
                { label: t("advocacy.kitForm.title") },
                { label: t("advocacy.report.clicks"), numeric: true },
                { label: t("advocacy.report.previews"), numeric: true },
                { label: t("advocacy.report.shares"), numeric: true },
              ]}
              rows={r.kits.map((kit) => ({
                key: kit.id,
                cells: [
                  <Anchor key="title" component={Link} to={`/share-kits/${kit.id}`} size="sm">
                    {kit.title}
                  </Anchor>,
                  n(kit.clicks),
                  n(kit.previews),
                  n(kit.shares),
                ],
              }))}
              empty={t("advocacy.campaign.noKits")}
            />
          </>
        )}
      </Stack>
      <CampaignFormDialog opened={editing} onClose={() => setEditing(false)} campaign={data} />
    </>
  );
}
