import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format.ts";
import { useApprovalCount } from "./approvals-api.ts";

/** The menu item's number: how many variants wait for the reader's approval (nothing when none). */
export function ApprovalsCountBadge() {
  const { t, i18n } = useTranslation();
  const count = useApprovalCount().data?.count ?? 0;
  if (count === 0) {
    return null;
  }
  return (
    <Badge
      color="red"
      size="sm"
      circle={count < 10}
      aria-label={t("approvals.countLabel", { count })}
      data-testid="approvals-count"
      data-count={count}
    >
      {count > 99 ? "99+" : formatNumber(count, i18n.language)}
    </Badge>
  );
}
