/* The verification desk's indicators texts; vi first, en with exactly the same keys. */

export const indicatorsTextsVi = {
  title: "",
};

export const indicatorsTextsEn: typeof indicatorsTextsVi = {
  title: "",
};
