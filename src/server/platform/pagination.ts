/* Lists are `{ items, total, page }` in every module. */

/**
 * A list's total from its page's `count(*) over ()`; only a page past the end (no rows to carry it)
 * needs the separate count.
 */
export async function totalOfPage(
  rows: readonly { total: number }[],
  offset: number,
  count: () => Promise<number>,
): Promise<number> {
  const [first] = rows;
  if (first) {
    return first.total;
  }
  return offset === 0 ? 0 : count();
}
