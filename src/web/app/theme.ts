import { Badge, createTheme } from "@mantine/core";

/** Calm government blue; system fonts, which all render Vietnamese diacritics well. */
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: "md",
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: "650" },
  components: {
    // Capitals strip the reading ease from Vietnamese words with stacked diacritics.
    Badge: Badge.extend({ defaultProps: { tt: "none" } }),
  },
});
