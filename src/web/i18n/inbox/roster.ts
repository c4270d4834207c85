/* The inbox's roster texts; vi first, en with exactly the same keys. */

export const rosterTextsVi = {
  title: "TODO",
};

export const rosterTextsEn: typeof rosterTextsVi = {
  title: "TODO",
};
