import { Paper, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ImportRowError } from "../../backend/types.ts";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { formatNumber } from "../../i18n/format.ts";

/**
 * Every bad row with its number, column and reason in the current language. Reasons wrap (they may
 * quote a long address); on a phone the column and the reason share one cell, so nothing is cut off.
 */
export function RowErrors({
  errors,
  fieldLabelKeys,
  fieldWidth,
}: {
  errors: ImportRowError[];
  fieldLabelKeys: Record<string, string>;
  fieldWidth: number;
}) {
  const { t, i18n } = useTranslation();
  const phone = usePhoneLayout();
  const fieldLabel = (field: string | null) => {
    if (!field) {
      return t("common.none");
    }
    const key = fieldLabelKeys[field];
    return key ? t(key) : field;
  };
  const reason = (error: ImportRowError) => (i18n.language === "en" ? error.message.en : error.message.vi);
  const wrap = { overflowWrap: "anywhere", whiteSpace: "normal", verticalAlign: "top" } as const;
  return (
    <Table striped verticalSpacing="xs" layout="fixed" data-testid="import-errors">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={phone ? 52 : 64}>{t("import.row")}</Table.Th>
          {!phone && <Table.Th w={fieldWidth}>{t("import.field")}</Table.Th>}
          <Table.Th>{t("import.reason")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {errors.map((error) => (
          <Table.Tr key={`${error.row}-${error.field}-${error.code}`} data-row={error.row}>
            <Table.Td fw={600} style={{ verticalAlign: "top" }}>
              {formatNumber(error.row, i18n.language)}
            </Table.Td>
            {phone ? (
              <Table.Td style={wrap}>
                <Text size="sm" fw={600}>
                  {fieldLabel(error.field)}
                </Text>
                <Text size="sm">{reason(error)}</Text>
              </Table.Td>
            ) : (
              <>
                <Table.Td style={wrap}>{fieldLabel(error.field)}</Table.Td>
                <Table.Td style={wrap}>{reason(error)}</Table.Td>
              </>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function Figure({ label, value, color }: { label: string; value: number; color?: string }) {
  const { i18n } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {formatNumber(value, i18n.language)}
      </Text>
    </Paper>
  );
}
