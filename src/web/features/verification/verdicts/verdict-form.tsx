import { Button, Group, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { VerdictLabel } from "../../../../shared/api/verification-values.ts";
import { api } from "../../../backend/typed-client.ts";
import { InvalidFieldNotice, useFirstInvalidField } from "../../../components/invalid-field.tsx";
import { FormError } from "../../../components/state-blocks.tsx";

/** The outcomes in the order a checker weighs them: the public scale first, then the others. */
export const verdictLabels: readonly VerdictLabel[] = [
  "fake",
  "false",
  "true",
  "insufficient_evidence",
  "out_of_scope",
];
export const publicLabels: readonly VerdictLabel[] = ["fake", "false", "true"];

/** Under 75 characters, as ClaimReview asks; the server counts the same way (NFC code points). */
export const claimMax = 74;
const lengthOf = (text: string) => [...text.normalize("NFC").trim()].length;

/** Draft or change the verdict: label, the claim with its counter, the explanation. */
export function VerdictForm(props: {
  caseId: string;
  initial: { label: VerdictLabel; claimReviewed: string; explanation: string } | null;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [label, setLabel] = useState<VerdictLabel | null>(props.initial?.label ?? null);
  const [claim, setClaim] = useState(props.initial?.claimReviewed ?? "");
  const [explanation, setExplanation] = useState(props.initial?.explanation ?? "");
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const count = lengthOf(claim);
  const claimError =
    count === 0
      ? tried && t("verification.verdicts.claimRequired")
      : count > claimMax && t("verification.verdicts.claimTooLong", { max: claimMax });
  const explanationError = tried && !explanation.trim() && t("verification.verdicts.explanationRequired");
  const save = useMutation({
    mutationFn: (body: { label: VerdictLabel; claimReviewed: string; explanation: string }) =>
      api("PUT", "/api/cases/:id/verdict", { params: { id: props.caseId }, body }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("verification.verdicts.saved") });
      await client.invalidateQueries({ queryKey: ["verification"] });
      props.onDone();
    },
  });
  const submit = () => {
    setTried(true);
    if (!label || count === 0 || count > claimMax || !explanation.trim()) {
      return;
    }
    save.mutate({ label, claimReviewed: claim, explanation });
  };
  return (
    <form
      ref={invalid.formRef}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
        invalid.afterSubmit();
      }}
      onChange={invalid.afterInput}
    >
      <Stack gap="sm">
        <Select
          label={t("verification.verdicts.label")}
          required
          data={verdictLabels.map((value) => ({ value, label: t(`verification.verdicts.labels.${value}`) }))}
          value={label}
          onChange={(value) => {
            setLabel(value as VerdictLabel | null);
            // Picking from the list fires no change event on the form.
            invalid.afterInput();
          }}
          error={tried && !label ? t("verification.verdicts.labelRequired") : undefined}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          description={
            label && !publicLabels.includes(label) ? t("verification.verdicts.nonPublicHint") : undefined
          }
        />
        <TextInput
          label={t("verification.verdicts.claim")}
          required
          description={t("verification.verdicts.claimHint")}
          value={claim}
          onChange={(event) => setClaim(event.currentTarget.value)}
          error={claimError || undefined}
          rightSectionWidth={64}
          rightSection={
            <Text size="xs" c={count > claimMax ? "red" : "dimmed"} aria-live="polite">
              {count}/{claimMax}
            </Text>
          }
        />
        <Textarea
          label={t("verification.verdicts.explanation")}
          required
          description={t("verification.verdicts.explanationHint")}
          autosize
          minRows={4}
          maxRows={14}
          value={explanation}
          onChange={(event) => setExplanation(event.currentTarget.value)}
          error={explanationError || undefined}
        />
        <InvalidFieldNotice message={invalid.message} />
        <FormError error={save.error} />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {t("verification.verdicts.save")}
          </Button>
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              {t("verification.verdicts.cancel")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
