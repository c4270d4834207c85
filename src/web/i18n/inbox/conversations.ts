/* The inbox's conversations texts; vi first, en with exactly the same keys. */

export const conversationsTextsVi = {
  title: "TODO",
};

export const conversationsTextsEn: typeof conversationsTextsVi = {
  title: "TODO",
};
