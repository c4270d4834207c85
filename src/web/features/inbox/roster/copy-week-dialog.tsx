import { Checkbox, Select, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../backend/typed-client.ts";
import { FormDialog } from "../../../components/form-dialog.tsx";
import { formatDayRange, vietnamToday } from "../../../i18n/format.ts";
import { addDays, mondayOf, mondaysOfMonth } from "./roster-api.ts";
import { rosterKey } from "./shift-dialogs.tsx";

/** Copies the seven days before a chosen Monday onto that week, and says how many shifts moved. */
export function CopyWeekDialog({
  unitId,
  month,
  onClose,
  onCopied,
}: {
  unitId: string;
  month: string;
  onClose: () => void;
  onCopied: (result: { copied: number; kept: number; weekStart: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const mondays = mondaysOfMonth(month);
  const nextMonday = addDays(mondayOf(vietnamToday()), 7);
  const [weekStart, setWeekStart] = useState(
    mondays.includes(nextMonday) ? nextMonday : (mondays[mondays.length > 1 ? 1 : 0] ?? nextMonday),
  );
  const [replace, setReplace] = useState(false);
  const copy = useMutation({
    mutationFn: () => api("POST", "/api/roster/copy-week", { body: { unitId, weekStart, replace } }),
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: rosterKey });
      onCopied({ ...result, weekStart });
    },
  });
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t("inbox.roster.copy.title")}
      onSubmit={() => copy.mutate()}
      submitLabel={t("inbox.roster.copy.submit")}
      loading={copy.isPending}
      error={copy.error}
      testId="copy-week-dialog"
    >
      <Text size="sm" c="dimmed">
        {t("inbox.roster.copy.explain")}
      </Text>
      <Select
        label={t("inbox.roster.copy.week")}
        value={weekStart}
        allowDeselect={false}
        data={mondays.map((monday) => ({
          value: monday,
          label: t("inbox.roster.copy.weekOption", {
            week: formatDayRange(monday, addDays(monday, 6), i18n.language),
          }),
        }))}
        onChange={(value) => value && setWeekStart(value)}
        comboboxProps={{ withinPortal: true }}
      />
      <Checkbox
        label={t("inbox.roster.copy.replace")}
        description={t("inbox.roster.copy.replaceHint")}
        checked={replace}
        onChange={(event) => setReplace(event.currentTarget.checked)}
      />
    </FormDialog>
  );
}
