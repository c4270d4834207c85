/* The inbox's targets texts; vi first, en with exactly the same keys. */

export const targetsTextsVi = {
  title: "TODO",
};

export const targetsTextsEn: typeof targetsTextsVi = {
  title: "TODO",
};
