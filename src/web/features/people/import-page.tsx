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
import type { ImportPreview, ImportResult, ImportRowError } from "../../backend/types.ts";
import { DownloadIcon, UploadIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { FormError } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { formatNumber } from "../../i18n/format.ts";

const maxBytes = 10 * 1024 * 1024;
/** The template's columns, in the order the server reads them. */
export const templateHeader = "Họ và tên,E-mail,Số điện thoại,Chức vụ,Mã đơn vị";

/** Offers the CSV template; the BOM makes Excel read the Vietnamese header as UTF-8. */
export function downloadTemplate(fileName: string, header: string = templateHeader): void {
  const blob = new Blob([`\uFEFF${header}\r\n`], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file's bytes as base64, as the import endpoints expect. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.readAsDataURL(file);
  });
}

const knownFields = ["fullName", "email", "phone", "position", "unitCode", "unit"];

/** Every bad row with its number, column and reason in the current language. */
function RowErrors({ errors }: { errors: ImportRowError[] }) {
  const { t, i18n } = useTranslation();
  const fieldLabel = (field: string | null) => {
    if (!field) {
      return t("common.none");
    }
    return knownFields.includes(field) ? t(`people.fields.${field === "unit" ? "unitCode" : field}`) : field;
  };
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped verticalSpacing="xs" data-testid="import-errors">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={64}>{t("import.row")}</Table.Th>
            <Table.Th w={120}>{t("import.field")}</Table.Th>
            <Table.Th>{t("import.reason")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((error) => (
            <Table.Tr key={`${error.row}-${error.field}-${error.code}`} data-row={error.row}>
              <Table.Td fw={600}>{formatNumber(error.row, i18n.language)}</Table.Td>
              <Table.Td>{fieldLabel(error.field)}</Table.Td>
              <Table.Td>{i18n.language === "en" ? error.message.en : error.message.vi}</Table.Td>
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

/** Import people from XLSX/CSV: check first (every bad row shown), then import the valid rows. */
export default function ImportPage() {
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
    mutationFn: async () => api<ImportPreview>("POST", "/api/people/import/preview", await body()),
  });
  const run = useMutation({
    mutationFn: async () => api<ImportResult>("POST", "/api/people/import", await body()),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["people"] });
      await client.invalidateQueries({ queryKey: ["units"] });
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
        title={t("import.title")}
        subtitle={t("import.intro")}
        actions={
          <Button
            variant="default"
            leftSection={<DownloadIcon size={16} />}
            onClick={() => downloadTemplate(t("import.templateFileName"))}
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
                  description={t("import.unitHint")}
                  value={unit}
                  onChange={(choice) => {
                    setUnit(choice);
                    preview.reset();
                    run.reset();
                  }}
                  permission="people.manage"
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
                  <Table.ScrollContainer minWidth={640}>
                    <Table verticalSpacing="xs" striped>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t("import.row")}</Table.Th>
                          <Table.Th>{t("people.fields.fullName")}</Table.Th>
                          <Table.Th>{t("people.fields.email")}</Table.Th>
                          <Table.Th>{t("people.fields.phone")}</Table.Th>
                          <Table.Th>{t("people.fields.position")}</Table.Th>
                          <Table.Th>{t("people.fields.unit")}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {checked.sample.map((row) => (
                          <Table.Tr key={row.row}>
                            <Table.Td>{row.row}</Table.Td>
                            <Table.Td>{row.fullName}</Table.Td>
                            <Table.Td>{row.email ?? t("common.none")}</Table.Td>
                            <Table.Td>{row.phone ?? t("common.none")}</Table.Td>
                            <Table.Td>{row.position ?? t("common.none")}</Table.Td>
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
                title={t("import.done", { created: result.created, total: result.totalRows })}
              >
                {result.errors.length > 0 && t("import.skipped", { count: result.errors.length })}
              </Alert>
              {result.errors.length > 0 && <RowErrors errors={result.errors} />}
              <Group>
                <Button variant="default" onClick={restart}>
                  {t("import.another")}
                </Button>
                <Anchor component={Link} to={unit ? `/people?unitId=${unit.id}` : "/people"}>
                  {t("import.viewPeople")}
                </Anchor>
              </Group>
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
