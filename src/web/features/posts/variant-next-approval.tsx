import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { VariantDetail } from "../../backend/types.ts";

/** How many names are listed before "and N others". */
const namesShown = 5;

/** While a variant waits: who may give its next approval, or, when nobody can, which role and where. */
export function VariantNextApproval({ variant }: { variant: VariantDetail }) {
  const { t } = useTranslation();
  const next = variant.nextApproval;
  if (!next) {
    return null;
  }
  const names = next.people.map((person) => person.fullName);
  const listed = names.slice(0, namesShown).join(", ");
  const more = names.length - namesShown;
  const roles = next.roles.map((role) => t(`people.role.${role}`)).join(t("approvals.or"));
  return (
    <Alert color="blue" variant="light" p="xs" data-testid="variant-next-approval">
      <Text size="sm" fw={600}>
        {next.level === 2 ? t("approvals.nextSecond") : t("approvals.nextFirst")}
      </Text>
      {names.length > 0 ? (
        <Text size="sm" style={{ overflowWrap: "anywhere" }} data-testid="variant-next-approvers">
          {more > 0 ? t("approvals.namesAndMore", { names: listed, count: more }) : listed}
        </Text>
      ) : (
        <Text size="sm" c="orange.9" style={{ overflowWrap: "anywhere" }}>
          {t("approvals.nobody", { roles, unit: next.unitName })}
        </Text>
      )}
    </Alert>
  );
}
