import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import {
  type Campaign,
  type CampaignGoal,
  type CreateCampaignBody,
  campaignGoals,
  type UpdateCampaignBody,
} from "../../backend/types.ts";
import { DateField } from "../../components/date-fields.tsx";
import { useMissingField } from "../../components/invalid-field.tsx";
import { FormError, LoadingBlock } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { vietnamToday } from "../../i18n/format.ts";
import { fetchUnit } from "../units/unit-queries.ts";
import { advocacyKeys } from "./advocacy-api.ts";
import { UnitsField } from "./units-field.tsx";

interface CampaignFields {
  unit: UnitChoice | null;
  name: string;
  description: string;
  goalKind: CampaignGoal;
  goalTarget: number | "";
  channelId: string | null;
  startsOn: string;
  endsOn: string;
  units: UnitChoice[];
}

function fieldsOf(campaign: Campaign | null, unit: UnitChoice | null): CampaignFields {
  if (campaign) {
    return {
      unit: { id: campaign.unitId, name: campaign.unitName, path: campaign.unitPath },
      name: campaign.name,
      description: campaign.description,
      goalKind: campaign.goalKind,
      goalTarget: campaign.goalTarget,
      channelId: campaign.channel?.id ?? null,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
      units: campaign.units.map((item) => ({ id: item.id, name: item.name, path: "" })),
    };
  }
  const today = vietnamToday();
  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    unit,
    name: "",
    description: "",
    goalKind: "clicks",
    goalTarget: "",
    channelId: null,
    startsOn: today,
    endsOn: inAMonth,
    units: unit ? [unit] : [],
  };
}

/** The registry channels of the unit (and its sub-units) whose followers a campaign may count. */
function ChannelSelect(props: {
  unitId: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const channels = useQuery({
    queryKey: ["channels", "campaign-picker", props.unitId],
    queryFn: () =>
      api("GET", "/api/channels", { query: { unitId: props.unitId, status: "active", pageSize: 200 } }),
  });
  return (
    <Select
      label={t("advocacy.campaignForm.channel")}
      description={t("advocacy.campaignForm.channelHint")}
      required
      searchable
      data={(channels.data?.items ?? []).map((channel) => ({
        value: channel.id,
        label: `${channel.displayName} · ${t(`channels.platform.${channel.platform}`)}`,
      }))}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      nothingFoundMessage={channels.isFetching ? t("common.loading") : t("advocacy.campaignForm.noChannels")}
      comboboxProps={{ withinPortal: true }}
      data-testid="campaign-channel"
    />
  );
}

/** Creates a campaign, or changes one (its goal's kind and channel stay as they were set). */
export function CampaignFormDialog(props: {
  opened: boolean;
  onClose: () => void;
  campaign: Campaign | null;
  onSaved?: (campaign: Campaign) => void;
}) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const paths = session.abilities["advocacy.manage"] ?? [];
  // A new campaign starts in the first unit where the person runs campaigns.
  const unitId = session.grants.find((item) => paths.includes(item.unitPath))?.unitId ?? "";
  const unit = useQuery({
    queryKey: ["units", "detail", unitId],
    queryFn: () => fetchUnit(unitId),
    enabled: props.opened && !props.campaign && Boolean(unitId),
  });
  const waiting = !props.campaign && Boolean(unitId) && unit.isPending;
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.campaign ? t("advocacy.campaignForm.editTitle") : t("advocacy.campaignForm.newTitle")}
      size="lg"
    >
      {props.opened &&
        (waiting ? (
          <LoadingBlock />
        ) : (
          <CampaignForm
            campaign={props.campaign}
            defaultUnit={unit.data ? { id: unit.data.id, name: unit.data.name, path: unit.data.path } : null}
            onClose={props.onClose}
            onSaved={props.onSaved}
          />
        ))}
    </Modal>
  );
}

