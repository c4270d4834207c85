import { Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatNumber, formatPercent } from "../../i18n/format.ts";
import { Completion, dueDateText, requestsKey } from "./requests-page.tsx";

/** One request: totals, and how far each unit of the subtree has got (counts only). */
export default function DeclarationRequestDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const phone = usePhoneLayout();
  const [closing, setClosing] = useState(false);
  const detail = useQuery({
    queryKey: [...requestsKey, "detail", id],
    queryFn: () => api("GET", "/api/declaration-requests/:id", { params: { id } }),
    // Completion changes as members answer; a manager watching the page sees it move.
    refetchInterval: 30_000,
  });
  const close = useMutation({
    mutationFn: () => api("POST", "/api/declaration-requests/:id/close", { params: { id } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("declarations.requests.closed") });
      setClosing(false);
      await client.invalidateQueries({ queryKey: requestsKey });
    },
  });
  if (detail.isPending) {
    return <LoadingBlock />;
  }
  if (detail.error) {
    return <ErrorBlock error={detail.error} onRetry={() => detail.refetch()} />;
  }
  const request = detail.data;
  const number = (value: number) => formatNumber(value, i18n.language);
  const rate = (responded: number, members: number) =>
    members > 0 ? formatPercent(Math.round((responded / members) * 100), i18n.language) : "—";

  return (
    <>
      <PageHeader
        back={{ to: "/declarations/requests", label: t("declarations.requests.back") }}
        title={request.title}
        subtitle={`${request.unitName} · ${t("declarations.requests.due", { date: dueDateText(request.dueOn, i18n.language) })}`}
        actions={
          request.canClose ? (
            <Button variant="light" color="red" onClick={() => setClosing(true)}>
              {t("declarations.requests.close")}
            </Button>
          ) : (
            <Badge color="gray" tt="none">
              {t("declarations.requests.closed")}
            </Badge>
          )
        }
      />
      <Paper withBorder p="md" mb="md" data-testid="request-total">
        <Completion responded={request.responded} members={request.members} />
        {request.message && (
          <Text size="sm" mt="sm" style={{ whiteSpace: "pre-line" }}>
            {request.message}
          </Text>
        )}
      </Paper>
      <Text fw={600} mb="xs">
        {t("declarations.requests.perUnit")}
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        {t("declarations.requests.countsOnly")}
      </Text>
      {phone ? (
        <Stack gap="xs">
          {request.units.map((unit) => (
            <Paper key={unit.id} withBorder p="sm" ml={Math.min(unit.depth, 4) * 12}>
              <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
                {unit.name}
              </Text>
              <Completion responded={unit.subtreeResponded} members={unit.subtreeMembers} />
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("declarations.requests.unitCol")}</Table.Th>
              <Table.Th ta="right">{t("declarations.requests.membersCol")}</Table.Th>
              <Table.Th ta="right">{t("declarations.requests.respondedCol")}</Table.Th>
              <Table.Th ta="right">{t("declarations.requests.rateCol")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {request.units.map((unit) => (
              <Table.Tr key={unit.id}>
                <Table.Td style={{ paddingLeft: 12 + unit.depth * 20 }}>{unit.name}</Table.Td>
                <Table.Td ta="right">{number(unit.subtreeMembers)}</Table.Td>
                <Table.Td ta="right">{number(unit.subtreeResponded)}</Table.Td>
                <Table.Td ta="right">{rate(unit.subtreeResponded, unit.subtreeMembers)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group mt="md" />
      <ConfirmDialog
        opened={closing}
        title={t("declarations.requests.close")}
        confirmLabel={t("declarations.requests.close")}
        loading={close.isPending}
        error={close.error}
        onConfirm={() => close.mutate()}
        onClose={() => setClosing(false)}
      >
        <Text size="sm">{t("declarations.requests.closeConfirm")}</Text>
      </ConfirmDialog>
    </>
  );
}
