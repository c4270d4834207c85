export default function VerificationMetricsPage() {
  return null;
}
