import { NumberInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { detectChannelPlatform } from "../../../shared/channel-url.ts";
import { ApiError } from "../../backend/client.ts";
import { api } from "../../backend/typed-client.ts";
import {
  type Channel,
  type ChannelPlatform,
  channelPlatforms,
  type RegisterChannelBody,
  type UpdateChannelBody,
} from "../../backend/types.ts";
import { DateField } from "../../components/date-fields.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { type PersonChoice, PersonPicker } from "../../components/person-picker.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { useErrorText, vietnamToday } from "../../i18n/format.ts";
import { ChannelAvatarField } from "./channel-avatar-field.tsx";
import { handleLabelKey } from "./channel-badges.tsx";
import { platformAfterAddress } from "./platform-guess.ts";

/** Server refusals that concern the address: shown under the address field, where the fix is. */
const urlErrorCodes = new Set(["channel.key_taken", "url.invalid", "url.unsupported"]);

function orNull(value: string): string | null {
  return value.trim() || null;
}

/** Registers a channel of a unit, or edits one (everything but its unit and platform). */
export function ChannelFormDialog(props: {
  channel: Channel | null;
  defaultUnit: UnitChoice | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (channel: Channel) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const errorText = useErrorText();
  const editing = props.channel;
  const [unit, setUnit] = useState<UnitChoice | null>(
    editing ? { id: editing.unitId, name: editing.unitName, path: "" } : props.defaultUnit,
  );
  const [platform, setPlatform] = useState<ChannelPlatform | null>(editing?.platform ?? null);
  // Chosen from the pasted address until the person picks one themselves.
  const [platformDetected, setPlatformDetected] = useState(false);
  const [url, setUrl] = useState(editing?.url ?? "");
  const [displayName, setDisplayName] = useState(editing?.displayName ?? "");
  const [handle, setHandle] = useState(editing?.handle ?? "");
  const [platformId, setPlatformId] = useState(editing?.platformId ?? "");
  const [avatarUrl, setAvatarUrl] = useState(editing?.avatarUrl ?? "");
  const [person, setPerson] = useState<PersonChoice | null>(
    editing?.responsiblePersonId && editing.responsiblePersonName
      ? { id: editing.responsiblePersonId, fullName: editing.responsiblePersonName }
      : null,
  );
  const [followerCount, setFollowerCount] = useState<number | string>(editing?.followerCount ?? "");
  const [countedOn, setCountedOn] = useState(editing?.followersCountedOn ?? "");
  const [tried, setTried] = useState(false);

  const avatarError =
    avatarUrl.trim() && !/^https?:\/\/\S+$/i.test(avatarUrl.trim())
      ? t("channels.form.avatarUrlInvalid")
      : undefined;
  const followersError =
    followerCount !== "" && !(Number.isInteger(Number(followerCount)) && Number(followerCount) >= 0)
      ? t("channels.form.followerCountInvalid")
      : undefined;

  const save = useMutation({
    mutationFn: () => {
      const common = {
        url: url.trim(),
        displayName: displayName.trim(),
        handle: orNull(handle),
        platformId: orNull(platformId),
        avatarUrl: orNull(avatarUrl),
        responsiblePersonId: person?.id ?? null,
        followerCount: followerCount === "" ? null : Number(followerCount),
        followersCountedOn: countedOn || null,
      };
      if (editing) {
        const body: UpdateChannelBody = common;
        return api("PATCH", "/api/channels/:id", { params: { id: editing.id }, body });
      }
      const body: RegisterChannelBody = { ...common, unitId: unit?.id ?? "", platform: platform ?? "other" };
      return api("POST", "/api/channels", { body });
    },
    onSuccess: async (channel) => {
      notifications.show({
        color: "green",
        message: editing
          ? t("channels.form.saved")
          : t("channels.form.registered", { name: channel.displayName }),
      });
      await client.invalidateQueries({ queryKey: ["channels"] });
      props.onSaved?.(channel);
      props.onClose();
    },
  });
  const urlServerError =
    save.error instanceof ApiError && urlErrorCodes.has(save.error.code) ? errorText(save.error) : undefined;
  // On a phone the address field is scrolled away by the time the answer comes: bring it back with its error.
  const urlInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (urlServerError) {
      urlInput.current?.focus({ preventScroll: true });
      // Centred, so the label above and the refusal below are both in view.
      urlInput.current?.scrollIntoView({ block: "center" });
    }
  }, [urlServerError]);

  const submit = () => {
    setTried(true);
    if (
      (editing || (unit && platform)) &&
      url.trim() &&
      displayName.trim() &&
      !avatarError &&
      !followersError
    ) {
      save.mutate();
    }
  };

  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={editing ? t("channels.form.editTitle") : t("channels.form.registerTitle")}
      size="lg"
      onSubmit={submit}
      submitLabel={editing ? t("common.save") : t("channels.register")}
      loading={save.isPending}
      // A refusal about the address is shown under the address field instead.
      error={urlServerError ? null : save.error}
    >
      {!editing && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <UnitPicker
            label={t("channels.fields.unit")}
            value={unit}
            onChange={setUnit}
            permission="channels.manage"
            required
            error={tried && !unit ? t("channels.form.unitRequired") : undefined}
          />
          <Select
            label={t("channels.fields.platform")}
            required
            data={channelPlatforms.map((value) => ({ value, label: t(`channels.platform.${value}`) }))}
            value={platform}
            onChange={(value) => {
              setPlatform(value as ChannelPlatform | null);
              setPlatformDetected(false);
            }}
            description={platformDetected ? t("channelDetection.detected") : undefined}
            error={tried && !platform ? t("channels.form.platformRequired") : undefined}
            data-testid="channel-platform"
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
      )}
      <TextInput
        ref={urlInput}
        label={t("channels.fields.url")}
        description={t("channels.form.urlHint")}
        required
        type="url"
        inputMode="url"
        maxLength={2000}
        value={url}
        error={(tried && !url.trim() ? t("channels.form.urlRequired") : undefined) ?? urlServerError}
        onChange={(event) => {
          const typed = event.currentTarget.value;
          setUrl(typed);
          if (!editing) {
            const next = platformAfterAddress(
              { platform, guessed: platformDetected },
              detectChannelPlatform(typed),
            );
            setPlatform(next.platform);
            setPlatformDetected(next.guessed);
          }
          if (urlServerError) {
            save.reset();
          }
        }}
      />
      <TextInput
        label={t("channels.fields.displayName")}
        required
        maxLength={300}
        value={displayName}
        error={tried && !displayName.trim() ? t("channels.form.displayNameRequired") : undefined}
        onChange={(event) => setDisplayName(event.currentTarget.value)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label={t(handleLabelKey(platform))}
          description={t("channels.form.handleHint")}
          maxLength={200}
          value={handle}
          onChange={(event) => setHandle(event.currentTarget.value)}
        />
        <TextInput
          label={t("channels.fields.platformId")}
          description={t("channels.form.platformIdHint")}
          maxLength={200}
          value={platformId}
          onChange={(event) => setPlatformId(event.currentTarget.value)}
        />
      </SimpleGrid>
      <ChannelAvatarField
        label={t("channels.fields.avatarUrl")}
        unit={unit}
        value={avatarUrl}
        error={avatarError}
        onChange={setAvatarUrl}
      />
      <PersonPicker label={t("channels.fields.responsiblePerson")} value={person} onChange={setPerson} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <NumberInput
          label={t("channels.fields.followerCount")}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator="."
          decimalSeparator=","
          value={followerCount}
          error={followersError}
          onChange={setFollowerCount}
        />
        <DateField
          label={t("channels.fields.followersCountedOn")}
          max={vietnamToday()}
          value={countedOn}
          onChange={setCountedOn}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
