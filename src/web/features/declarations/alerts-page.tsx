import { Anchor, Badge, Button, Card, Group, Stack, Switch, Text } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { PaginationBar } from "../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { DeclarationPlatformBadge } from "./declaration-platforms.tsx";

const pageSize = 20;
const alertsKey = ["declarations", "alerts"] as const;

/** Members' reports of accounts taken over or impersonated, for their administrators to act on. */
export default function DeclarationAlertsPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const onlyOpen = params.get("all") !== "1";
  const alerts = useQuery({
    queryKey: [...alertsKey, onlyOpen, page],
    queryFn: () =>
      api("GET", "/api/declaration-alerts", {
        query: { open: onlyOpen ? "true" : undefined, page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });
  const acknowledge = useMutation({
    mutationFn: (id: string) => api("POST", "/api/declaration-alerts/:id/acknowledge", { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: alertsKey }),
  });
  const time = (iso: string) => formatDateTime(iso, i18n.language);

  return (
    <>
      <PageHeader title={t("declarations.alerts.title")} subtitle={t("declarations.alerts.subtitle")} />
      <Switch
        mb="md"
        label={t("declarations.alerts.onlyOpen")}
        checked={onlyOpen}
        onChange={(event) => setParams(event.currentTarget.checked ? {} : { all: "1" })}
      />
      {alerts.isPending && <LoadingBlock />}
      {alerts.error && <ErrorBlock error={alerts.error} onRetry={() => alerts.refetch()} />}
      {alerts.data && alerts.data.total === 0 && <EmptyBlock title={t("declarations.alerts.empty")} />}
      <Stack gap="sm">
        {alerts.data?.items.map((alert) => (
          <Card key={alert.id} withBorder padding="md" data-testid="alert-card">
            <Stack gap={6}>
              <Group gap={6}>
                <Badge color={alert.kind === "compromised" ? "red" : "orange"} tt="none">
                  {t(`declarations.reportKind.${alert.kind}`)}
                </Badge>
                <DeclarationPlatformBadge platform={alert.account.platform} />
              </Group>
              <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                {alert.member.fullName} · {alert.member.unitName}
              </Text>
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {alert.account.displayName} —{" "}
                <Anchor href={alert.account.url} target="_blank" rel="noopener noreferrer nofollow" size="sm">
                  {alert.account.url}
                </Anchor>
              </Text>
              {alert.impersonatorUrl && (
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {t("declarations.alerts.fake")} {alert.impersonatorUrl}
                </Text>
              )}
              {alert.description && (
                <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-line" }}>
                  “{alert.description}”
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {t("declarations.alerts.happened", { time: time(alert.happenedAt) })} ·{" "}
                {t("declarations.alerts.reported", { time: time(alert.createdAt) })}
              </Text>
              {alert.acknowledgedAt && (
                <Text size="sm" c="green.8">
                  {t("declarations.alerts.acknowledged", {
                    name: alert.acknowledgedBy?.fullName ?? "",
                    time: time(alert.acknowledgedAt),
                  })}
                </Text>
              )}
              {alert.canAcknowledge && (
                <Group>
                  <Button
                    size="xs"
                    loading={acknowledge.isPending && acknowledge.variables === alert.id}
                    onClick={() => acknowledge.mutate(alert.id)}
                  >
                    {t("declarations.alerts.acknowledge")}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
      {alerts.data && alerts.data.total > 0 && (
        <PaginationBar
          page={page}
          pageSize={pageSize}
          total={alerts.data.total}
          onChange={(next) => setParams({ ...(onlyOpen ? {} : { all: "1" }), page: String(next) })}
        />
      )}
    </>
  );
}
