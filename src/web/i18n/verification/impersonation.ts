/* The verification desk's impersonation texts; vi first, en with exactly the same keys. */

export const impersonationTextsVi = {
  title: "",
};

export const impersonationTextsEn: typeof impersonationTextsVi = {
  title: "",
};
