import { useMediaQuery } from "@mantine/hooks";

/**
 * Whether the screen is phone-sized, where tables give way to cards and filters fold away. One
 * breakpoint for every page, read on the first render so a phone never flashes the wide layout.
 */
export function usePhoneLayout(): boolean {
  return useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
}
