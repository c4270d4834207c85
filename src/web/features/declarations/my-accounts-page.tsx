import { Anchor, Badge, Button, Card, Group, Menu, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../backend/typed-client.ts";
import type { DeclarationStatus, OwnDeclaration } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ChevronDownIcon, PlusIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import {
  DeclarationFormDialog,
  DeclarationStatusDialog,
  ownDeclarationsKey,
  ReportDialog,
} from "./declaration-dialogs.tsx";
import { DeclarationPlatformBadge } from "./declaration-platforms.tsx";

export const memberRequestsKey = ["declarations", "my-requests"] as const;

const statusColors: Record<DeclarationStatus, string> = {
  active: "green",
  closed: "gray",
  compromised: "red",
};

export function DeclarationStatusBadge({ status }: { status: DeclarationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={statusColors[status]}
      size="sm"
      radius="sm"
      tt="none"
      style={{ flexShrink: 0 }}
    >
      {t(`declarations.status.${status}`)}
    </Badge>
  );
}

/** The open requests to review one's declarations, each with its "I have reviewed" button. */
function MemberRequests() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const requests = useQuery({
    queryKey: memberRequestsKey,
    queryFn: () => api("GET", "/api/me/declaration-requests"),
  });
  const respond = useMutation({
    mutationFn: (id: string) => api("POST", "/api/me/declaration-requests/:id/respond", { params: { id } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("declarations.requests.confirmedToast") });
      await client.invalidateQueries({ queryKey: memberRequestsKey });
    },
  });
  if (!requests.data || requests.data.items.length === 0) {
    return requests.error ? <ErrorBlock error={requests.error} onRetry={() => requests.refetch()} /> : null;
  }
  return (
    <Stack gap="sm" mb="lg">
      {requests.data.items.map((request) => (
        <Paper
          key={request.id}
          withBorder
          p="md"
          bg={request.respondedAt ? undefined : "yellow.0"}
          data-testid="member-request"
        >
          <Stack gap={6}>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                {t("declarations.requests.memberTitle")}: {request.title}
              </Text>
              <Group gap={6}>
                <Badge color={request.overdue ? "red" : "blue"} variant="light" tt="none">
                  {t("declarations.requests.due", {
                    date: formatDate(`${request.dueOn}T12:00:00+07:00`, i18n.language),
                  })}
                </Badge>
                {request.overdue && (
                  <Badge color="red" tt="none">
                    {t("declarations.requests.overdue")}
                  </Badge>
                )}
              </Group>
            </Group>
            <Text size="sm" c="dimmed">
              {t("declarations.requests.from", { unit: request.unitName })}
            </Text>
            {request.message && (
              <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                {request.message}
              </Text>
            )}
            {!request.respondedAt && <Text size="sm">{t("declarations.requests.hint")}</Text>}
            <Group gap="sm">
              {request.respondedAt && (
                <Text size="sm" c="green.8" fw={500}>
                  {t("declarations.requests.confirmed", {
                    time: formatDateTime(request.respondedAt, i18n.language),
                  })}
                </Text>
              )}
              <Button
                size="sm"
                variant={request.respondedAt ? "default" : "filled"}
                loading={respond.isPending && respond.variables === request.id}
                onClick={() => respond.mutate(request.id)}
              >
                {request.respondedAt
                  ? t("declarations.requests.confirmAgain")
                  : t("declarations.requests.confirm")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function DeclarationCard(props: {
  declaration: OwnDeclaration;
  onEdit: () => void;
  onStatus: () => void;
  onReport: () => void;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation();
  const d = props.declaration;
  return (
    <Card withBorder padding="md" data-testid="declaration-card">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text fw={600} style={{ overflowWrap: "anywhere" }}>
              {d.displayName}
            </Text>
            <Anchor
              href={d.url}
              target="_blank"
              rel="noopener noreferrer nofollow"
              size="sm"
              style={{ overflowWrap: "anywhere" }}
            >
              {d.url}
            </Anchor>
          </Stack>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                variant="light"
                size="xs"
                rightSection={<ChevronDownIcon size={14} />}
                aria-label={t("declarations.my.actions", { name: d.displayName })}
                style={{ flexShrink: 0 }}
              >
                {t("common.actions")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={props.onEdit}>{t("declarations.my.edit")}</Menu.Item>
              <Menu.Item onClick={props.onStatus}>
                {d.statusAction === "active" ? t("declarations.my.reopen") : t("declarations.my.close")}
              </Menu.Item>
              <Menu.Item color="orange" onClick={props.onReport}>
                {t("declarations.my.report")}
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={props.onDelete}>
                {t("declarations.my.delete")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Group gap={6}>
          <DeclarationPlatformBadge platform={d.platform} />
          <DeclarationStatusBadge status={d.status} />
          <Text size="xs" c="dimmed">
            {t("declarations.my.since", { date: formatDate(d.statusSince, i18n.language) })}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {d.realName ? t("declarations.my.realName") : t("declarations.my.notRealName")}
        </Text>
        {d.reports.map((report) => (
          <Text key={report.id} size="xs" c="orange.9">
            {t("declarations.my.reported", {
              kind: t(`declarations.reportKind.${report.kind}`),
              time: formatDateTime(report.happenedAt, i18n.language),
            })}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

/** "My accounts": the member's own declared public accounts, and the requests to review them. */
export default function MyAccountsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [declaring, setDeclaring] = useState(false);
  const [editing, setEditing] = useState<OwnDeclaration | null>(null);
  const [changingStatus, setChangingStatus] = useState<OwnDeclaration | null>(null);
  const [reporting, setReporting] = useState<OwnDeclaration | null>(null);
  const [deleting, setDeleting] = useState<OwnDeclaration | "all" | null>(null);
  const mine = useQuery({
    queryKey: ownDeclarationsKey,
    queryFn: () => api("GET", "/api/me/declarations"),
  });
  const remove = useMutation({
    mutationFn: (target: OwnDeclaration | "all") =>
      target === "all"
        ? api("DELETE", "/api/me/declarations")
        : api("DELETE", "/api/me/declarations/:id", { params: { id: target.id } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("declarations.my.deleted") });
      setDeleting(null);
      await client.invalidateQueries({ queryKey: ownDeclarationsKey });
    },
  });
  const items = mine.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t("declarations.my.title")}
        subtitle={t("declarations.my.subtitle")}
        actions={
          <Button leftSection={<PlusIcon />} onClick={() => setDeclaring(true)} disabled={!mine.data}>
            {t("declarations.my.declare")}
          </Button>
        }
      />
      <MemberRequests />
      {mine.isPending && <LoadingBlock />}
      {mine.error && <ErrorBlock error={mine.error} onRetry={() => mine.refetch()} />}
      {mine.data && items.length === 0 && (
        <EmptyBlock title={t("declarations.my.empty")}>
          <Text size="sm" c="dimmed" maw={520}>
            {t("declarations.my.emptyHint")}
          </Text>
        </EmptyBlock>
      )}
      {items.length > 0 && (
        <Stack gap="sm">
          {items.map((declaration) => (
            <DeclarationCard
              key={declaration.id}
              declaration={declaration}
              onEdit={() => setEditing(declaration)}
              onStatus={() => setChangingStatus(declaration)}
              onReport={() => setReporting(declaration)}
              onDelete={() => setDeleting(declaration)}
            />
          ))}
        </Stack>
      )}
      {mine.data && (
        <Paper withBorder p="md" mt="lg">
          <Title order={2} size="h5" mb={4}>
            {t("declarations.my.yourData")}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t("declarations.my.privacyNote")}
          </Text>
          <Group gap="sm">
            <Button
              component="a"
              href="/api/me/declarations/export.json"
              download
              variant="default"
              size="sm"
            >
              {t("declarations.my.exportJson")}
            </Button>
            <Button component="a" href="/api/me/declarations/export.csv" download variant="default" size="sm">
              {t("declarations.my.exportCsv")}
            </Button>
            {items.length > 0 && (
              <Button color="red" variant="light" size="sm" onClick={() => setDeleting("all")}>
                {t("declarations.my.deleteAll")}
              </Button>
            )}
          </Group>
        </Paper>
      )}

      {mine.data && (declaring || editing) && (
        <DeclarationFormDialog
          opened
          purpose={mine.data.purpose}
          editing={editing}
          onClose={() => {
            setDeclaring(false);
            setEditing(null);
          }}
        />
      )}
      {changingStatus && (
        <DeclarationStatusDialog declaration={changingStatus} onClose={() => setChangingStatus(null)} />
      )}
      {reporting && <ReportDialog declaration={reporting} onClose={() => setReporting(null)} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting === "all" ? t("declarations.my.deleteAll") : t("declarations.my.delete")}
        confirmLabel={t("declarations.my.delete")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        <Text size="sm">
          {deleting === "all"
            ? t("declarations.my.deleteAllConfirm", { count: items.length })
            : t("declarations.my.deleteOneConfirm", { name: deleting?.displayName ?? "" })}
        </Text>
      </ConfirmDialog>
    </>
  );
}
