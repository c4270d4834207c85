import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../backend/typed-client.ts";
import type { ApiToken } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import {
  InvalidFieldNotice,
  useFirstInvalidField,
  useMissingField,
} from "../../components/invalid-field.tsx";
import { EmptyBlock, ErrorBlock, FormError, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime } from "../../i18n/format.ts";

const queryKey = ["auth", "tokens"];

/** One's own API tokens: create (the secret is shown once), list, revoke. */
export function TokensCard() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [days, setDays] = useState<number | string>("");
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const missing = useMissingField();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const tokens = useQuery({ queryKey, queryFn: () => api("GET", "/api/auth/tokens") });
  const create = useMutation({
    mutationFn: () =>
      api("POST", "/api/auth/tokens", {
        body: {
          name: name.trim(),
          expiresInDays: typeof days === "number" && days > 0 ? days : undefined,
        },
      }),
    onSuccess: async () => {
      setName("");
      setDays("");
      setTried(false);
      await client.invalidateQueries({ queryKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api("DELETE", "/api/auth/tokens/:tokenId", { params: { tokenId: id } }),
    onSuccess: async (_result, id) => {
      if (create.data?.id === id) {
        create.reset();
      }
      notifications.show({ color: "green", message: t("profile.tokens.revokedDone") });
      setRevoking(null);
      await client.invalidateQueries({ queryKey });
    },
  });
  const date = (iso: string | null, fallback: string) =>
    iso ? formatDateTime(iso, i18n.language) : fallback;

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t("profile.tokens.title")}
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("profile.tokens.intro")}
        </Text>
        <form
          ref={invalid.formRef}
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            setTried(true);
            if (name.trim()) {
              create.mutate();
            }
            invalid.afterSubmit();
          }}
          onChange={invalid.afterInput}
        >
          <Stack gap="sm">
            <Group align="flex-end" gap="sm">
              <TextInput
                label={t("profile.tokens.name")}
                placeholder={t("profile.tokens.namePlaceholder")}
                required
                maxLength={100}
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                error={tried && !name.trim() ? missing.fill(t("profile.tokens.name")) : undefined}
                style={{ flex: "1 1 200px" }}
              />
              <NumberInput
                label={t("profile.tokens.expires")}
                description={t("profile.tokens.expiresHint")}
                min={1}
                max={3650}
                allowDecimal={false}
                value={days}
                onChange={setDays}
                style={{ flex: "0 1 200px" }}
              />
              <Button type="submit" loading={create.isPending}>
                {t("profile.tokens.create")}
              </Button>
            </Group>
            <InvalidFieldNotice message={invalid.message} />
          </Stack>
        </form>
        <FormError error={create.error} />
        {create.data && (
          <Alert color="yellow" title={t("profile.tokens.createdTitle")}>
            <Stack gap="xs">
              <Text size="sm">{t("profile.tokens.createdWarning")}</Text>
              <Code block style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
                {create.data.token}
              </Code>
              <Group>
                <CopyButton value={create.data.token}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" onClick={copy}>
                      {copied ? t("common.copied") : t("common.copy")}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        )}
        {tokens.isPending ? (
          <LoadingBlock />
        ) : tokens.isError ? (
          <ErrorBlock error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : tokens.data.items.length === 0 ? (
          <EmptyBlock title={t("profile.tokens.empty")} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("profile.tokens.name")}</Table.Th>
                  <Table.Th>{t("profile.tokens.prefix")}</Table.Th>
                  <Table.Th>{t("profile.tokens.createdAt")}</Table.Th>
                  <Table.Th>{t("profile.tokens.lastUsed")}</Table.Th>
                  <Table.Th>{t("profile.tokens.expiresAt")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.items.map((token) => (
                  <Table.Tr key={token.id}>
                    <Table.Td>{token.name}</Table.Td>
                    <Table.Td>
                      <Code>{token.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{date(token.createdAt, "")}</Table.Td>
                    <Table.Td>{date(token.lastUsedAt, t("profile.tokens.neverUsed"))}</Table.Td>
                    <Table.Td>{date(token.expiresAt, t("profile.tokens.noExpiry"))}</Table.Td>
                    <Table.Td>
                      {token.revokedAt ? (
                        <Badge color="gray" variant="light">
                          {t("profile.tokens.revoked")}
                        </Badge>
                      ) : (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setRevoking(token)}
                        >
                          {t("profile.tokens.revoke")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmDialog
        opened={revoking !== null}
        onClose={() => {
          revoke.reset();
          setRevoking(null);
        }}
        title={t("profile.tokens.revokeTitle", { name: revoking?.name ?? "" })}
        confirmLabel={t("profile.tokens.revoke")}
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      >
        <Text size="sm">{t("profile.tokens.revokeExplain")}</Text>
      </ConfirmDialog>
    </Paper>
  );
}
