/**
 * The verification module's public surface: the only file of it that code outside the module imports.
 */

export { addEvidence as addCaseEvidence } from "./cases/evidence.ts";
export { triageCase } from "./cases/triage.ts";
export { reportCandidate } from "./impersonation/candidates.ts";
export { addIndicator as addCaseIndicator } from "./indicators/service.ts";
export { verificationModule } from "./module.ts";
export { submitTip } from "./tips/intake.ts";
export { correctionOfArticle } from "./verdicts/portal-correction.ts";
export { type PublicVerdict, publicVerdictOfCase } from "./verdicts/public-verdict.ts";
export { draftVerdict, publishVerdict, signOffVerdict } from "./verdicts/service.ts";
