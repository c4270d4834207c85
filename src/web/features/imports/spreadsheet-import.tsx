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
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { csvHeaderOf, type ImportTemplate } from "../../../shared/import-templates.ts";
import type { ImportRowError, Permission } from "../../backend/types.ts";
import { DownloadIcon, UploadIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { FormError } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { rowsWithErrors } from "./import-counts.ts";
import { downloadTemplate, downloadXlsxTemplate, readAsBase64 } from "./import-files.ts";
import { Figure, RowErrors } from "./import-parts.tsx";

const maxBytes = 10 * 1024 * 1024;

export interface SampleColumn<Row> {
  labelKey: string;
  render: (row: Row) => ReactNode;
  /** Long unbroken values (addresses) would otherwise widen the table past a phone's screen. */
  breakAnywhere?: boolean;
}

/** What both import routes take: the unit and the file, base64-encoded. */
export interface ImportFile {
  unitId: string;
  fileName: string;
  contentBase64: string;
}

export interface SpreadsheetImportProps<Row extends { row: number }> {
  /** Checks the file without importing (the page calls its module's preview route). */
  check: (file: ImportFile) => Promise<Preview<Row>>;
  /** Imports the file's valid rows (the page calls its module's import route). */
  run: (file: ImportFile) => Promise<Result>;
  /** Query keys whose lists the imported rows change. */
  invalidates: string[][];
  permission: Permission;
  /** The columns of the downloadable templates (CSV and Excel). */
  template: ImportTemplate;
  /** Translation keys of what each page words its own way. */
  textKeys: {
    title: string;
    intro: string;
    unitHint: string;
    templateFileName: string;
    /** Takes `created` and `total`. */
    done: string;
    viewList: string;
  };
  /** Where “view the list” leads; the chosen unit is added as `unitId`. */
  listPath: string;
  /** The translation key of each column name the server reports an error against. */
  fieldLabelKeys: Record<string, string>;
  errorFieldWidth: number;
  sampleColumns: SampleColumn<Row>[];
  sampleMinWidth: number;
  /** Choices shown beside the import button (the people import's invitation box). */
  beforeRun?: ReactNode;
  /** What the page adds to the result (the invitations sent after a people import). */
  afterResult?: ReactNode;
}

interface Preview<Row> {
  totalRows: number;
  validRows: number;
  errors: ImportRowError[];
  sample: Row[];
}

interface Result {
  created: number;
  totalRows: number;
  errors: ImportRowError[];
}

/** A unit's rows from XLSX/CSV: check first (every bad row shown), then import the valid rows. */
export function SpreadsheetImport<Row extends { row: number }>(props: SpreadsheetImportProps<Row>) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const body = async (): Promise<ImportFile> => {
    if (!unit || !file) {
      throw new Error("unit and file are required");
    }
    return { unitId: unit.id, fileName: file.name, contentBase64: await readAsBase64(file) };
  };
  const preview = useMutation({
    mutationFn: async () => props.check(await body()),
  });
  const xlsxTemplate = useMutation({
    mutationFn: () =>
      downloadXlsxTemplate(t(props.textKeys.templateFileName).replace(/\.csv$/, ".xlsx"), props.template),
  });
  const run = useMutation({
    mutationFn: async () => props.run(await body()),
    onSuccess: async () => {
      for (const queryKey of props.invalidates) {
        await client.invalidateQueries({ queryKey });
      }
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
  // Rows, not errors: a row with three errors is one row left out, in the preview and in the result alike.
  const invalidRows = checked ? rowsWithErrors(checked.errors) : 0;
  const skippedRows = result ? rowsWithErrors(result.errors) : 0;
  const rowErrors = (errors: ImportRowError[]) => (
    <RowErrors errors={errors} fieldLabelKeys={props.fieldLabelKeys} fieldWidth={props.errorFieldWidth} />
  );

  return (
    <>
      <PageHeader
        title={t(props.textKeys.title)}
        subtitle={t(props.textKeys.intro)}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<DownloadIcon size={16} />}
              loading={xlsxTemplate.isPending}
              onClick={() => xlsxTemplate.mutate()}
            >
              {t("import.templateXlsx")}
            </Button>
            <Button
              variant="default"
              leftSection={<DownloadIcon size={16} />}
              onClick={() =>
                downloadTemplate(t(props.textKeys.templateFileName), csvHeaderOf(props.template))
              }
            >
              {t("import.template")}
            </Button>
          </Group>
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
                  description={t(props.textKeys.unitHint)}
                  value={unit}
                  onChange={(choice) => {
                    setUnit(choice);
                    preview.reset();
                    run.reset();
                  }}
                  permission={props.permission}
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
                  value={invalidRows}
                  color={checked.totalRows > checked.validRows ? "red.8" : undefined}
                />
              </SimpleGrid>
              {checked.totalRows === 0 && <Alert color="yellow">{t("import.emptyFile")}</Alert>}
              {checked.errors.length > 0 ? (
                <Stack gap="xs">
                  <Title order={2} size="h4">
                    {t("import.errorsTitle")}{" "}
                    <Badge color="red" variant="light" tt="none">
                      {t("import.errorRows", { count: invalidRows })}
                    </Badge>
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t("import.errorsHint")}
                  </Text>
                  {rowErrors(checked.errors)}
                </Stack>
              ) : (
                checked.totalRows > 0 && <Alert color="green">{t("import.noErrors")}</Alert>
              )}
              {checked.sample.length > 0 && (
                <Stack gap="xs">
                  <Title order={2} size="h4">
                    {t("import.sampleTitle")}
                  </Title>
                  <Table.ScrollContainer minWidth={props.sampleMinWidth}>
                    <Table verticalSpacing="xs" striped>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t("import.row")}</Table.Th>
                          {props.sampleColumns.map((column) => (
                            <Table.Th key={column.labelKey}>{t(column.labelKey)}</Table.Th>
                          ))}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {checked.sample.map((row) => (
                          <Table.Tr key={row.row}>
                            <Table.Td>{row.row}</Table.Td>
                            {props.sampleColumns.map((column) => (
                              <Table.Td
                                key={column.labelKey}
                                style={column.breakAnywhere ? { overflowWrap: "anywhere" } : undefined}
                              >
                                {column.render(row)}
                              </Table.Td>
                            ))}
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </Stack>
              )}
              {props.beforeRun}
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
                title={t(props.textKeys.done, { created: result.created, total: result.totalRows })}
              >
                {skippedRows > 0 && t("import.skipped", { count: skippedRows })}
              </Alert>
              {result.errors.length > 0 && rowErrors(result.errors)}
              {props.afterResult}
              <Group>
                <Button variant="default" onClick={restart}>
                  {t("import.another")}
                </Button>
                <Anchor component={Link} to={unit ? `${props.listPath}?unitId=${unit.id}` : props.listPath}>
                  {t(props.textKeys.viewList)}
                </Anchor>
              </Group>
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
