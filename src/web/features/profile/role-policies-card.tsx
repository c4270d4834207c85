import { Group, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { sessionQueryKey, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import type { RolePolicy } from "../../backend/types.ts";
import { ErrorBlock, FormError, LoadingBlock } from "../../components/state-blocks.tsx";

const queryKey = ["settings", "role-policies"];

/** Per-role "require 2FA" switches, for holders of settings.manage. */
export function RolePoliciesCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const session = useSignedInSession();
  // The rules apply to the whole tree, so the server lets only a top-level (root) administrator set them.
  const editable = (session.abilities["settings.manage"] ?? []).some((path) => !path.includes("."));
  const policies = useQuery({
    queryKey,
    queryFn: () => api("GET", "/api/settings/role-policies"),
  });
  const save = useMutation({
    mutationFn: (policy: RolePolicy) =>
      api("PUT", "/api/settings/role-policies/:role", {
        params: { role: policy.role },
        body: { requireTotp: policy.requireTotp },
      }),
    onSuccess: async (policy) => {
      notifications.show({
        color: "green",
        message: t("profile.policies.saved", { role: t(`people.role.${policy.role}`) }),
      });
      await client.invalidateQueries({ queryKey });
      // Requiring 2FA of one's own role may lock one's own session to the profile page.
      await client.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t("profile.policies.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("profile.policies.intro")}
      </Text>
      {!editable && (
        <Text size="sm" c="orange.8" mb="sm">
          {t("profile.policies.readOnly")}
        </Text>
      )}
      {policies.isPending ? (
        <LoadingBlock />
      ) : policies.isError ? (
        <ErrorBlock error={policies.error} onRetry={() => void policies.refetch()} />
      ) : (
        <Stack gap={0}>
          {policies.data.items.map((policy) => (
            <Group
              key={policy.role}
              justify="space-between"
              py={8}
              wrap="nowrap"
              style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}
            >
              <Text size="sm">{t(`people.role.${policy.role}`)}</Text>
              <Switch
                label={t("profile.policies.requireTotp")}
                labelPosition="left"
                checked={policy.requireTotp}
                disabled={!editable || (save.isPending && save.variables?.role === policy.role)}
                onChange={(event) =>
                  save.mutate({ role: policy.role, requireTotp: event.currentTarget.checked })
                }
              />
            </Group>
          ))}
        </Stack>
      )}
      <FormError error={save.error} />
    </Paper>
  );
}
