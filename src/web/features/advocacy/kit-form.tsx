import {
  ActionIcon,
  Box,
  Button,
  Group,
  Input,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../backend/typed-client.ts";
import type { Campaign, Kit } from "../../backend/types.ts";
import { DateTimeField } from "../../components/date-fields.tsx";
import { PlusIcon } from "../../components/icons.tsx";
import { useMissingField } from "../../components/invalid-field.tsx";
import { FormError } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { vietnamLocalToIso } from "../../i18n/format.ts";
import { advocacyKeys, campaignStateOf, fetchCampaigns } from "./advocacy-api.ts";
import { UnitsField } from "./units-field.tsx";

export const maxCaptions = 10;

/** What the kit form edits; the source (post or address) and unit only when the kit is new. */
export interface KitFields {
  unit: UnitChoice | null;
  source: "post" | "url";
  post: { id: string; title: string } | null;
  url: string;
  title: string;
  captions: string[];
  targets: UnitChoice[];
  campaignId: string | null;
  /** A `datetime-local` value read in Vietnam time, "" for no expiry. */
  expiresLocal: string;
}

/** An instant as the `datetime-local` text it reads as in Vietnam (UTC+7, no summer time). */
export function isoToVietnamLocal(iso: string | null): string {
  return iso ? new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 16) : "";
}

/** The form's starting values for an existing kit. */
export function fieldsOfKit(kit: Kit): KitFields {
  return {
    unit: { id: kit.unitId, name: kit.unitName, path: kit.unitPath },
    source: kit.postId ? "post" : "url",
    post: kit.postId ? { id: kit.postId, title: kit.title } : null,
    url: kit.targetUrl,
    title: kit.title,
    captions: kit.captions.length > 0 ? kit.captions : [""],
    targets: kit.targetUnits.map((unit) => ({ id: unit.id, name: unit.name, path: "" })),
    campaignId: kit.campaign?.id ?? null,
    expiresLocal: isoToVietnamLocal(kit.expiresAt),
  };
}

/** The cleaned captions to send: trimmed, empty ones left out. */
export function cleanCaptions(captions: string[]): string[] {
  return captions.map((caption) => caption.trim()).filter(Boolean);
}

/** The expiry to send: an instant, or null for none. */
export function expiryOf(fields: KitFields): string | null {
  return fields.expiresLocal ? vietnamLocalToIso(fields.expiresLocal) : null;
}

