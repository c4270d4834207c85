import type { AppError } from "../../src/server/platform/errors.ts";

export type Thrower = (...args: never[]) => AppError;

export interface BuiltError {
  name: string;
  error: AppError;
}

/** Several catalogues as one, each thrower named `<catalogue>.<thrower>` (the names samples are keyed by). */
export function qualifiedThrowers(
  catalogues: Record<string, Record<string, Thrower>>,
): Record<string, Thrower> {
  return Object.fromEntries(
    Object.entries(catalogues).flatMap(([catalogue, throwers]) =>
      Object.entries(throwers).map(([thrower, make]) => [`${catalogue}.${thrower}`, make]),
    ),
  );
}

/**
 * Every failure of a catalogue built as the reader would meet it: once without parameters, or once per
 * sample when its message names something, so parameterised messages are read in full.
 */
export function buildErrors(
  throwers: Record<string, Thrower>,
  samples: Record<string, readonly object[]>,
): BuiltError[] {
  const built: BuiltError[] = [];
  for (const [name, make] of Object.entries(throwers)) {
    const build = make as (params?: object) => AppError;
    for (const params of samples[name] ?? [undefined]) {
      try {
        built.push({ name, error: build(params) });
      } catch (cause) {
        throw new Error(`${name} could not be built; does it need samples?`, { cause });
      }
    }
  }
  return built;
}
