/** The scam indicators of a case, on its page. */
export function CaseIndicators(_props: { caseId: string }) {
  return null;
}
