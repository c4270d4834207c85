import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Menu,
  Select,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import { type Person, roles } from "../../backend/types.ts";
import { DotsIcon, PlusIcon, UploadIcon } from "../../components/icons.tsx";
import { useListFilters } from "../../components/list-filters.ts";
import { ListPanel, ListTable } from "../../components/list-panel.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../components/unit-filter.tsx";
import { useErrorText } from "../../i18n/format.ts";
import {
  type AccountState,
  AccountStateBadge,
  RevokeInvitationDialog,
  useAccountStates,
  useSendInvitation,
} from "./account-state.tsx";
import { DeactivateDialog, PersonFormDialog, RolesDialog } from "./person-dialogs.tsx";
import { useCanOnUnits } from "./person-unit-paths.ts";

const pageSize = 20;
const statuses = ["active", "inactive"] as const satisfies readonly Person["status"][];

/** The value when it is one of `values`; a filter typed into the address by hand that names none is left out. */
function knownValue<Value extends string>(values: readonly Value[], value: string): Value | undefined {
  return values.find((known) => known === value);
}

type Dialog =
  | { kind: "create" }
  | { kind: "edit" | "roles" | "deactivate" | "revokeInvitation"; person: Person }
  | null;

function StatusBadge({ status }: { status: Person["status"] }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={status === "active" ? "green" : "gray"}
      size="sm"
      radius="sm"
      tt="none"
      style={{ flexShrink: 0, overflow: "visible" }}
    >
      {t(`people.status.${status}`)}
    </Badge>
  );
}