/** A published post to build the kit from, found by its title among the unit's. */
function PostSelect(props: {
  unitId: string;
  value: { id: string; title: string } | null;
  onChange: (post: { id: string; title: string } | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const query = props.value && debounced === props.value.title ? "" : debounced;
  const posts = useQuery({
    queryKey: ["posts", "published-picker", props.unitId, query],
    queryFn: () =>
      api("GET", "/api/posts", {
        query: { status: "published", unitId: props.unitId, q: query || undefined, pageSize: 30 },
      }),
    placeholderData: keepPreviousData,
  });
  const options = useMemo(() => {
    const byId = new Map(
      (posts.data?.items ?? []).map((post) => [post.id, { id: post.id, title: post.title }]),
    );
    if (props.value && !byId.has(props.value.id)) {
      byId.set(props.value.id, props.value);
    }
    return byId;
  }, [posts.data, props.value]);
  return (
    <Select
      label={t("advocacy.kitForm.post")}
      description={t("advocacy.kitForm.postHint")}
      placeholder={t("advocacy.kitForm.postPlaceholder")}
      required
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={posts.isFetching ? t("common.loading") : t("advocacy.kitForm.noPosts")}
      data={[...options.values()].map((post) => ({ value: post.id, label: post.title }))}
      value={props.value?.id ?? null}
      onChange={(id) => props.onChange(id ? (options.get(id) ?? null) : null)}
      error={props.error}
      comboboxProps={{ withinPortal: true }}
      data-testid="kit-post"
    />
  );
}

/** The campaigns a kit may join: those not yet ended (and the one it is in, whatever its state). */
export function CampaignSelect(props: { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const campaigns = useQuery({
    queryKey: [...advocacyKeys.campaigns, "picker"],
    queryFn: () => fetchCampaigns({ pageSize: 100 }),
  });
  const items = (campaigns.data?.items ?? []).filter(
    (campaign: Campaign) => campaign.id === props.value || campaignStateOf(campaign) !== "ended",
  );
  return (
    <Select
      label={t("advocacy.kitForm.campaign")}
      placeholder={t("advocacy.kitForm.noCampaign")}
      clearable
      data={items.map((campaign) => ({ value: campaign.id, label: campaign.name }))}
      value={props.value}
      onChange={props.onChange}
      nothingFoundMessage={t("advocacy.kitForm.noCampaigns")}
      comboboxProps={{ withinPortal: true }}
      data-testid="kit-campaign"
    />
  );
}

/**
 * The fields of a share kit. `isNew` adds the making unit and the source; an existing kit keeps
 * both (its tracked links already lead there).
 */
export function KitForm(props: {
  initial: KitFields;
  isNew: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: KitFields) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const missing = useMissingField();
  const [fields, setFields] = useState(props.initial);
  const [tried, setTried] = useState(false);
  const set = (changes: Partial<KitFields>) => setFields((current) => ({ ...current, ...changes }));
  const captions = cleanCaptions(fields.captions);
  const sourceMissing = props.isNew && (fields.source === "post" ? !fields.post : !fields.url.trim());
  const titleMissing = !fields.title.trim() && !(props.isNew && fields.source === "post");
  const problems = {
    unit: props.isNew && !fields.unit,
    source: sourceMissing,
    title: titleMissing,
    captions: captions.length === 0,
  };
  const invalid = Object.values(problems).some(Boolean);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!invalid) {
      props.onSubmit(fields);
    }
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {props.isNew && (
          <>
            <UnitPicker
              label={t("advocacy.kitForm.unit")}
              description={t("advocacy.kitForm.unitHint")}
              value={fields.unit}
              permission="advocacy.manage"
              required
              error={tried && problems.unit ? missing.choose(t("advocacy.kitForm.unit")) : undefined}
              onChange={(unit) =>
                set({
                  unit,
                  post: null,
                  // The making unit is the natural audience until the editor says otherwise.
                  targets: fields.targets.length === 0 && unit ? [unit] : fields.targets,
                })
              }
              data-testid="kit-unit"
            />
            <Box>
              <Input.Label>{t("advocacy.kitForm.source")}</Input.Label>
              <SegmentedControl
                fullWidth
                value={fields.source}
                onChange={(value) => set({ source: value as KitFields["source"] })}
                data={[
                  { value: "post", label: t("advocacy.kitForm.fromPost") },
                  { value: "url", label: t("advocacy.kitForm.fromUrl") },
                ]}
                data-testid="kit-source"
              />
            </Box>
            {fields.source === "post" ? (
              fields.unit ? (
                <PostSelect
                  unitId={fields.unit.id}
                  value={fields.post}
                  onChange={(post) =>
                    set({ post, title: fields.title.trim() || !post ? fields.title : post.title })
                  }
                  error={tried && problems.source ? missing.choose(t("advocacy.kitForm.post")) : undefined}
                />
              ) : (
                <Text size="sm" c="dimmed">
                  {t("advocacy.kitForm.chooseUnitFirst")}
                </Text>
              )
            ) : (
              <TextInput
                label={t("advocacy.kitForm.url")}
                description={t("advocacy.kitForm.urlHint")}
                placeholder="https://"
                type="url"
                inputMode="url"
                required
                maxLength={2000}
                value={fields.url}
                onChange={(event) => set({ url: event.currentTarget.value })}
                error={tried && problems.source ? missing.fill(t("advocacy.kitForm.url")) : undefined}
                data-testid="kit-url"
              />
            )}
          </>
        )}
        <TextInput
          label={t("advocacy.kitForm.title")}
          description={props.isNew && fields.source === "post" ? t("advocacy.kitForm.titleHint") : undefined}
          required={!(props.isNew && fields.source === "post")}
          maxLength={300}
          value={fields.title}
          onChange={(event) => set({ title: event.currentTarget.value })}
          error={tried && problems.title ? missing.fill(t("advocacy.kitForm.title")) : undefined}
          data-testid="kit-title"
        />
        <Box role="group" aria-labelledby="kit-captions-label">
          <Input.Label id="kit-captions-label" required>
            {t("advocacy.kitForm.captions")}
          </Input.Label>
          <Text size="xs" c="dimmed" mb={6}>
            {t("advocacy.kitForm.captionsHint")}
          </Text>
          <Stack gap="xs">
            {fields.captions.map((caption, index) => (
              // Captions have no identity of their own; their position is what the editor sees.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <Group key={index} align="flex-start" wrap="nowrap" gap="xs">
                <Textarea
                  style={{ flex: 1 }}
                  aria-label={t("advocacy.kitForm.captionN", { n: index + 1 })}
                  placeholder={t("advocacy.kitForm.captionN", { n: index + 1 })}
                  autosize
                  minRows={2}
                  maxLength={2000}
                  value={caption}
                  onChange={(event) => {
                    const text = event.currentTarget.value;
                    set({ captions: fields.captions.map((item, i) => (i === index ? text : item)) });
                  }}
                  error={
                    tried && problems.captions && index === 0
                      ? missing.fill(t("advocacy.kitForm.captions"))
                      : undefined
                  }
                  data-testid="kit-caption"
                />
                {fields.captions.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={6}
                    aria-label={t("advocacy.kitForm.removeCaption", { n: index + 1 })}
                    onClick={() => set({ captions: fields.captions.filter((_, i) => i !== index) })}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
          {fields.captions.length < maxCaptions && (
            <Button
              mt="xs"
              size="xs"
              variant="light"
              leftSection={<PlusIcon size={14} />}
              onClick={() => set({ captions: [...fields.captions, ""] })}
              data-testid="kit-add-caption"
            >
              {t("advocacy.kitForm.addCaption")}
            </Button>
          )}
        </Box>
        <UnitsField
          label={t("advocacy.kitForm.targets")}
          description={t("advocacy.kitForm.targetsHint")}
          value={fields.targets}
          onChange={(targets) => set({ targets })}
          permission="advocacy.manage"
          max={200}
          data-testid="kit-targets"
        />
        <CampaignSelect value={fields.campaignId} onChange={(campaignId) => set({ campaignId })} />
        <DateTimeField
          label={t("advocacy.kitForm.expires")}
          description={t("advocacy.kitForm.expiresHint")}
          value={fields.expiresLocal}
          onChange={(value) => set({ expiresLocal: value })}
          data-testid="kit-expires"
        />
        <FormError error={props.error} />
        <Group justify="flex-end">
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              {t("common.cancel")}
            </Button>
          )}
          <Button type="submit" loading={props.pending} data-testid="kit-save">
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
