import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import { DateField } from "../../components/date-fields.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { PlusIcon } from "../../components/icons.tsx";
import { useMissingField } from "../../components/invalid-field.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { PaginationBar } from "../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { formatDate, formatNumber, formatPercent, vietnamToday } from "../../i18n/format.ts";

const pageSize = 20;
export const requestsKey = ["declarations", "requests"] as const;

/** "12/40 đã xác nhận" with a bar: how far a request (or a unit) has got. */
export function Completion(props: { responded: number; members: number }) {
  const { t, i18n } = useTranslation();
  const rate = props.members > 0 ? Math.round((props.responded / props.members) * 100) : 0;
  return (
    <Stack gap={4}>
      <Text size="sm">
        {t("declarations.requests.progress", {
          responded: formatNumber(props.responded, i18n.language),
          members: formatNumber(props.members, i18n.language),
        })}{" "}
        · {formatPercent(rate, i18n.language)}
      </Text>
      <Progress
        value={rate}
        size="sm"
        color={rate === 100 ? "green" : "blue"}
        aria-label={formatPercent(rate, i18n.language)}
      />
    </Stack>
  );
}

export function dueDateText(dueOn: string, language: string): string {
  return formatDate(`${dueOn}T12:00:00+07:00`, language);
}

function CreateRequestDialog(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [title, setTitle] = useState(t("declarations.requests.titleDefault"));
  const [message, setMessage] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [tried, setTried] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      api("POST", "/api/declaration-requests", {
        body: { unitId: unit?.id ?? "", title: title.trim(), message: message.trim() || null, dueOn },
      }),
    onSuccess: async (result) => {
      notifications.show({
        color: "green",
        message: t("declarations.requests.created", { count: result.reminders.length }),
      });
      await client.invalidateQueries({ queryKey: requestsKey });
      props.onClose();
    },
  });
  const submit = () => {
    setTried(true);
    if (unit && title.trim() && dueOn) {
      create.mutate();
    }
  };
  const missing = useMissingField();
  return (
    <FormDialog
      opened
      onClose={props.onClose}
      title={t("declarations.requests.create")}
      size="lg"
      gap="sm"
      onSubmit={submit}
      submitLabel={t("declarations.requests.create")}
      loading={create.isPending}
      error={create.error}
    >
      <UnitPicker
        label={t("declarations.requests.unit")}
        permission="declarations.manage"
        required
        value={unit}
        onChange={setUnit}
        error={tried && !unit ? missing.choose(t("declarations.requests.unit")) : undefined}
        data-testid="request-unit"
      />
      <TextInput
        label={t("declarations.requests.titleField")}
        required
        maxLength={300}
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
        error={tried && !title.trim() ? missing.fill(t("declarations.requests.titleField")) : undefined}
      />
      <Textarea
        label={t("declarations.requests.message")}
        autosize
        minRows={2}
        maxLength={4000}
        value={message}
        onChange={(event) => setMessage(event.currentTarget.value)}
      />
      <DateField
        label={t("declarations.requests.dueOn")}
        required
        min={vietnamToday()}
        value={dueOn}
        onChange={setDueOn}
        error={tried && !dueOn ? missing.fill(t("declarations.requests.dueOn")) : undefined}
        data-testid="request-due"
      />
    </FormDialog>
  );
}

/** The declaration requests an administrator has sent, with their completion; send a new one. */
export default function DeclarationRequestsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [creating, setCreating] = useState(false);
  const requests = useQuery({
    queryKey: [...requestsKey, page],
    queryFn: () => api("GET", "/api/declaration-requests", { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t("declarations.requests.title")}
        subtitle={t("declarations.requests.subtitle")}
        actions={
          <Button leftSection={<PlusIcon />} onClick={() => setCreating(true)}>
            {t("declarations.requests.create")}
          </Button>
        }
      />
      {requests.isPending && <LoadingBlock />}
      {requests.error && <ErrorBlock error={requests.error} onRetry={() => requests.refetch()} />}
      {requests.data && requests.data.total === 0 && <EmptyBlock title={t("declarations.requests.empty")} />}
      <Stack gap="sm">
        {requests.data?.items.map((request) => (
          <Card key={request.id} withBorder padding="md" data-testid="request-card">
            <Stack gap={6}>
              <Group justify="space-between" gap="xs" align="flex-start">
                <Anchor
                  component={Link}
                  to={`/declarations/requests/${request.id}`}
                  fw={600}
                  style={{ overflowWrap: "anywhere" }}
                >
                  {request.title}
                </Anchor>
                <Badge
                  tt="none"
                  variant="light"
                  color={request.closedAt ? "gray" : request.overdue ? "red" : "blue"}
                  style={{ flexShrink: 0 }}
                >
                  {request.closedAt
                    ? t("declarations.requests.closed")
                    : request.overdue
                      ? t("declarations.requests.overdue")
                      : t("declarations.requests.open")}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {request.unitName} ·{" "}
                {t("declarations.requests.due", { date: dueDateText(request.dueOn, i18n.language) })}
              </Text>
              <Completion responded={request.responded} members={request.members} />
            </Stack>
          </Card>
        ))}
      </Stack>
      {requests.data && requests.data.total > 0 && (
        <PaginationBar
          page={page}
          pageSize={pageSize}
          total={requests.data.total}
          onChange={(next) => setParams({ page: String(next) })}
        />
      )}
      {creating && <CreateRequestDialog onClose={() => setCreating(false)} />}
    </>
  );
}
