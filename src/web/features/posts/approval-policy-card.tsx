import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  MultiSelect,
  Paper,
  Stack,
  TagsInput,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import { type ApprovalPolicy, type ApprovalPolicyBody, type Role, roles } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { postKeys } from "./posts-api.ts";

const policyKey = (unitId: string) => ["posts", "approval-policy", unitId] as const;

function RoleBadges({ values }: { values: string[] }) {
  const { t } = useTranslation();
  if (values.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("posts.policy.none")}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {values.map((role) => (
        <Badge key={role} variant="light" size="sm" radius="sm" tt="none">
          {t(`people.role.${role}`, { defaultValue: role })}
        </Badge>
      ))}
    </Group>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Box>
  );
}

function PolicyDialog(props: {
  opened: boolean;
  unitId: string;
  unitName: string;
  policy: ApprovalPolicy;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [approverRoles, setApproverRoles] = useState<string[]>([]);
  const [sensitiveTags, setSensitiveTags] = useState<string[]>([]);
  const [secondApproverRoles, setSecond] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new opening starts from the rules in force
  useEffect(() => {
    if (props.opened) {
      setApproverRoles(props.policy.approverRoles);
      setSensitiveTags(props.policy.sensitiveTags);
      setSecond(props.policy.secondApproverRoles);
      setMissing(false);
    }
  }, [props.opened]);
  const save = useMutation({
    mutationFn: (body: ApprovalPolicyBody) =>
      api("PUT", "/api/units/:id/approval-policy", { params: { id: props.unitId }, body }),
    onSuccess: async () => {
      // Sub-units inherit the rules, and open posts show how many approvals they need.
      await client.invalidateQueries({ queryKey: postKeys.all });
      notifications.show({ color: "green", message: t("posts.policy.saved") });
      props.onClose();
    },
  });
  const roleOptions = roles
    .filter((role) => role !== "member")
    .map((role) => ({ value: role, label: t(`people.role.${role}`) }));
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("posts.policy.editTitle", { unit: props.unitName })}
      size="lg"
      onSubmit={() => {
        if (approverRoles.length === 0) {
          setMissing(true);
          return;
        }
        save.mutate({
          approverRoles: approverRoles as Role[],
          sensitiveTags,
          secondApproverRoles: secondApproverRoles as Role[],
        });
      }}
      submitLabel={t("common.save")}
      submitTestId="policy-save"
      loading={save.isPending}
      error={save.error}
    >
      <MultiSelect
        label={t("posts.policy.approverRoles")}
        data={roleOptions}
        value={approverRoles}
        onChange={(value) => {
          setApproverRoles(value);
          setMissing(false);
        }}
        required
        error={missing ? t("posts.policy.approverRequired") : undefined}
        comboboxProps={{ withinPortal: true }}
        data-testid="policy-approver-roles"
      />
      <TagsInput
        label={t("posts.policy.sensitiveTags")}
        description={t("posts.policy.tagsHint")}
        value={sensitiveTags}
        onChange={(value) =>
          setSensitiveTags([
            ...new Set(value.map((tag) => tag.replace(/^[\s#,]+|[\s#,]+$/g, "")).filter(Boolean)),
          ])
        }
        splitChars={[","]}
        maxTags={30}
        data-testid="policy-sensitive-tags"
      />
      <MultiSelect
        label={t("posts.policy.secondApproverRoles")}
        description={t("posts.policy.secondHint")}
        data={roleOptions}
        value={secondApproverRoles}
        onChange={setSecond}
        comboboxProps={{ withinPortal: true }}
        data-testid="policy-second-roles"
      />
    </FormDialog>
  );
}

/**
 * The unit's approval rules for posts: which roles approve, which topics need a second approval
 * and by whom, and where the rules come from (this unit, one above it, or the defaults).
 */
export function ApprovalPolicyCard({ unit }: { unit: { id: string; name: string; path: string } }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [clearing, setClearing] = useState(false);
  const policy = useQuery({
    queryKey: policyKey(unit.id),
    queryFn: () => api("GET", "/api/units/:id/approval-policy", { params: { id: unit.id } }),
  });
  const clear = useMutation({
    mutationFn: () => api("DELETE", "/api/units/:id/approval-policy", { params: { id: unit.id } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: postKeys.all });
      notifications.show({ color: "green", message: t("posts.policy.cleared") });
      setClearing(false);
    },
  });
  const manage = can("settings.manage", unit.path);
  const own = policy.data?.definedAt?.id === unit.id;

  let content: ReactNode;
  if (policy.isPending) {
    content = <LoadingBlock />;
  } else if (policy.isError) {
    content = <ErrorBlock error={policy.error} onRetry={() => void policy.refetch()} />;
  } else {
    const data = policy.data;
    content = (
      <Stack gap="sm">
        <Text size="sm" c="dimmed" data-testid="policy-source">
          {own ? (
            t("posts.policy.definedHere")
          ) : data.definedAt ? (
            <>
              {t("posts.policy.inherited")}{" "}
              <Anchor component={Link} to={`/units/${data.definedAt.id}`} size="sm">
                {data.definedAt.name}
              </Anchor>
              .
            </>
          ) : (
            t("posts.policy.defaults")
          )}
        </Text>
        <Row label={t("posts.policy.approverRoles")}>
          <RoleBadges values={data.approverRoles} />
        </Row>
        <Row label={t("posts.policy.sensitiveTags")}>
          {data.sensitiveTags.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("posts.policy.none")}
            </Text>
          ) : (
            <Group gap={4}>
              {data.sensitiveTags.map((tag) => (
                <Badge key={tag} variant="outline" color="orange" size="sm" radius="sm" tt="none">
                  #{tag}
                </Badge>
              ))}
            </Group>
          )}
        </Row>
        <Row label={t("posts.policy.secondApproverRoles")}>
          <RoleBadges values={data.secondApproverRoles} />
        </Row>
        {manage && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="policy-edit">
              {own ? t("posts.policy.edit") : t("posts.policy.create")}
            </Button>
            {own && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => {
                  clear.reset();
                  setClearing(true);
                }}
              >
                {t("posts.policy.clear")}
              </Button>
            )}
          </Group>
        )}
        <PolicyDialog
          opened={editing}
          unitId={unit.id}
          unitName={unit.name}
          policy={data}
          onClose={() => setEditing(false)}
        />
        <ConfirmDialog
          opened={clearing}
          title={t("posts.policy.clearTitle")}
          confirmLabel={t("posts.policy.clear")}
          loading={clear.isPending}
          error={clear.error}
          onClose={() => setClearing(false)}
          onConfirm={() => clear.mutate()}
        >
          <Text size="sm">{t("posts.policy.clearExplain", { unit: unit.name })}</Text>
        </ConfirmDialog>
      </Stack>
    );
  }

  return (
    <Paper withBorder p="md" data-testid="approval-policy">
      <Title order={2} size="h4" mb="sm">
        {t("posts.policy.title")}
      </Title>
      {content}
    </Paper>
  );
}
