import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { indicatorKindValues } from "../../../../shared/api/verification-values.ts";
import { api } from "../../../backend/typed-client.ts";
import {
  InvalidFieldNotice,
  useFirstInvalidField,
  useMissingField,
} from "../../../components/invalid-field.tsx";
import { ErrorBlock, FormError, LoadingBlock } from "../../../components/state-blocks.tsx";

type Kind = (typeof indicatorKindValues)[number];

export const caseIndicatorsKey = (caseId: string) => ["verification", "indicators", "case", caseId] as const;

/** The scam indicators of a case, on its page: the list, and for those who work on the case a form to add. */
export function CaseIndicators({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: caseIndicatorsKey(caseId),
    queryFn: () => api("GET", "/api/cases/:id/indicators", { params: { id: caseId } }),
  });
  const [kind, setKind] = useState<Kind>("phone");
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const missing = useMissingField();
  const [typed] = useDebouncedValue(value.trim(), 300);
  const preview = useQuery({
    queryKey: ["verification", "indicators", "normalise", kind, typed],
    queryFn: () => api("GET", "/api/indicators/normalise", { query: { kind, value: typed } }),
    enabled: typed.length > 0 && Boolean(list.data?.canManage),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ["verification", "indicators"] });
  const add = useMutation({
    mutationFn: () =>
      api("POST", "/api/cases/:id/indicators", {
        params: { id: caseId },
        body: { kind, value, note: note.trim() || undefined },
      }),
    onSuccess: () => {
      setValue("");
      setNote("");
      setTried(false);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (indicatorId: string) =>
      api("DELETE", "/api/cases/:id/indicators/:indicatorId", { params: { id: caseId, indicatorId } }),
    onSuccess: refresh,
  });
  const language = i18n.language === "en" ? "en" : "vi";
  // The preview answers for what was typed 300 ms ago: its refusal counts once it has caught up.
  const refusal =
    preview.data && !preview.data.ok && typed === value.trim() ? preview.data.refusal?.[language] : undefined;
  const valueError = tried && !value.trim() ? missing.fill(t("verification.indicators.value")) : refusal;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (value.trim() && !refusal) {
      add.mutate();
    }
    invalid.afterSubmit();
  };

  return (
    <Paper withBorder p={{ base: "xs", sm: "md" }} data-testid="case-indicators">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("verification.indicators.caseTitle")}
        </Title>
        {list.isPending && <LoadingBlock />}
        {list.error && <ErrorBlock error={list.error} onRetry={() => list.refetch()} />}
        {list.data && (
          <>
            <Text size="sm" c={list.data.public ? "red.8" : "dimmed"}>
              {list.data.public
                ? t("verification.indicators.casePublic")
                : t("verification.indicators.caseNotPublic")}
            </Text>
            {list.data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("verification.indicators.caseEmpty")}
              </Text>
            ) : (
              <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {list.data.items.map((item) => (
                  <Group
                    key={item.id}
                    component="li"
                    gap="xs"
                    wrap="nowrap"
                    justify="space-between"
                    data-testid="case-indicator"
                  >
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Group gap={6}>
                        <Badge variant="light" tt="none">
                          {t(`verification.indicators.kind.${item.kind}`)}
                        </Badge>
                        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                          {item.display}
                        </Text>
                      </Group>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                        {t("verification.indicators.stored", { value: item.value })}
                        {item.note ? ` · ${item.note}` : ""}
                      </Text>
                    </Stack>
                    {list.data.canManage && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={t("verification.indicators.removeLabel", { value: item.display })}
                        loading={remove.isPending && remove.variables === item.id}
                        onClick={() => remove.mutate(item.id)}
                        style={{ flexShrink: 0 }}
                      >
                        {t("verification.indicators.remove")}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            )}
            {list.data.canManage && (
              <form
                ref={invalid.formRef}
                noValidate
                onSubmit={submit}
                onChange={invalid.afterInput}
                data-testid="indicator-form"
              >
                <Stack gap="xs">
                  <Select
                    label={t("verification.indicators.kindLabel")}
                    data={indicatorKindValues.map((k) => ({
                      value: k,
                      label: t(`verification.indicators.kind.${k}`),
                    }))}
                    value={kind}
                    onChange={(next) => next && setKind(next as Kind)}
                    allowDeselect={false}
                  />
                  <TextInput
                    label={t("verification.indicators.value")}
                    placeholder={t("verification.indicators.valuePlaceholder")}
                    value={value}
                    onChange={(event) => setValue(event.currentTarget.value)}
                    required
                    description={
                      preview.data?.ok && preview.data.value
                        ? t("verification.indicators.normalised", { value: preview.data.value })
                        : undefined
                    }
                    error={valueError}
                    data-testid="indicator-value"
                  />
                  <TextInput
                    label={t("verification.indicators.note")}
                    placeholder={t("verification.indicators.notePlaceholder")}
                    value={note}
                    onChange={(event) => setNote(event.currentTarget.value)}
                    maxLength={500}
                  />
                  <InvalidFieldNotice message={invalid.message} />
                  <FormError error={add.error} />
                  <Group>
                    <Button type="submit" loading={add.isPending} data-testid="indicator-add">
                      {t("verification.indicators.add")}
                    </Button>
                  </Group>
                </Stack>
              </form>
            )}
            <FormError error={remove.error} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
