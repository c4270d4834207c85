import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ResponseOf } from "../../../backend/typed-client.ts";
import { api } from "../../../backend/typed-client.ts";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { InvalidFieldNotice, useFirstInvalidField } from "../../../components/invalid-field.tsx";
import { EmptyBlock, ErrorBlock, FormError, LoadingBlock } from "../../../components/state-blocks.tsx";

type Office = ResponseOf<"GET", "/api/inbox/offices">["items"][number];
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The offices a conversation may be referred to by e-mail (escalation to a named office). */
export function OfficesPanel({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ["inbox", "offices", unitId],
    queryFn: () => api("GET", "/api/inbox/offices", { query: { unitId } }),
  });
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const [removing, setRemoving] = useState<Office | null>(null);
  const add = useMutation({
    mutationFn: () =>
      api("POST", "/api/inbox/offices", { body: { unitId, name: name.trim(), email: email.trim() } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("inbox.targets.offices.added") });
      setName("");
      setEmail("");
      setTried(false);
      await client.invalidateQueries({ queryKey: ["inbox", "offices"] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api("DELETE", "/api/inbox/offices/:id", { params: { id } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("inbox.targets.offices.removed") });
      setRemoving(null);
      await client.invalidateQueries({ queryKey: ["inbox", "offices"] });
    },
  });
  const emailOk = emailPattern.test(email.trim());
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("inbox.targets.offices.explain")}
      </Text>
      {list.isPending && <LoadingBlock />}
      {list.isError && <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <EmptyBlock title={t("inbox.targets.offices.empty")} />}
      {list.data?.items.map((office) => (
        <Paper key={office.id} withBorder p="xs" data-testid="office-row">
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                {office.name}
              </Text>
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {office.email}
              </Text>
            </Stack>
            <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(office)}>
              {t("inbox.targets.offices.remove")}
            </Button>
          </Group>
        </Paper>
      ))}
      <Paper withBorder p="sm">
        <form
          ref={invalid.formRef}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setTried(true);
            if (name.trim() && emailOk) {
              add.mutate();
            }
            invalid.afterSubmit();
          }}
          onChange={invalid.afterInput}
        >
          <Stack gap="xs">
            <Title order={2} size="h5">
              {t("inbox.targets.offices.add")}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <TextInput
                label={t("inbox.targets.offices.name")}
                placeholder={t("inbox.targets.offices.namePlaceholder")}
                required
                maxLength={200}
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                error={tried && !name.trim() ? t("inbox.targets.offices.fillName") : undefined}
              />
              <TextInput
                label={t("inbox.targets.offices.email")}
                type="email"
                required
                maxLength={254}
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={tried && !emailOk ? t("inbox.targets.offices.fillEmail") : undefined}
              />
            </SimpleGrid>
            <InvalidFieldNotice message={invalid.message} />
            <FormError error={add.error} />
            <Group>
              <Button type="submit" loading={add.isPending}>
                {t("inbox.targets.offices.add")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {removing && (
        <ConfirmDialog
          opened
          title={t("inbox.targets.offices.removeTitle", { name: removing.name })}
          confirmLabel={t("inbox.targets.offices.remove")}
          loading={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing.id)}
          onClose={() => setRemoving(null)}
        >
          <Text size="sm">{t("inbox.targets.offices.removeConfirm")}</Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}
