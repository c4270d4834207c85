import {
  Anchor,
  Avatar,
  Box,
  Button,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import type { ChannelHistoryEntry, ChannelStatus } from "../../backend/types.ts";
import { ChevronRightIcon, DotsIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format.ts";
import {
  ChannelStatusDialog,
  HandOverDialog,
  RemoveChannelDialog,
  VerifyDialog,
} from "./channel-action-dialogs.tsx";
import { ChannelStatusBadge, handleLabelKey, PlatformBadge } from "./channel-badges.tsx";
import { ChannelFormDialog } from "./channel-form-dialog.tsx";
import { ConnectionCard } from "./connection-card.tsx";

type Dialog =
  | { kind: "edit" | "handOver" | "verify" | "remove" }
  | { kind: "status"; status: ChannelStatus }
  | null;

/** Field names of an edit, as recorded by the server, to the labels of the form. */
const fieldLabelKeys: Record<string, string> = {
  url: "channels.fields.url",
  key: "channels.fields.key",
  platform: "channels.fields.platform",
  displayName: "channels.fields.displayName",
  handle: "channels.fields.handle",
  platformId: "channels.fields.platformId",
  avatarUrl: "channels.fields.avatarUrl",
  responsiblePersonId: "channels.fields.responsiblePerson",
  followerCount: "channels.fields.followerCount",
  followersCountedOn: "channels.fields.followersCountedOn",
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Box fz="sm" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Box>
    </Box>
  );
}

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

/** What one history entry changed, in sentences. */
function HistoryDetails({ entry }: { entry: ChannelHistoryEntry }) {
  const { t, i18n } = useTranslation();
  const details = entry.details ?? {};
  const lines: string[] = [];
  if (entry.change === "created" || entry.change === "imported") {
    const name = text(details.displayName);
    if (name) {
      lines.push(t("channels.detail.registeredAs", { name }));
    }
    const url = text(details.url);
    if (url) {
      lines.push(url);
    }
  } else if (entry.change === "edited") {
    const changed =
      details.changed && typeof details.changed === "object" ? Object.keys(details.changed) : [];
    // The key and the platform follow from the address; naming the address is enough.
    const shown = changed.filter(
      (field) => field !== "key" && !(field === "platform" && changed.includes("url")),
    );
    if (shown.length > 0) {
      lines.push(
        t("channels.detail.changedFields", {
          fields: shown.map((field) => (fieldLabelKeys[field] ? t(fieldLabelKeys[field]) : field)).join(", "),
        }),
      );
    }
  } else if (entry.change === "status_changed") {
    const from = text(details.from);
    const to = text(details.to);
    const since = text(details.since);
    if (from && to) {
      lines.push(
        t("channels.detail.statusChange", {
          from: t(`channels.status.${from}`, { defaultValue: from }),
          to: t(`channels.status.${to}`, { defaultValue: to }),
          since: formatDate(since ?? entry.at, i18n.language),
        }),
      );
    }
  } else if (entry.change === "handed_over") {
    if (entry.fromUnitName) {
      lines.push(t("channels.detail.fromUnit", { unit: entry.fromUnitName }));
    }
    if (entry.unitName) {
      lines.push(t("channels.detail.toUnit", { unit: entry.unitName }));
    }
  } else if (entry.change === "removed") {
    const reason = text(details.reason);
    if (reason) {
      lines.push(t("channels.detail.reason", { reason }));
    }
  }
  const note = text(details.note);
  if (note) {
    lines.push(t("channels.detail.note", { note }));
  }
  return (
    <>
      {lines.map((line) => (
        <Text key={line} size="sm" style={{ overflowWrap: "anywhere" }}>
          {line}
        </Text>
      ))}
    </>
  );
}

/** One channel: every field, its status and verification, its history and the actions the person may take. */
export default function ChannelDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const channel = useQuery({
    queryKey: ["channels", "detail", id],
    queryFn: () => api("GET", "/api/channels/:id", { params: { id } }),
  });

  if (channel.isPending) {
    return <LoadingBlock />;
  }
  if (channel.isError) {
    return <ErrorBlock error={channel.error} onRetry={() => void channel.refetch()} />;
  }
  const data = channel.data;
  // The server answers with the channel whether the reader may change it (channels' policy).
  const manage = data.canManage;
  const history = [...data.history].reverse();
  const language = i18n.language;
  const close = () => setDialog(null);

  return (
    <>
      <Group gap={4} mb="xs" wrap="nowrap">
        <Anchor component={Link} to="/channels" size="sm" style={{ flexShrink: 0 }}>
          {t("channels.detail.allChannels")}
        </Anchor>
        <ChevronRightIcon size={14} style={{ flexShrink: 0 }} />
        <Text size="sm" c="dimmed" truncate>
          {data.displayName}
        </Text>
      </Group>
      <PageHeader
        title={data.displayName}
        subtitle={
          <Group gap={6}>
            <PlatformBadge platform={data.platform} />
            <ChannelStatusBadge status={data.status} />
            <Text size="xs" c="dimmed">
              {t("channels.statusSince", { date: formatDate(data.statusSince, language) })}
            </Text>
          </Group>
        }
        actions={
          manage && (
            <>
              <Button variant="default" onClick={() => setDialog({ kind: "edit" })}>
                {t("channels.actions.edit")}
              </Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" rightSection={<DotsIcon size={16} />}>
                    {t("channels.actions.more")}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setDialog({ kind: "verify" })}>
                    {t("channels.actions.verify")}
                  </Menu.Item>
                  {data.status !== "closed" && (
                    <Menu.Item onClick={() => setDialog({ kind: "status", status: "closed" })}>
                      {t("channels.actions.close")}
                    </Menu.Item>
                  )}
                  {data.status !== "lost_control" && (
                    <Menu.Item onClick={() => setDialog({ kind: "status", status: "lost_control" })}>
                      {t("channels.actions.lostControl")}
                    </Menu.Item>
                  )}
                  {data.status !== "active" && (
                    <Menu.Item onClick={() => setDialog({ kind: "status", status: "active" })}>
                      {t("channels.actions.reactivate")}
                    </Menu.Item>
                  )}
                  <Menu.Item onClick={() => setDialog({ kind: "handOver" })}>
                    {t("channels.actions.handOver")}
                  </Menu.Item>
                  <Menu.Divider />
                  <Menu.Item color="red" onClick={() => setDialog({ kind: "remove" })}>
                    {t("channels.actions.remove")}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </>
          )
        }
      />

      <Stack gap="md">
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t("channels.detail.details")}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
            <Field label={t("channels.fields.url")}>
              <Anchor href={data.url} target="_blank" rel="noopener noreferrer nofollow">
                {data.url}
              </Anchor>
            </Field>
            <Field label={t("channels.fields.unit")}>
              <Anchor component={Link} to={`/units/${data.unitId}`}>
                {data.unitName}
              </Anchor>
            </Field>
            <Field label={t("channels.fields.status")}>
              {t(`channels.status.${data.status}`)} ·{" "}
              {t("channels.statusSince", { date: formatDate(data.statusSince, language) })}
            </Field>
            <Field label={t("channels.fields.verified")}>
              {data.verifiedAt
                ? t("channels.verifiedBy", {
                    name: data.verifiedByName ?? t("common.none"),
                    at: formatDateTime(data.verifiedAt, language),
                  })
                : t("channels.notVerified")}
            </Field>
            <Field label={t(handleLabelKey(data.platform))}>{data.handle ?? t("common.none")}</Field>
            <Field label={t("channels.fields.platformId")}>{data.platformId ?? t("common.none")}</Field>
            <Field label={t("channels.fields.responsiblePerson")}>
              {data.responsiblePersonName ?? t("common.none")}
            </Field>
            <Field label={t("channels.fields.followerCount")}>
              {data.followerCount === null
                ? t("common.none")
                : data.followersCountedOn
                  ? t("channels.followersOn", {
                      n: formatNumber(data.followerCount, language),
                      date: formatDate(data.followersCountedOn, language),
                    })
                  : t("channels.followers", { n: formatNumber(data.followerCount, language) })}
            </Field>
            <Field label={t("channels.fields.avatarUrl")}>
              {data.avatarUrl ? (
                <Group gap="xs" wrap="nowrap">
                  <Avatar src={data.avatarUrl} alt="" size="sm" />
                  <Text size="sm" style={{ overflowWrap: "anywhere", minWidth: 0 }}>
                    {data.avatarUrl}
                  </Text>
                </Group>
              ) : (
                t("common.none")
              )}
            </Field>
            <Field label={t("channels.fields.createdAt")}>{formatDateTime(data.createdAt, language)}</Field>
            <Field label={t("channels.fields.updatedAt")}>{formatDateTime(data.updatedAt, language)}</Field>
          </SimpleGrid>
          <Anchor
            href={`/kiem-tra?url=${encodeURIComponent(data.url)}`}
            size="sm"
            mt="md"
            display="inline-block"
          >
            {t("channels.detail.publicCheck")}
          </Anchor>
        </Paper>

        {manage && <ConnectionCard channel={data} />}

        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t("channels.detail.history")}
          </Title>
          {history.length === 0 ? (
            <EmptyBlock title={t("channels.detail.noHistory")} />
          ) : (
            <Timeline bulletSize={14} lineWidth={2} active={0} data-testid="channel-history">
              {history.map((entry) => (
                <Timeline.Item
                  key={entry.id}
                  title={t(`channels.change.${entry.change}`, { defaultValue: entry.change })}
                >
                  <Text size="xs" c="dimmed">
                    {formatDateTime(entry.at, language)} ·{" "}
                    {entry.actorName
                      ? t("channels.detail.by", { name: entry.actorName })
                      : t("channels.detail.bySystem")}
                  </Text>
                  <HistoryDetails entry={entry} />
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Paper>
      </Stack>

      {manage && dialog?.kind === "edit" && (
        <ChannelFormDialog channel={data} defaultUnit={null} opened onClose={close} />
      )}
      {manage && dialog?.kind === "status" && (
        <ChannelStatusDialog channel={data} status={dialog.status} opened onClose={close} />
      )}
      {manage && dialog?.kind === "handOver" && <HandOverDialog channel={data} opened onClose={close} />}
      {manage && dialog?.kind === "verify" && <VerifyDialog channel={data} opened onClose={close} />}
      {manage && dialog?.kind === "remove" && (
        <RemoveChannelDialog
          channel={data}
          opened
          onClose={close}
          onRemoved={() => navigate("/channels", { replace: true })}
        />
      )}
    </>
  );
}
