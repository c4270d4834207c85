import { Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { personTextLimits } from "../../../shared/api/org-values.ts";
import { can, mayGrantRole, sessionQueryKey, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import { type Person, type Role, roles } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { ErrorBlock, FormError, LoadingBlock } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { formatNumber, useErrorText } from "../../i18n/format.ts";
import { useCanOnUnits } from "./person-unit-paths.ts";

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Optional text fields go to the server as null when left empty. */
function orNull(value: string): string | null {
  return value.trim() || null;
}

/** Adds a person, or edits one (including moving them to another unit). */
export function PersonFormDialog(props: {
  person: Person | null;
  defaultUnit: UnitChoice | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const editing = props.person;
  const [fullName, setFullName] = useState(editing?.fullName ?? "");
  const [email, setEmail] = useState(editing?.email ?? "");
  const [phone, setPhone] = useState(editing?.phone ?? "");
  const [position, setPosition] = useState(editing?.position ?? "");
  const [unit, setUnit] = useState<UnitChoice | null>(
    editing ? { id: editing.unitId, name: editing.unitName, path: "" } : props.defaultUnit,
  );
  const [tried, setTried] = useState(false);
  // A new person only: the invitation mails them a link to set their own password.
  const [invite, setInvite] = useState(false);
  const errorText = useErrorText();
  const emailError =
    email.trim() && !emailPattern.test(email.trim()) ? t("people.form.emailInvalid") : undefined;
  const inviteError = invite && !email.trim() ? t("invitations.createNeedsEmail") : undefined;
  // Said as soon as the text passes the limit (a pasted name, say), as the server would refuse it.
  const tooLong = (field: "fullName" | "position", text: string) => {
    const length = [...text.trim()].length;
    const max = personTextLimits[field];
    return length > max
      ? t(`people.form.${field}TooLong`, {
          length: formatNumber(length, i18n.language),
          max: formatNumber(max, i18n.language),
        })
      : undefined;
  };
  const fullNameError =
    tried && !fullName.trim() ? t("people.form.fullNameRequired") : tooLong("fullName", fullName);
  const positionError = tooLong("position", position);
  const save = useMutation({
    // Only an edit can change the e-mail, so only its answer may name one waiting for confirmation.
    mutationFn: async (
      unitId: string,
    ): Promise<
      Person & { pendingEmail?: { email: string } | null; invitation?: { failed: unknown } | "sent" }
    > => {
      const body = {
        fullName: fullName.trim(),
        email: orNull(email),
        phone: orNull(phone),
        position: orNull(position),
        unitId,
      };
      if (editing) {
        return api("PATCH", "/api/people/:id", { params: { id: editing.id }, body });
      }
      const person = await api("POST", "/api/people", { body });
      if (!invite) {
        return person;
      }
      // The person exists whatever becomes of the invitation; a refusal is told, not thrown.
      try {
        await api("POST", "/api/people/:id/invitation", { params: { id: person.id } });
        return { ...person, invitation: "sent" };
      } catch (failed) {
        return { ...person, invitation: { failed } };
      }
    },
    onSuccess: async (person) => {
      // A new e-mail set by an administrator waits for confirmation from that address.
      const pending = person.pendingEmail?.email;
      const invitation = person.invitation;
      if (invitation) {
        notifications.show(
          invitation === "sent"
            ? {
                color: "green",
                message: t("invitations.createdAndInvited", { name: person.fullName, email: person.email }),
              }
            : {
                color: "yellow",
                autoClose: 12_000,
                message: t("invitations.createdNotInvited", {
                  name: person.fullName,
                  reason: errorText(invitation.failed),
                }),
              },
        );
      } else {
        notifications.show({
          color: "green",
          autoClose: pending ? 12_000 : undefined,
          message: pending
            ? t("people.form.emailPending", { email: pending })
            : editing
              ? t("people.form.saved")
              : t("people.form.created", { name: person.fullName }),
        });
      }
      await client.invalidateQueries({ queryKey: ["people"] });
      await client.invalidateQueries({ queryKey: ["units"] });
      props.onClose();
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={editing ? t("people.form.editTitle") : t("people.form.createTitle")}
      onSubmit={() => {
        setTried(true);
        if (fullName.trim() && unit && !fullNameError && !positionError && !emailError && !inviteError) {
          save.mutate(unit.id);
        }
      }}
      submitLabel={t("common.save")}
      loading={save.isPending}
      error={save.error}
    >
      <TextInput
        label={t("people.fields.fullName")}
        required
        data-autofocus
        value={fullName}
        error={fullNameError}
        onChange={(event) => setFullName(event.currentTarget.value)}
      />
      <TextInput
        label={t("people.fields.email")}
        type="email"
        maxLength={254}
        value={email}
        error={emailError}
        onChange={(event) => setEmail(event.currentTarget.value)}
      />
      <TextInput
        label={t("people.fields.phone")}
        type="tel"
        maxLength={30}
        value={phone}
        onChange={(event) => setPhone(event.currentTarget.value)}
      />
      <TextInput
        label={t("people.fields.position")}
        value={position}
        error={positionError}
        onChange={(event) => setPosition(event.currentTarget.value)}
      />
      <UnitPicker
        label={t("people.fields.unit")}
        value={unit}
        onChange={setUnit}
        permission="people.manage"
        required
        error={tried && !unit ? t("people.form.unitRequired") : undefined}
      />
      {!editing && (
        <Checkbox
          label={t("invitations.createCheckbox")}
          description={t("invitations.createCheckboxHint")}
          checked={invite}
          error={tried ? inviteError : undefined}
          onChange={(event) => setInvite(event.currentTarget.checked)}
        />
      )}
    </FormDialog>
  );
}

/** A person's role grants, with granting and revoking where the signed-in person may manage roles. */
export function RolesDialog(props: { person: Person; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const client = useQueryClient();
  const queryKey = ["people", "roles", props.person.id];
  const grants = useQuery({
    queryKey,
    queryFn: () => api("GET", "/api/people/:id/roles", { params: { id: props.person.id } }),
  });
  const canManageOn = useCanOnUnits(
    "roles.manage",
    "people.read",
    (grants.data?.items ?? []).map((g) => g.unitId),
  );
  const mayGrant = can(session, "roles.manage");
  const [role, setRole] = useState<Role | null>(null);
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const grant = useMutation({
    mutationFn: (body: { role: Role; unitId: string }) =>
      api("POST", "/api/people/:id/roles", { params: { id: props.person.id }, body }),
    onSuccess: (result) => {
      client.setQueryData(queryKey, result);
      notifications.show({ color: "green", message: t("people.roles.granted") });
      // Granting to oneself changes one's own abilities.
      void client.invalidateQueries({ queryKey: sessionQueryKey });
      setRole(null);
    },
  });
  const revoke = useMutation({
    mutationFn: (grantId: string) =>
      api("DELETE", "/api/people/:id/roles/:grantId", { params: { id: props.person.id, grantId } }),
    onSuccess: (result) => {
      client.setQueryData(queryKey, result);
      notifications.show({ color: "green", message: t("people.roles.revoked") });
      void client.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t("people.roles.title", { name: props.person.fullName })}
      centered
      size="lg"
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t("people.roles.hint")}
        </Text>
        {grants.isPending ? (
          <LoadingBlock />
        ) : grants.isError ? (
          <ErrorBlock error={grants.error} onRetry={() => void grants.refetch()} />
        ) : grants.data.items.length === 0 ? (
          <Text size="sm">{t("people.roles.none")}</Text>
        ) : (
          <Stack gap={0}>
            {grants.data.items.map((item) => {
              const roleName = t(`people.role.${item.role}`);
              return (
                <Group
                  key={item.id}
                  justify="space-between"
                  wrap="nowrap"
                  py={6}
                  style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}
                >
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Text size="sm" fw={600}>
                      {roleName}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      {item.unitName}
                    </Text>
                  </div>
                  {canManageOn(item.unitId) && mayGrantRole(session, item.role, item.unitPath) && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      // A long unit name wraps beside it; the button keeps its whole word ("Thu hồi", not "Thu hồ").
                      style={{ flexShrink: 0 }}
                      loading={revoke.isPending && revoke.variables === item.id}
                      onClick={() => revoke.mutate(item.id)}
                      aria-label={t("people.roles.revokeLabel", { role: roleName, unit: item.unitName })}
                    >
                      {t("people.roles.revoke")}
                    </Button>
                  )}
                </Group>
              );
            })}
          </Stack>
        )}
        <FormError error={revoke.error} />
        {mayGrant && (
          <form
            noValidate
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              if (role && unit) {
                grant.mutate({ role, unitId: unit.id });
              }
            }}
          >
            <Stack gap="xs">
              <Select
                label={t("people.roles.role")}
                placeholder={t("people.roles.chooseRole")}
                // Only roles whose every permission the signed-in person holds (the server refuses others).
                data={roles
                  .filter((value) => mayGrantRole(session, value, unit?.path || undefined))
                  .map((value) => ({ value, label: t(`people.role.${value}`) }))}
                value={role}
                onChange={(value) => setRole(value as Role | null)}
                comboboxProps={{ withinPortal: true }}
              />
              <UnitPicker
                label={t("people.roles.unit")}
                value={unit}
                onChange={setUnit}
                permission="roles.manage"
              />
              <FormError error={grant.error} />
              <Group justify="flex-end">
                <Button type="submit" loading={grant.isPending} disabled={!role || !unit}>
                  {t("people.roles.grant")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.close")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Asks before deactivating; reactivating needs no question. */
export function DeactivateDialog(props: { person: Person; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const deactivate = useMutation({
    mutationFn: () => api("POST", "/api/people/:id/deactivate", { params: { id: props.person.id } }),
    onSuccess: async () => {
      notifications.show({
        color: "green",
        message: t("people.deactivate.done", { name: props.person.fullName }),
      });
      await client.invalidateQueries({ queryKey: ["people"] });
      await client.invalidateQueries({ queryKey: ["units"] });
      props.onClose();
    },
  });
  return (
    <ConfirmDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("people.deactivate.title", { name: props.person.fullName })}
      confirmLabel={t("people.deactivate.confirm")}
      loading={deactivate.isPending}
      error={deactivate.error}
      onConfirm={() => deactivate.mutate()}
    >
      <Text size="sm">{t("people.deactivate.explain")}</Text>
    </ConfirmDialog>
  );
}
