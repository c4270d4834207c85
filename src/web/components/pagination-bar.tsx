import { Button, Group, Pagination, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../i18n/format.ts";

type PageOf = { page: number; pageSize: number; total: number };

function pageCount({ pageSize, total }: PageOf): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * Whether the page asked for lies past the end of a list that does have results: an old link, a
 * number typed into the address, or the last item of the last page just handled. Such a page is
 * empty, but the list is not, so it must not say "nothing here yet".
 */
export function pastLastPage(list: PageOf): boolean {
  return list.total > 0 && list.page > pageCount(list);
}

/** Result count and page links under a list; past the end, a sentence saying so and a way back. */
export function PaginationBar(props: PageOf & { onChange: (page: number) => void }) {
  const { t, i18n } = useTranslation();
  const pages = pageCount(props);
  const pastEnd = pastLastPage(props);
  return (
    <>
      {pastEnd && (
        <Stack align="center" gap="xs" py="lg" data-testid="past-last-page">
          <Text fw={600} ta="center">
            {t("common.pastLastPage", {
              count: pages,
              page: formatNumber(props.page, i18n.language),
              pages: formatNumber(pages, i18n.language),
            })}
          </Text>
          <Button variant="light" onClick={() => props.onChange(pages)}>
            {t("common.lastPage")}
          </Button>
        </Stack>
      )}
      <Group justify="space-between" mt="md" gap="xs">
        <Text size="sm" c="dimmed">
          {t("common.results", { count: props.total, n: formatNumber(props.total, i18n.language) })}
        </Text>
        {/* Past the end, no page link is the current one: the button above leads back. */}
        {pages > 1 && !pastEnd && (
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
    </>
  );
}
