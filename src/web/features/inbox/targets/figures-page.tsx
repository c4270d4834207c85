import { Checkbox, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { withQuery } from "../../../backend/client.ts";
import { useSignedInSession } from "../../../backend/session.ts";
import type { ResponseOf } from "../../../backend/typed-client.ts";
import { api } from "../../../backend/typed-client.ts";
import { DateField } from "../../../components/date-fields.tsx";
import { DownloadMenu } from "../../../components/download-menu.tsx";
import { useListFilters } from "../../../components/list-filters.ts";
import { PageHeader } from "../../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../../components/unit-filter.tsx";
import { formatDay, formatNumber, vietnamToday } from "../../../i18n/format.ts";
import { formatDuration } from "../../verification/indicators/duration.ts";
import { InboxLinks } from "../roster/inbox-links.tsx";
import { addDays } from "../roster/roster-api.ts";

type Figures = ResponseOf<"GET", "/api/inbox/figures">;
type FigureRow = Figures["total"];

/** "Số liệu hộp thư": received, first-response and resolution times (median, 90th percentile), breaches. */
export default function InboxFiguresPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const { value, setFilters } = useListFilters();
  const unitId = value("unitId") || session.person.unitId;
  const today = vietnamToday();
  const from = value("from") || addDays(today, -29);
  const to = value("to") || today;
  const subtree = value("subtree") === "no" ? "no" : "yes";
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const badRange = from > to;
  const query = { unitId, from, to, subtree } as const;
  const figures = useQuery({
    queryKey: ["inbox", "figures", query],
    queryFn: () => api("GET", "/api/inbox/figures", { query }),
    enabled: !badRange,
    placeholderData: keepPreviousData,
  });
  const data = figures.data;
  const n = (count: number) => formatNumber(count, i18n.language);
  const minutes = (value: number | null) =>
    value === null
      ? t("inbox.targets.figures.none")
      : formatDuration(value * 60, (key, values) => t(`inbox.targets.duration.${key}`, values));

  return (
    <>
      <InboxLinks />
      <PageHeader
        title={t("inbox.targets.figures.title")}
        subtitle={t("inbox.targets.figures.subtitle")}
        actions={
          <DownloadMenu
            label={t("inbox.targets.figures.download")}
            testId="figures-download"
            files={[
              { label: t("inbox.targets.figures.xlsx"), href: withQuery("/api/inbox/figures.xlsx", query) },
            ]}
          />
        }
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" maw={960}>
          <div style={{ gridColumn: "span 2" }}>
            <UnitFilter label={t("inbox.targets.unit")} permission="inbox.read" filter={unitFilter} />
          </div>
          <DateField
            label={t("inbox.targets.figures.from")}
            value={from}
            max={to}
            onChange={(day) => setFilters({ from: day || null })}
            data-testid="figures-from"
          />
          <DateField
            label={t("inbox.targets.figures.to")}
            value={to}
            min={from}
            onChange={(day) => setFilters({ to: day || null })}
            error={badRange ? t("inbox.targets.figures.badRange") : undefined}
            data-testid="figures-to"
          />
        </SimpleGrid>
        <Checkbox
          label={t("inbox.targets.figures.subtree")}
          checked={subtree === "yes"}
          onChange={(event) => setFilters({ subtree: event.currentTarget.checked ? null : "no" })}
        />
        {figures.isPending && !badRange && <LoadingBlock />}
        {figures.isError && <ErrorBlock error={figures.error} onRetry={() => void figures.refetch()} />}
        {data && data.total.received === 0 && <EmptyBlock title={t("inbox.targets.figures.empty")} />}
        {data && data.total.received > 0 && (
          <>
            <SimpleGrid cols={{ base: 2, sm: 6 }} spacing="xs" data-testid="figures-totals">
              <Figure label={t("inbox.targets.figures.received")} value={n(data.total.received)} />
              <Figure
                label={`${t("inbox.targets.figures.firstResponse")} · ${t("inbox.targets.figures.median")}`}
                value={minutes(data.total.firstResponse.median)}
              />
              <Figure
                label={`${t("inbox.targets.figures.firstResponse")} · ${t("inbox.targets.figures.p90")}`}
                value={minutes(data.total.firstResponse.p90)}
              />
              <Figure
                label={`${t("inbox.targets.figures.resolution")} · ${t("inbox.targets.figures.median")}`}
                value={minutes(data.total.resolution.median)}
              />
              <Figure
                label={`${t("inbox.targets.figures.resolution")} · ${t("inbox.targets.figures.p90")}`}
                value={minutes(data.total.resolution.p90)}
              />
              <Figure label={t("inbox.targets.figures.breaches")} value={n(data.total.breaches)} />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t("inbox.targets.figures.medianHint")}
            </Text>
            <FigureTable
              title={t("inbox.targets.figures.byChannel")}
              first={t("inbox.targets.figures.channel")}
              rows={data.byChannel.map((row) => ({
                key: `${row.source}-${row.kind}-${row.channelName}`,
                // The portal is the unit's own site: named as the app names it everywhere, not by the channel list.
                name: `${row.source === "portal" ? t("inbox.targets.sources.portal") : row.channelName} · ${t(`inbox.targets.conversationKinds.${row.kind}`)}`,
                row,
              }))}
              minutes={minutes}
              count={n}
            />
            <FigureTable
              title={t("inbox.targets.figures.byPerson")}
              first={t("inbox.targets.figures.person")}
              rows={data.byPerson.map((row) => ({ key: row.person.id, name: row.person.fullName, row }))}
              minutes={minutes}
              count={n}
            />
            {data.byUnit.length > 1 && (
              <FigureTable
                title={t("inbox.targets.figures.byUnit")}
                first={t("inbox.targets.unit")}
                rows={data.byUnit.map((row) => ({ key: row.unit.id, name: row.unit.name, row }))}
                minutes={minutes}
                count={n}
              />
            )}
            <FigureTable
              title={t("inbox.targets.figures.byDay")}
              first={t("inbox.targets.figures.day")}
              rows={data.byDay.map((row) => ({ key: row.day, name: formatDay(row.day), row }))}
              nowrapNames
              minutes={minutes}
              count={n}
            />
          </>
        )}
      </Stack>
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

/** One breakdown: received, the two durations (median and 9 in 10) and breaches per row. */
function FigureTable(props: {
  title: string;
  first: string;
  rows: { key: string; name: string; row: FigureRow }[];
  minutes: (value: number | null) => string;
  count: (value: number) => string;
  /** Short names that must not wrap (days). */
  nowrapNames?: boolean;
}) {
  const { t } = useTranslation();
  if (props.rows.length === 0) {
    return null;
  }
  const median = t("inbox.targets.figures.median");
  const p90 = t("inbox.targets.figures.p90");
  return (
    <Paper withBorder p={{ base: "xs", sm: "md" }}>
      <Title order={2} size="h5" mb="xs">
        {props.title}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{props.first}</Table.Th>
              <Table.Th ta="right">{t("inbox.targets.figures.received")}</Table.Th>
              <Table.Th ta="right">
                {t("inbox.targets.figures.firstResponse")} ({median})
              </Table.Th>
              <Table.Th ta="right">
                {t("inbox.targets.figures.firstResponse")} ({p90})
              </Table.Th>
              <Table.Th ta="right">
                {t("inbox.targets.figures.resolution")} ({median})
              </Table.Th>
              <Table.Th ta="right">
                {t("inbox.targets.figures.resolution")} ({p90})
              </Table.Th>
              <Table.Th ta="right">{t("inbox.targets.figures.breaches")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.rows.map(({ key, name, row }) => (
              <Table.Tr key={key}>
                <Table.Td style={props.nowrapNames ? { whiteSpace: "nowrap" } : { overflowWrap: "anywhere" }}>
                  {name}
                </Table.Td>
                <Table.Td ta="right">{props.count(row.received)}</Table.Td>
                <Table.Td ta="right">{props.minutes(row.firstResponse.median)}</Table.Td>
                <Table.Td ta="right">{props.minutes(row.firstResponse.p90)}</Table.Td>
                <Table.Td ta="right">{props.minutes(row.resolution.median)}</Table.Td>
                <Table.Td ta="right">{props.minutes(row.resolution.p90)}</Table.Td>
                <Table.Td ta="right">{props.count(row.breaches)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
