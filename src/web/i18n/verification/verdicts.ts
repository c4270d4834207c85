/* The verification desk's verdicts texts; vi first, en with exactly the same keys. */

export const verdictsTextsVi = {
  title: "",
};

export const verdictsTextsEn: typeof verdictsTextsVi = {
  title: "",
};
