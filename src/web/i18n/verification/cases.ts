/* The verification desk's cases texts; vi first, en with exactly the same keys. */

export const casesTextsVi = {
  title: "",
};

export const casesTextsEn: typeof casesTextsVi = {
  title: "",
};
