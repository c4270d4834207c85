import { Alert, Checkbox, Radio, Select, Stack, Switch, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DeclarationPlatform } from "../../../shared/api/declarations.ts";
import { ApiError } from "../../backend/client.ts";
import { api } from "../../backend/typed-client.ts";
import type { DeclareBody, OwnDeclaration, OwnDeclarations, ReportBody } from "../../backend/types.ts";
import { DateField, DateTimeField } from "../../components/date-fields.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { useMissingField } from "../../components/invalid-field.tsx";
import { useErrorText, vietnamLocalToIso, vietnamToday } from "../../i18n/format.ts";
import { declarationPlatformChoices } from "./declaration-platforms.tsx";

/** Kinds of account whose address is easier to give with an example of their own. */
const ownUrlHints = new Set<DeclarationPlatform>(["facebook_profile", "zalo_account", "tiktok", "youtube"]);

export const ownDeclarationsKey = ["declarations", "mine"] as const;

/** Refusals about the address itself, shown under the address field where the fix is. */
const urlErrorCodes = new Set(["declarations.already_declared", "url.invalid", "url.unsupported"]);

/** Declares a new account (with the purpose and the consent box) or corrects one already declared. */
export function DeclarationFormDialog(props: {
  opened: boolean;
  purpose: OwnDeclarations["purpose"];
  editing: OwnDeclaration | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const missing = useMissingField();
  const client = useQueryClient();
  const errorText = useErrorText();
  const editing = props.editing;
  const [platform, setPlatform] = useState<DeclarationPlatform | null>(editing?.platform ?? null);
  const [url, setUrl] = useState(editing?.url ?? "");
  const [displayName, setDisplayName] = useState(editing?.displayName ?? "");
  const [realName, setRealName] = useState(editing?.realName ?? true);
  const [consent, setConsent] = useState(false);
  const [tried, setTried] = useState(false);
  const locale = i18n.language === "en" ? "en" : "vi";

  const save = useMutation({
    mutationFn: () => {
      if (editing) {
        return api("PATCH", "/api/me/declarations/:id", {
          params: { id: editing.id },
          body: { url: url.trim(), displayName: displayName.trim(), realName },
        });
      }
      const body: DeclareBody = {
        platform: platform ?? "other",
        url: url.trim(),
        displayName: displayName.trim(),
        realName,
        consent: true,
        purposeVersion: props.purpose.version,
        locale,
      };
      return api("POST", "/api/me/declarations", { body });
    },
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("declarations.my.saved") });
      await client.invalidateQueries({ queryKey: ownDeclarationsKey });
      props.onClose();
    },
    onError: async (error) => {
      // The purpose changed under the open form: fetch the new text so the member reads it before agreeing.
      if (error instanceof ApiError && error.code === "declarations.purpose_changed") {
        setConsent(false);
        await client.invalidateQueries({ queryKey: ownDeclarationsKey });
      }
    },
  });

  const urlError =
    (tried && !url.trim() ? missing.fill(t("declarations.form.url")) : undefined) ??
    (save.error instanceof ApiError && urlErrorCodes.has(save.error.code)
      ? errorText(save.error)
      : undefined);
  const submit = () => {
    setTried(true);
    if (!url.trim() || !displayName.trim() || (!editing && (!platform || !consent))) {
      return;
    }
    save.mutate();
  };

  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={editing ? t("declarations.form.editTitle") : t("declarations.form.title")}
      size="lg"
      gap="sm"
      onSubmit={submit}
      submitLabel={editing ? t("declarations.form.save") : t("declarations.form.submit")}
      loading={save.isPending}
      // A refusal about the address is shown under the address field instead.
      error={urlError ? null : save.error}
    >
      {!editing && (
        <Select
          label={t("declarations.form.platform")}
          required
          data={declarationPlatformChoices(t)}
          value={platform}
          onChange={(value) => setPlatform(value as DeclarationPlatform | null)}
          error={tried && !platform ? missing.choose(t("declarations.form.platform")) : undefined}
          comboboxProps={{ withinPortal: true }}
          data-testid="declaration-platform"
        />
      )}
      <TextInput
        label={t("declarations.form.url")}
        description={
          platform && ownUrlHints.has(platform)
            ? t(`declaredAccounts.urlHint.${platform as "facebook_profile"}`)
            : t("declarations.form.urlHint")
        }
        required
        inputMode="url"
        autoComplete="off"
        maxLength={2000}
        value={url}
        onChange={(event) => setUrl(event.currentTarget.value)}
        error={urlError}
      />
      <TextInput
        label={t("declarations.form.displayName")}
        required
        maxLength={300}
        value={displayName}
        onChange={(event) => setDisplayName(event.currentTarget.value)}
        error={tried && !displayName.trim() ? missing.fill(t("declarations.form.displayName")) : undefined}
      />
      <Switch
        label={t("declarations.form.realName")}
        checked={realName}
        onChange={(event) => setRealName(event.currentTarget.checked)}
      />
      {!editing && (
        <Alert color="blue" variant="light" title={t("declarations.form.purposeTitle")}>
          <Text size="sm" data-testid="declaration-purpose">
            {props.purpose[locale]}
          </Text>
        </Alert>
      )}
      {!editing && (
        <Checkbox
          label={t("declarations.form.consent")}
          checked={consent}
          onChange={(event) => setConsent(event.currentTarget.checked)}
          error={tried && !consent ? t("declarations.form.consentRequired") : undefined}
        />
      )}
    </FormDialog>
  );
}

