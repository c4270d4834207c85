import { ActionIcon, Avatar, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MediaItem } from "../../backend/types.ts";
import { ImageIcon } from "../../components/icons.tsx";
import type { UnitChoice } from "../../components/unit-picker.tsx";
import { MediaPicker } from "../media/media-picker.tsx";
import { fetchUnit } from "../units/unit-queries.ts";

/** The address a channel's avatar is stored under: the server takes only absolute http(s) addresses. */
export function absoluteMediaUrl(url: string, origin: string): string {
  return new URL(url, origin).href;
}

/**
 * A channel's avatar: an image address pasted in, or an image chosen (or uploaded on the spot)
 * from the unit's media library, with a small preview and a way to remove it.
 */
export function ChannelAvatarField(props: {
  label: string;
  /** The channel's unit; its path may be unknown (""), as when editing, and is then fetched. */
  unit: UnitChoice | null;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  // What was picked in this form, so that reopening the picker shows it chosen.
  const [picked, setPicked] = useState<MediaItem | null>(null);
  const unitId = props.unit?.id ?? "";
  // The picker offers uploading only where its reader manages the unit, which it tells from the path.
  const unitDetail = useQuery({
    queryKey: ["units", "detail", unitId],
    queryFn: () => fetchUnit(unitId),
    enabled: Boolean(unitId) && !props.unit?.path,
  });
  const unitPath = props.unit?.path || unitDetail.data?.path || "";
  const address = props.value.trim();
  const preview = address && !props.error ? address : null;
  const pickedUrl = picked ? absoluteMediaUrl(picked.url, window.location.origin) : null;

  return (
    <Stack gap={6}>
      <TextInput
        label={props.label}
        description={t("channels.form.avatarHint")}
        type="url"
        inputMode="url"
        maxLength={2000}
        value={props.value}
        error={props.error}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      />
      <Group gap="xs" wrap="wrap" data-testid="channel-avatar-field">
        {preview && <Avatar src={preview} alt={t("channels.form.avatarPreview")} size="md" />}
        <Button
          size="xs"
          variant="default"
          leftSection={<ImageIcon size={14} />}
          disabled={!props.unit || !unitPath}
          onClick={() => setPicking(true)}
        >
          {t("channels.form.avatarChoose")}
        </Button>
        {address && (
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t("channels.form.avatarRemove")}
            title={t("channels.form.avatarRemove")}
            onClick={() => {
              props.onChange("");
              setPicked(null);
            }}
          >
            ×
          </ActionIcon>
        )}
      </Group>
      {!props.unit && (
        <Text size="xs" c="dimmed">
          {t("channels.form.avatarNeedsUnit")}
        </Text>
      )}
      {picking && props.unit && (
        <MediaPicker
          opened
          unit={{ id: props.unit.id, path: unitPath, name: props.unit.name }}
          initial={picked && pickedUrl === address ? [picked] : []}
          kind="image"
          max={1}
          onClose={() => setPicking(false)}
          onConfirm={(chosen) => {
            const [item] = chosen;
            if (item) {
              setPicked(item);
              props.onChange(absoluteMediaUrl(item.url, window.location.origin));
            }
            setPicking(false);
          }}
        />
      )}
    </Stack>
  );
}
