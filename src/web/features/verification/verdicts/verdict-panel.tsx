/** The verdict part of a case's page: draft, sign-off, publication, corrections. */
export function VerdictPanel(_props: { caseId: string }) {
  return null;
}