/** Marks an account closed (with the day it was closed) or active again. */
export function DeclarationStatusDialog(props: { declaration: OwnDeclaration | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const closing = props.declaration?.statusAction !== "active";
  const [since, setSince] = useState(vietnamToday());
  const change = useMutation({
    mutationFn: () =>
      api("POST", "/api/me/declarations/:id/status", {
        params: { id: props.declaration?.id ?? "" },
        body: {
          status: closing ? "closed" : "active",
          since: since === vietnamToday() ? undefined : `${since}T00:00:00+07:00`,
        },
      }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("declarations.my.saved") });
      await client.invalidateQueries({ queryKey: ownDeclarationsKey });
      props.onClose();
    },
  });
  return (
    <FormDialog
      opened={props.declaration !== null}
      onClose={props.onClose}
      title={closing ? t("declarations.statusDialog.closeTitle") : t("declarations.statusDialog.reopenTitle")}
      gap="sm"
      onSubmit={() => {
        if (since) {
          change.mutate();
        }
      }}
      submitLabel={t("declarations.statusDialog.confirm")}
      submitDisabled={!since}
      loading={change.isPending}
      error={change.error}
    >
      <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
        {props.declaration?.displayName}
      </Text>
      <DateField
        label={t("declarations.statusDialog.since")}
        max={vietnamToday()}
        value={since}
        onChange={setSince}
      />
    </FormDialog>
  );
}

function nowInVietnam(): string {
  const parts = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Ho_Chi_Minh",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date());
  return parts.replace(" ", "T");
}

/** Reports an account taken over or impersonated; the unit's administrators are alerted at once. */
export function ReportDialog(props: { declaration: OwnDeclaration | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<ReportBody["kind"]>("compromised");
  const [happenedAt, setHappenedAt] = useState(nowInVietnam());
  const [description, setDescription] = useState("");
  const [impersonatorUrl, setImpersonatorUrl] = useState("");
  const report = useMutation({
    mutationFn: () => {
      const body: ReportBody = {
        kind,
        happenedAt: vietnamLocalToIso(happenedAt),
        description: description.trim() || undefined,
        impersonatorUrl:
          kind === "impersonated" && impersonatorUrl.trim() ? impersonatorUrl.trim() : undefined,
      };
      return api("POST", "/api/me/declarations/:id/report", {
        params: { id: props.declaration?.id ?? "" },
        body,
      });
    },
    onSuccess: async (result) => {
      notifications.show({
        color: "green",
        autoClose: 10_000,
        message:
          result.alerted.length > 0
            ? t("declarations.reportDialog.sent", { names: result.alerted.map((a) => a.fullName).join(", ") })
            : t("declarations.reportDialog.sentNoAdmin"),
      });
      await client.invalidateQueries({ queryKey: ownDeclarationsKey });
      props.onClose();
    },
  });
  return (
    <FormDialog
      opened={props.declaration !== null}
      onClose={props.onClose}
      title={t("declarations.reportDialog.title")}
      gap="sm"
      onSubmit={() => {
        if (happenedAt) {
          report.mutate();
        }
      }}
      submitLabel={t("declarations.reportDialog.submit")}
      submitColor="red"
      loading={report.isPending}
      error={report.error}
    >
      <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
        {props.declaration?.displayName} — {props.declaration?.url}
      </Text>
      <Radio.Group
        label={t("declarations.reportDialog.kind")}
        value={kind}
        onChange={(value) => setKind(value as ReportBody["kind"])}
      >
        <Stack gap={6} mt={4}>
          <Radio value="compromised" label={t("declarations.reportDialog.compromised")} />
          <Radio value="impersonated" label={t("declarations.reportDialog.impersonated")} />
        </Stack>
      </Radio.Group>
      <DateTimeField
        label={t("declarations.reportDialog.happenedAt")}
        required
        max={nowInVietnam()}
        value={happenedAt}
        onChange={setHappenedAt}
      />
      {kind === "impersonated" && (
        <TextInput
          label={t("declarations.reportDialog.impersonatorUrl")}
          inputMode="url"
          maxLength={2000}
          value={impersonatorUrl}
          onChange={(event) => setImpersonatorUrl(event.currentTarget.value)}
        />
      )}
      <Textarea
        label={t("declarations.reportDialog.description")}
        autosize
        minRows={2}
        maxLength={2000}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
      />
      <Text size="sm" c="dimmed">
        {t("declarations.reportDialog.explain")}
      </Text>
    </FormDialog>
  );
}
