/* The verification desk's tips texts; vi first, en with exactly the same keys. */

export const tipsTextsVi = {
  title: "",
};

export const tipsTextsEn: typeof tipsTextsVi = {
  title: "",
};
