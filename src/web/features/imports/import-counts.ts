/** How many rows of a file have at least one error: a row with three errors is one row left out. */
export function rowsWithErrors(errors: readonly { row: number }[]): number {
  return new Set(errors.map((error) => error.row)).size;
}
