import { Alert, Checkbox, List, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { peopleTemplate } from "../../../shared/import-templates.ts";
import { api, type ResponseOf } from "../../backend/typed-client.ts";
import { useErrorText } from "../../i18n/format.ts";
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

type InvitationOutcome = ResponseOf<"POST", "/api/people/invitations"> | { failed: unknown };

/**
 * Invites the imported people through auth (org, which imports, knows nothing of invitations), a
 * thousand at a time; a refusal is reported, since the import itself has already succeeded.
 */
async function inviteImported(personIds: readonly string[]): Promise<InvitationOutcome> {
  const outcome: ResponseOf<"POST", "/api/people/invitations"> = { sent: 0, skipped: [] };
  try {
    for (let start = 0; start < personIds.length; start += 1000) {
      const batch = await api("POST", "/api/people/invitations", {
        body: { personIds: personIds.slice(start, start + 1000) },
      });
      outcome.sent += batch.sent;
      // Those without an e-mail were not meant to be invited.
      outcome.skipped.push(...batch.skipped.filter((skip) => skip.code !== "invitation.no_email"));
    }
    return outcome;
  } catch (failed) {
    return outcome.sent > 0 ? outcome : { failed };
  }
}

/** What became of the invitations after an import. */
function InvitationOutcomeNote({ outcome }: { outcome: InvitationOutcome }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  if ("failed" in outcome) {
    return (
      <Alert color="yellow" data-testid="import-invitations">
        {t("invitations.importFailed", { reason: errorText(outcome.failed) })}
      </Alert>
    );
  }
  return (
    <Alert
      color="blue"
      data-testid="import-invitations"
      title={t("invitations.importSent", { count: outcome.sent })}
    >
      {outcome.skipped.length > 0 && (
        <>
          <Text size="sm">{t("invitations.importSkipped", { count: outcome.skipped.length })}</Text>
          <List size="sm">
            {outcome.skipped.slice(0, 20).map((skip) => (
              <List.Item key={skip.personId} style={{ overflowWrap: "anywhere" }}>
                {skip.fullName}: {i18n.language === "en" ? skip.message.en : skip.message.vi}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}

/** Import people from XLSX/CSV: check first (every bad row shown), then import the valid rows. */
export default function ImportPage() {
  const { t } = useTranslation();
  const [invite, setInvite] = useState(false);
  const [outcome, setOutcome] = useState<InvitationOutcome | null>(null);
  return (
    <SpreadsheetImport
      check={(body) => api("POST", "/api/people/import/preview", { body })}
      run={async (body) => {
        setOutcome(null);
        const result = await api("POST", "/api/people/import", { body });
        if (invite && result.createdPersonIds.length > 0) {
          setOutcome(await inviteImported(result.createdPersonIds));
        }
        return result;
      }}
      beforeRun={
        <Checkbox
          label={t("invitations.importCheckbox")}
          description={t("invitations.importCheckboxHint")}
          checked={invite}
          onChange={(event) => setInvite(event.currentTarget.checked)}
        />
      }
      afterResult={outcome && <InvitationOutcomeNote outcome={outcome} />}
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