/** The actions menu of one person, limited to what the signed-in person may do on that person's unit. */
function PersonActions(props: {
  person: Person;
  canManage: boolean;
  /** The person's account, with whether the signed-in person may invite them (from the server). */
  account: AccountState | undefined;
  onOpen: (dialog: Dialog) => void;
  onReactivate: (person: Person) => void;
  onInvite: (person: Person) => void;
}) {
  const { t } = useTranslation();
  const { person } = props;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t("people.actions.menu", { name: person.fullName })}
        >
          <DotsIcon />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {props.canManage && (
          <Menu.Item onClick={() => props.onOpen({ kind: "edit", person })}>
            {t("people.actions.edit")}
          </Menu.Item>
        )}
        <Menu.Item onClick={() => props.onOpen({ kind: "roles", person })}>
          {t("people.actions.roles")}
        </Menu.Item>
        {props.canManage && person.status === "active" && (
          <Menu.Item color="red" onClick={() => props.onOpen({ kind: "deactivate", person })}>
            {t("people.actions.deactivate")}
          </Menu.Item>
        )}
        {props.canManage && person.status === "inactive" && (
          <Menu.Item onClick={() => props.onReactivate(person)}>{t("people.actions.reactivate")}</Menu.Item>
        )}
        {props.account?.canInvite && (
          <Menu.Item onClick={() => props.onInvite(person)}>
            {props.account.state === "never_signed_in" ? t("invitations.send") : t("invitations.resend")}
          </Menu.Item>
        )}
        {props.account?.canRevoke && (
          <Menu.Item color="red" onClick={() => props.onOpen({ kind: "revokeInvitation", person })}>
            {t("invitations.revoke")}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** People in scope: search, filters, pages; a table on wide screens and cards on phones. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const client = useQueryClient();
  const errorText = useErrorText();
  const phone = usePhoneLayout();
  const { value, page, search, setSearch, debounced, setFilters, setPage, clearFilters } = useListFilters();
  const unitId = value("unitId");
  const status = value("status");
  const role = value("role");
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const [dialog, setDialog] = useState<Dialog>(null);
  const activeFilters = [unitId, status, role].filter(Boolean).length;

  const people = useQuery({
    queryKey: ["people", "list", { q: debounced, unitId, status, role, page }],
    queryFn: () =>
      api("GET", "/api/people", {
        query: {
          q: debounced,
          unitId,
          status: knownValue(statuses, status),
          role: knownValue(roles, role),
          page,
          pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const items = people.data?.items ?? [];
  const unitIds = items.map((person) => person.unitId);
  const canManage = useCanOnUnits("people.manage", "people.read", unitIds);
  const accounts = useAccountStates(items.map((person) => person.id));
  const invite = useSendInvitation();

  const reactivate = useMutation({
    mutationFn: (person: Person) => api("POST", "/api/people/:id/reactivate", { params: { id: person.id } }),
    onSuccess: async (person) => {
      notifications.show({ color: "green", message: t("people.reactivated", { name: person.fullName }) });
      await client.invalidateQueries({ queryKey: ["people"] });
    },
    onError: (error) => notifications.show({ color: "red", message: errorText(error) }),
  });

  const filtered = Boolean(debounced || unitId || status || role);
  const actionsFor = (person: Person) => (
    <PersonActions
      person={person}
      canManage={canManage(person.unitId)}
      account={accounts.get(person.id)}
      onOpen={setDialog}
      onReactivate={(target) => reactivate.mutate(target)}
      onInvite={(target) => invite.mutate(target)}
    />
  );
  const accountBadge = (person: Person) => {
    const account = accounts.get(person.id);
    return account ? <AccountStateBadge state={account} /> : null;
  };

  let list: ReactNode;
  if (people.isPending) {
    list = <LoadingBlock />;
  } else if (people.isError) {
    list = <ErrorBlock error={people.error} onRetry={() => void people.refetch()} />;
  } else if (items.length === 0) {
    list = <EmptyBlock title={filtered ? t("people.noResults") : t("people.empty")} />;
  } else if (phone) {
    list = (
      <Stack gap="xs">
        {items.map((person) => (
          <Card key={person.id} withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Box style={{ minWidth: 0 }}>
                <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                  {person.fullName}
                </Text>
                {person.position && (
                  <Text size="sm" c="dimmed">
                    {person.position}
                  </Text>
                )}
              </Box>
              {actionsFor(person)}
            </Group>
            <Text size="sm" mt={4} style={{ overflowWrap: "anywhere" }}>
              {person.unitName}
            </Text>
            {(person.email || person.phone) && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {[person.email, person.phone].filter(Boolean).join(" · ")}
              </Text>
            )}
            <Group mt={6} gap={6}>
              <StatusBadge status={person.status} />
              {accountBadge(person)}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  } else {
    list = (
      <ListTable
        minWidth={720}
        head={
          <>
            <Table.Th>{t("people.fields.fullName")}</Table.Th>
            <Table.Th>{t("people.fields.email")}</Table.Th>
            <Table.Th style={{ whiteSpace: "nowrap" }}>{t("people.fields.phone")}</Table.Th>
            <Table.Th>{t("people.fields.unit")}</Table.Th>
            <Table.Th>{t("people.fields.status")}</Table.Th>
            <Table.Th w={48}>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </>
        }
      >
        {items.map((person) => (
          <Table.Tr key={person.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {person.fullName}
              </Text>
              {person.position && (
                <Text size="xs" c="dimmed">
                  {person.position}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{person.email ?? t("common.none")}</Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{person.phone ?? t("common.none")}</Table.Td>
            <Table.Td>{person.unitName}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <StatusBadge status={person.status} />
                {accountBadge(person)}
              </Group>
            </Table.Td>
            <Table.Td>{actionsFor(person)}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    );
  }

  return (
    <>
      <PageHeader
        title={t("people.title")}
        subtitle={t("people.subtitle")}
        actions={
          can(session, "people.manage") && (
            <>
              <Button
                variant="default"
                leftSection={<UploadIcon size={16} />}
                component={Link}
                to="/people/import"
              >
                {t("people.import")}
              </Button>
              <Button leftSection={<PlusIcon size={16} />} onClick={() => setDialog({ kind: "create" })}>
                {t("people.add")}
              </Button>
            </>
          )
        }
      />
      <ListPanel
        search={{ value: search, onChange: setSearch, placeholder: t("people.searchPlaceholder") }}
        filterColumns={3}
        activeFilters={activeFilters}
        filters={
          <>
            <UnitFilter label={t("people.filterUnit")} filter={unitFilter} />
            <Select
              label={t("people.filterStatus")}
              placeholder={t("people.anyStatus")}
              clearable
              data={[
                { value: "active", label: t("people.status.active") },
                { value: "inactive", label: t("people.status.inactive") },
              ]}
              value={status || null}
              onChange={(value) => setFilters({ status: value })}
            />
            <Select
              label={t("people.filterRole")}
              placeholder={t("people.anyRole")}
              clearable
              data={roles.map((value) => ({ value, label: t(`people.role.${value}`) }))}
              value={role || null}
              onChange={(value) => setFilters({ role: value })}
            />
          </>
        }
        filtered={filtered}
        onClearFilters={clearFilters}
        pagination={{ page, pageSize, total: people.data?.total ?? 0, onChange: setPage }}
      >
        {list}
      </ListPanel>

      {dialog?.kind === "create" && (
        <PersonFormDialog
          person={null}
          defaultUnit={unitFilter.unitChoice}
          opened
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "edit" && (
        <PersonFormDialog person={dialog.person} defaultUnit={null} opened onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === "roles" && (
        <RolesDialog person={dialog.person} opened onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === "deactivate" && (
        <DeactivateDialog person={dialog.person} opened onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === "revokeInvitation" && (
        <RevokeInvitationDialog person={dialog.person} opened onClose={() => setDialog(null)} />
      )}
    </>
  );
}
