import { ActionIcon, Box, Group, Input, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Permission } from "../../backend/types.ts";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";

/** Several units (each counting its sub-units): the chosen ones listed, a picker to add one more. */
export function UnitsField(props: {
  label: string;
  description?: string;
  value: UnitChoice[];
  onChange: (units: UnitChoice[]) => void;
  permission?: Permission;
  error?: string;
  max?: number;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  // The picker is emptied after each choice; a new key starts it afresh.
  const [pickerKey, setPickerKey] = useState(0);
  const full = props.max !== undefined && props.value.length >= props.max;
  return (
    <Box data-testid={props["data-testid"]}>
      <Input.Label>{props.label}</Input.Label>
      {props.description && (
        <Text size="xs" c="dimmed" mb={4}>
          {props.description}
        </Text>
      )}
      <Stack gap={4} mb={props.value.length > 0 ? 6 : 0}>
        {props.value.map((unit) => (
          <Paper key={unit.id} withBorder px="xs" py={4} radius="sm">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
                {unit.name}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label={t("advocacy.units.remove", { name: unit.name })}
                onClick={() => props.onChange(props.value.filter((item) => item.id !== unit.id))}
              >
                ×
              </ActionIcon>
            </Group>
          </Paper>
        ))}
      </Stack>
      {!full && (
        <UnitPicker
          key={pickerKey}
          label={t("advocacy.units.add")}
          value={null}
          permission={props.permission}
          error={props.error}
          onChange={(unit) => {
            if (unit && !props.value.some((item) => item.id === unit.id)) {
              props.onChange([...props.value, unit]);
            }
            setPickerKey((key) => key + 1);
          }}
          data-testid={props["data-testid"] ? `${props["data-testid"]}-picker` : undefined}
        />
      )}
    </Box>
  );
}
