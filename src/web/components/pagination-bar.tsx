import { Group, Pagination, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../i18n/format.ts";

/** Result count and page links under a list. */
export function PaginationBar(props: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <Group justify="space-between" mt="md" gap="xs">
      <Text size="sm" c="dimmed">
        {t("common.results", { count: props.total, n: formatNumber(props.total, i18n.language) })}
      </Text>
      {pages > 1 && (
        <Pagination
          size="sm"
          total={pages}
          value={props.page}
          onChange={props.onChange}
          siblings={0}
          boundaries={1}
          getControlProps={(control) =>
            control === "previous"
              ? { "aria-label": t("common.previousPage") }
              : control === "next"
                ? { "aria-label": t("common.nextPage") }
                : {}
          }
        />
      )}
    </Group>
  );
}
