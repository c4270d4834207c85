export default function ImpersonationCandidatesPage() {
  return null;
}
