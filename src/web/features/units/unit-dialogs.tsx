import { Alert, Checkbox, List, Select, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type ResponseOf } from "../../backend/typed-client.ts";
import { type UnitDetail, type UnitKind, unitKinds } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { useInvalidateUnits } from "./unit-queries.ts";

const codePattern = /^[A-Za-z0-9._-]{1,60}$/;
// The server checks the address properly; this only catches a slip before sending.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The kind chooser with Vietnamese (or English) labels. */
function KindSelect({ value, onChange }: { value: UnitKind; onChange: (kind: UnitKind) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t("units.form.kind")}
      required
      allowDeselect={false}
      data={unitKinds.map((kind) => ({ value: kind, label: t(`units.kind.${kind}`) }))}
      value={value}
      onChange={(kind) => kind && onChange(kind as UnitKind)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Creates a sub-unit under `parent`. */
export function CreateUnitDialog(props: {
  parent: { id: string; name: string };
  defaultKind: UnitKind;
  opened: boolean;
  onClose: () => void;
  onCreated: (unit: ResponseOf<"POST", "/api/units">) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateUnits();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<UnitKind>(props.defaultKind);
  const [code, setCode] = useState("");
  const codeError = code.trim() && !codePattern.test(code.trim()) ? t("units.form.codeInvalid") : undefined;
  const create = useMutation({
    mutationFn: () =>
      api("POST", "/api/units", {
        body: { name: name.trim(), kind, parentId: props.parent.id, code: code.trim() || undefined },
      }),
    onSuccess: async (unit) => {
      notifications.show({ color: "green", message: t("units.form.created", { name: unit.name }) });
      await invalidate();
      setName("");
      setCode("");
      props.onCreated(unit);
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("units.form.createTitle")}
      onSubmit={() => {
        if (name.trim() && !codeError) {
          create.mutate();
        }
      }}
      submitLabel={t("units.form.create")}
      submitDisabled={!name.trim()}
      loading={create.isPending}
      error={create.error}
    >
      <Text size="sm" c="dimmed">
        {t("units.form.createUnder", { parent: props.parent.name })}
      </Text>
      <TextInput
        label={t("units.form.name")}
        required
        data-autofocus
        maxLength={300}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <KindSelect value={kind} onChange={setKind} />
      <TextInput
        label={`${t("units.form.code")} (${t("common.optional")})`}
        description={t("units.form.codeHint")}
        value={code}
        error={codeError}
        maxLength={60}
        onChange={(event) => setCode(event.currentTarget.value)}
      />
    </FormDialog>
  );
}

/** Renames or re-classifies a unit. */
export function EditUnitDialog(props: { unit: UnitDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateUnits();
  const [name, setName] = useState(props.unit.name);
  const [kind, setKind] = useState<UnitKind>(props.unit.kind);
  const [contact, setContact] = useState({
    contactAddress: props.unit.contactAddress ?? "",
    contactPhone: props.unit.contactPhone ?? "",
    contactEmail: props.unit.contactEmail ?? "",
    contentResponsible: props.unit.contentResponsible ?? "",
  });
  const emailError =
    contact.contactEmail.trim() && !emailPattern.test(contact.contactEmail.trim())
      ? t("unitContact.emailInvalid")
      : undefined;
  const contactInput = (field: keyof typeof contact) => ({
    value: contact[field],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setContact((current) => ({ ...current, [field]: value }));
    },
  });
  const save = useMutation({
    mutationFn: () =>
      api("PATCH", "/api/units/:id", {
        params: { id: props.unit.id },
        body: {
          name: name.trim(),
          kind,
          contactAddress: contact.contactAddress.trim(),
          contactPhone: contact.contactPhone.trim(),
          contactEmail: contact.contactEmail.trim(),
          contentResponsible: contact.contentResponsible.trim(),
        },
      }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("units.form.saved") });
      await invalidate();
      props.onClose();
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("units.form.editTitle")}
      onSubmit={() => {
        if (name.trim() && !emailError) {
          save.mutate();
        }
      }}
      submitLabel={t("common.save")}
      submitDisabled={!name.trim() || Boolean(emailError)}
      loading={save.isPending}
      error={save.error}
    >
      <TextInput
        label={t("units.form.name")}
        required
        maxLength={300}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <KindSelect value={kind} onChange={setKind} />
      <Text size="sm" fw={600} mt="xs">
        {t("unitContact.heading")}
      </Text>
      <Text size="sm" c="dimmed">
        {t("unitContact.hint")}
      </Text>
      <TextInput
        label={`${t("unitContact.address")} (${t("common.optional")})`}
        maxLength={300}
        autoComplete="street-address"
        {...contactInput("contactAddress")}
      />
      <TextInput
        label={`${t("unitContact.phone")} (${t("common.optional")})`}
        type="tel"
        maxLength={40}
        autoComplete="tel"
        {...contactInput("contactPhone")}
      />
      <TextInput
        label={`${t("unitContact.email")} (${t("common.optional")})`}
        type="email"
        maxLength={254}
        autoComplete="email"
        error={emailError}
        {...contactInput("contactEmail")}
      />
      <TextInput
        label={`${t("unitContact.responsible")} (${t("common.optional")})`}
        description={t("unitContact.responsibleHint")}
        maxLength={200}
        {...contactInput("contentResponsible")}
      />
    </FormDialog>
  );
}

/** Moves a unit, with its whole subtree, under another parent. */
export function MoveUnitDialog(props: { unit: UnitDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateUnits();
  const [parent, setParent] = useState<UnitChoice | null>(null);
  const move = useMutation({
    mutationFn: (parentId: string) =>
      api("POST", "/api/units/:id/move", { params: { id: props.unit.id }, body: { parentId } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("units.move.done") });
      await invalidate();
      props.onClose();
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("units.move.title")}
      onSubmit={() => {
        if (parent) {
          move.mutate(parent.id);
        }
      }}
      submitLabel={t("units.move.submit")}
      submitDisabled={!parent}
      loading={move.isPending}
      error={move.error}
    >
      <Text size="sm">{t("units.move.hint", { name: props.unit.name })}</Text>
      <UnitPicker
        label={t("units.move.newParent")}
        value={parent}
        onChange={setParent}
        permission="units.manage"
        excludeId={props.unit.parentId ?? undefined}
        excludeSubtreeOf={props.unit.path}
        required
      />
    </FormDialog>
  );
}

/** Merges a unit into another, after spelling out what moves and what ends. */
export function MergeUnitDialog(props: {
  unit: UnitDetail;
  childCount: number;
  opened: boolean;
  onClose: () => void;
  onMerged: (targetId: string) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateUnits();
  const [target, setTarget] = useState<UnitChoice | null>(null);
  const [understood, setUnderstood] = useState(false);
  const merge = useMutation({
    mutationFn: (targetId: string) =>
      api("POST", "/api/units/:id/merge", { params: { id: props.unit.id }, body: { targetId } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("units.merge.done", { target: target?.name }) });
      await invalidate();
      if (target) {
        props.onMerged(target.id);
      }
    },
  });
  const names = { name: props.unit.name, target: target?.name ?? "", children: props.childCount };
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("units.merge.title")}
      size="lg"
      onSubmit={() => {
        if (target && understood) {
          merge.mutate(target.id);
        }
      }}
      submitLabel={t("units.merge.confirm")}
      submitColor="orange"
      submitDisabled={!target || !understood}
      loading={merge.isPending}
      error={merge.error}
    >
      <UnitPicker
        label={t("units.merge.target", { name: props.unit.name })}
        value={target}
        onChange={(unit) => {
          setTarget(unit);
          setUnderstood(false);
        }}
        permission="units.manage"
        excludeSubtreeOf={props.unit.path}
        required
      />
      {target ? (
        <Alert color="orange" variant="light" title={t("units.merge.title")}>
          <List size="sm" spacing={4}>
            <List.Item>{t("units.merge.explainMove", names)}</List.Item>
            <List.Item>{t("units.merge.explainRoles", names)}</List.Item>
            <List.Item>{t("units.merge.explainStatus", names)}</List.Item>
            <List.Item fw={600}>{t("units.merge.explainFinal")}</List.Item>
          </List>
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          {t("units.merge.chooseTarget")}
        </Text>
      )}
      {target && (
        <Checkbox
          label={t("units.merge.acknowledge")}
          checked={understood}
          onChange={(event) => setUnderstood(event.currentTarget.checked)}
        />
      )}
    </FormDialog>
  );
}

/** Dissolves an empty unit; the server's refusal (not empty) is shown in the dialog. */
export function DissolveUnitDialog(props: { unit: UnitDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateUnits();
  const dissolve = useMutation({
    mutationFn: () => api("POST", "/api/units/:id/dissolve", { params: { id: props.unit.id } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("units.dissolve.done") });
      await invalidate();
      props.onClose();
    },
  });
  return (
    <ConfirmDialog
      opened={props.opened}
      onClose={() => {
        dissolve.reset();
        props.onClose();
      }}
      title={t("units.dissolve.title", { name: props.unit.name })}
      confirmLabel={t("units.dissolve.confirm")}
      loading={dissolve.isPending}
      error={dissolve.error}
      onConfirm={() => dissolve.mutate()}
    >
      <Text size="sm">{t("units.dissolve.explain")}</Text>
    </ConfirmDialog>
  );
}
