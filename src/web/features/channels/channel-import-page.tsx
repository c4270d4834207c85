import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../backend/client.ts";
import type { ChannelImportPreview, ChannelImportResult, ImportRowError } from "../../backend/types.ts";
import { DownloadIcon, UploadIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { FormError } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { downloadTemplate, readAsBase64 } from "../people/import-page.tsx";

const maxBytes = 10 * 1024 * 1024;
/** The template's columns, with the header names the server recognises. */
export const channelTemplateHeader = "Tên kênh,Địa chỉ,Nền tảng,Mã đơn vị,Số người theo dõi";

const fieldLabelKeys: Record<string, string> = {
  url: "channels.fields.url",
  displayName: "channels.fields.displayName",
  platform: "channels.fields.platform",
  unit: "channels.fields.unit",
  followers: "channels.fields.followerCount",
};

/** Every bad row with its number, column and reason in the current language. */
function RowErrors({ errors }: { errors: ImportRowError[] }) {
  const { t, i18n } = useTranslation();
  const fieldLabel = (field: string | null) =>
    !field ? t("common.none") : fieldLabelKeys[field] ? t(fieldLabelKeys[field]) : field;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped verticalSpacing="xs" data-testid="import-errors">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={64}>{t("import.row")}</Table.Th>
            <Table.Th w={110}>{t("import.field")}</Table.Th>
            <Table.Th>{t("import.reason")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((error) => (
            <Table.Tr key={`${error.row}-${error.field}-${error.code}`} data-row={error.row}>
              <Table.Td fw={600}>{formatNumber(error.row, i18n.language)}</Table.Td>
              <Table.Td>{fieldLabel(error.field)}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>
                {i18n.language === "en" ? error.message.en : error.message.vi}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Figure({ label, value, color }: { label: string; value: number; color?: string }) {
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

/** Import a unit's inventory of channels from XLSX/CSV: check first (every bad row shown), then import. */
export default function ChannelImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const body = async () => {
    if (!unit || !file) {
      throw new Error("unit and file are required");
    }
    return { unitId: unit.id, fileName: file.name, contentBase64: await readAsBase64(file) };
  };
  const preview = useMutation({
    mutationFn: async () => api<ChannelImportPreview>("POST", "/api/channels/import/preview", await body()),
  });
  const run = useMutation({
    mutationFn: async () => api<ChannelImportResult>("POST", "/api/channels/import", await body()),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["channels"] });
    },
  });

  const chooseFile = (chosen: File | null) => {
    preview.reset();
    run.reset();
    setFileError(null);
    if (chosen && !/\.(xlsx|csv)$/i.test(chosen.name)) {
      setFileError(t("import.badType"));
      setFile(null);
      return;
    }
    if (chosen && chosen.size > maxBytes) {
      setFileError(t("import.fileTooLarge"));
      setFile(null);
      return;
    }
    setFile(chosen);
  };

  const restart = () => {
    preview.reset();
    run.reset();
    setFile(null);
  };

  const checked = preview.data;
  const result = run.data;

  return (
    <>
      <PageHeader
        title={t("channels.importPage.title")}
        subtitle={t("channels.importPage.intro")}
        actions={
          <Button
            variant="default"
            leftSection={<DownloadIcon size={16} />}
            onClick={() => downloadTemplate(t("channels.importPage.templateFileName"), channelTemplateHeader)}
          >
            {t("import.template")}
          </Button>
        }
      />
      <Stack gap="md">
        <Paper withBorder p="md">
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              run.reset();
              preview.mutate();
            }}
          >
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" style={{ alignItems: "end" }}>
                <UnitPicker
                  label={t("import.unit")}
                  description={t("channels.importPage.unitHint")}
                  value={unit}
                  onChange={(choice) => {
                    setUnit(choice);
                    preview.reset();
                    run.reset();
                  }}
                  permission="channels.manage"
                  required
                  data-testid="import-unit"
                />
                <FileInput
                  label={t("import.file")}
                  description={t("import.fileHint")}
                  placeholder={t("import.filePlaceholder")}
                  accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  leftSection={<UploadIcon size={16} />}
                  value={file}
                  onChange={chooseFile}
                  error={fileError}
                  required
                  clearable
                  data-testid="import-file"
                />
              </SimpleGrid>
              <FormError error={preview.error} />
              <Group>
                <Button type="submit" disabled={!unit || !file} loading={preview.isPending}>
                  {t("import.check")}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>

        {checked && !result && (
          <Paper withBorder p="md" data-testid="import-preview">
            <Stack>
              <SimpleGrid cols={3} spacing="xs">
                <Figure label={t("import.summaryTotal")} value={checked.totalRows} />
                <Figure label={t("import.summaryValid")} value={checked.validRows} color="green.8" />
                <Figure
                  label={t("import.summaryInvalid")}
                  value={checked.totalRows - checked.validRows}
                  color={checked.totalRows > checked.validRows ? "red.8" : undefined}
                />
              </SimpleGrid>
              {checked.totalRows === 0 && <Alert color="yellow">{t("import.emptyFile")}</Alert>}
              {checked.errors.length > 0 ? (
                <Stack gap="xs">
                  <Title order={2} size="h4">
                    {t("import.errorsTitle")}{" "}
                    <Badge color="red" variant="light">
                      {checked.errors.length}
                    </Badge>
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t("import.errorsHint")}
                  </Text>
                  <RowErrors errors={checked.errors} />
                </Stack>
              ) : (
                checked.totalRows > 0 && <Alert color="green">{t("import.noErrors")}</Alert>
              )}
              {checked.sample.length > 0 && (
                <Stack gap="xs">
                  <Title order={2} size="h4">
                    {t("import.sampleTitle")}
                  </Title>
                  <Table.ScrollContainer minWidth={560}>
                    <Table verticalSpacing="xs" striped>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t("import.row")}</Table.Th>
                          <Table.Th>{t("channels.fields.displayName")}</Table.Th>
                          <Table.Th>{t("channels.fields.platform")}</Table.Th>
                          <Table.Th>{t("channels.fields.url")}</Table.Th>
                          <Table.Th>{t("channels.fields.unit")}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {checked.sample.map((row) => (
                          <Table.Tr key={row.row}>
                            <Table.Td>{row.row}</Table.Td>
                            <Table.Td>{row.displayName}</Table.Td>
                            <Table.Td>{t(`channels.platform.${row.platform}`)}</Table.Td>
                            <Table.Td style={{ overflowWrap: "anywhere" }}>{row.url}</Table.Td>
                            <Table.Td>{row.unitName}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </Stack>
              )}
              <FormError error={run.error} />
              <Group>
                {checked.validRows > 0 ? (
                  <Button color="green" loading={run.isPending} onClick={() => run.mutate()}>
                    {t("import.run", { count: checked.validRows })}
                  </Button>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t("import.noValid")}
                  </Text>
                )}
              </Group>
            </Stack>
          </Paper>
        )}

        {result && (
          <Paper withBorder p="md" data-testid="import-result">
            <Stack>
              <Alert
                color="green"
                title={t("channels.importPage.done", { created: result.created, total: result.totalRows })}
              >
                {result.errors.length > 0 && t("import.skipped", { count: result.errors.length })}
              </Alert>
              {result.errors.length > 0 && <RowErrors errors={result.errors} />}
              <Group>
                <Button variant="default" onClick={restart}>
                  {t("import.another")}
                </Button>
                <Anchor component={Link} to={unit ? `/channels?unitId=${unit.id}` : "/channels"}>
                  {t("channels.importPage.viewChannels")}
                </Anchor>
              </Group>
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
