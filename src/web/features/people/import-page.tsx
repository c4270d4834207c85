import { useTranslation } from "react-i18next";
import { peopleTemplate } from "../../../shared/import-templates.ts";
import { api } from "../../backend/typed-client.ts";
import { SpreadsheetImport } from "../imports/spreadsheet-import.tsx";

const fieldLabelKeys: Record<string, string> = {
  fullName: "people.fields.fullName",
  email: "people.fields.email",
  phone: "people.fields.phone",
  position: "people.fields.position",
  unitCode: "people.fields.unitCode",
  // The server reports errors in the “Mã đơn vị” column as `unit`; the template calls it the unit code.
  unit: "people.fields.unitCode",
};

/** Import people from XLSX/CSV: check first (every bad row shown), then import the valid rows. */
export default function ImportPage() {
  const { t } = useTranslation();
  return (
    <SpreadsheetImport
      check={(body) => api("POST", "/api/people/import/preview", { body })}
      run={(body) => api("POST", "/api/people/import", { body })}
      invalidates={[["people"], ["units"]]}
      permission="people.manage"
      template={peopleTemplate}
      textKeys={{
        title: "import.title",
        intro: "import.intro",
        unitHint: "import.unitHint",
        templateFileName: "import.templateFileName",
        done: "import.done",
        viewList: "import.viewPeople",
      }}
      listPath="/people"
      fieldLabelKeys={fieldLabelKeys}
      errorFieldWidth={120}
      sampleMinWidth={640}
      sampleColumns={[
        { labelKey: "people.fields.fullName", render: (row) => row.fullName },
        { labelKey: "people.fields.email", render: (row) => row.email ?? t("common.none") },
        { labelKey: "people.fields.phone", render: (row) => row.phone ?? t("common.none") },
        { labelKey: "people.fields.position", render: (row) => row.position ?? t("common.none") },
        { labelKey: "people.fields.unit", render: (row) => row.unitName },
      ]}
    />
  );
}