function CampaignForm(props: {
  campaign: Campaign | null;
  defaultUnit: UnitChoice | null;
  onClose: () => void;
  onSaved?: (campaign: Campaign) => void;
}) {
  const { t } = useTranslation();
  const missing = useMissingField();
  const client = useQueryClient();
  const isNew = !props.campaign;
  const [fields, setFields] = useState(() => fieldsOf(props.campaign, props.defaultUnit));
  const [tried, setTried] = useState(false);
  const set = (changes: Partial<CampaignFields>) => setFields((current) => ({ ...current, ...changes }));
  const problems = {
    unit: isNew && !fields.unit,
    name: !fields.name.trim(),
    goalTarget: fields.goalTarget === "" || fields.goalTarget < 1,
    channel: isNew && fields.goalKind === "followers" && !fields.channelId,
    startsOn: !fields.startsOn,
    endsOn: !fields.endsOn || fields.endsOn < fields.startsOn,
  };
  const invalid = Object.values(problems).some(Boolean);

  const save = useMutation({
    mutationFn: () => {
      const common = {
        name: fields.name.trim(),
        description: fields.description.trim(),
        goalTarget: Number(fields.goalTarget),
        startsOn: fields.startsOn,
        endsOn: fields.endsOn,
        unitIds: fields.units.length > 0 ? fields.units.map((unit) => unit.id) : undefined,
      };
      if (props.campaign) {
        const body: UpdateCampaignBody = common;
        return api("PATCH", "/api/campaigns/:id", { params: { id: props.campaign.id }, body });
      }
      const body: CreateCampaignBody = {
        ...common,
        unitId: fields.unit?.id ?? "",
        goalKind: fields.goalKind,
        channelId: fields.goalKind === "followers" ? (fields.channelId ?? undefined) : undefined,
      };
      return api("POST", "/api/campaigns", { body });
    },
    onSuccess: (campaign) => {
      client.setQueryData(advocacyKeys.campaign(campaign.id), campaign);
      void client.invalidateQueries({ queryKey: advocacyKeys.campaigns });
      notifications.show({
        color: "green",
        message: isNew ? t("advocacy.campaignForm.created") : t("advocacy.campaignForm.saved"),
      });
      props.onSaved?.(campaign);
      props.onClose();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!invalid) {
      save.mutate();
    }
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        {isNew && (
          <UnitPicker
            label={t("advocacy.campaignForm.unit")}
            value={fields.unit}
            permission="advocacy.manage"
            required
            error={tried && problems.unit ? missing.choose(t("advocacy.campaignForm.unit")) : undefined}
            onChange={(unit) =>
              set({ unit, channelId: null, units: fields.units.length === 0 && unit ? [unit] : fields.units })
            }
            data-testid="campaign-unit"
          />
        )}
        <TextInput
          label={t("advocacy.campaignForm.name")}
          required
          maxLength={300}
          value={fields.name}
          onChange={(event) => set({ name: event.currentTarget.value })}
          error={tried && problems.name ? missing.fill(t("advocacy.campaignForm.name")) : undefined}
          data-testid="campaign-name"
        />
        <Textarea
          label={t("advocacy.campaignForm.description")}
          autosize
          minRows={2}
          maxLength={5000}
          value={fields.description}
          onChange={(event) => set({ description: event.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t("advocacy.campaignForm.goalKind")}
            data={campaignGoals.map((goal) => ({ value: goal, label: t(`advocacy.goal.${goal}`) }))}
            value={fields.goalKind}
            disabled={!isNew}
            allowDeselect={false}
            onChange={(value) => value && set({ goalKind: value as CampaignGoal })}
            comboboxProps={{ withinPortal: true }}
            data-testid="campaign-goal"
          />
          <NumberInput
            label={t("advocacy.campaignForm.goalTarget", { unit: t(`advocacy.goalUnit.${fields.goalKind}`) })}
            required
            min={1}
            max={1_000_000_000}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator="."
            decimalSeparator=","
            value={fields.goalTarget}
            onChange={(value) => set({ goalTarget: typeof value === "number" ? value : "" })}
            error={tried && problems.goalTarget ? t("advocacy.campaignForm.targetPositive") : undefined}
            data-testid="campaign-target"
          />
        </SimpleGrid>
        {fields.goalKind === "followers" &&
          (isNew ? (
            fields.unit && (
              <ChannelSelect
                unitId={fields.unit.id}
                value={fields.channelId}
                onChange={(channelId) => set({ channelId })}
                error={
                  tried && problems.channel ? missing.choose(t("advocacy.campaignForm.channel")) : undefined
                }
              />
            )
          ) : (
            <TextInput
              label={t("advocacy.campaignForm.channel")}
              value={props.campaign?.channel?.displayName ?? ""}
              readOnly
            />
          ))}
        <SimpleGrid cols={2} spacing="sm">
          <DateField
            label={t("advocacy.campaignForm.startsOn")}
            required
            value={fields.startsOn}
            onChange={(value) => set({ startsOn: value })}
            error={tried && problems.startsOn ? missing.fill(t("advocacy.campaignForm.startsOn")) : undefined}
            data-testid="campaign-starts"
          />
          <DateField
            label={t("advocacy.campaignForm.endsOn")}
            required
            min={fields.startsOn || undefined}
            value={fields.endsOn}
            onChange={(value) => set({ endsOn: value })}
            error={tried && problems.endsOn ? t("advocacy.campaignForm.endsBeforeStart") : undefined}
            data-testid="campaign-ends"
          />
        </SimpleGrid>
        <UnitsField
          label={t("advocacy.campaignForm.units")}
          description={t("advocacy.campaignForm.unitsHint")}
          value={fields.units}
          onChange={(units) => set({ units })}
          permission="advocacy.manage"
          max={500}
          data-testid="campaign-units"
        />
        <FormError error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="campaign-save">
            {isNew ? t("advocacy.campaignForm.create") : t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
