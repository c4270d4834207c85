/**
 * The auth module's public surface: the only file of it that code outside the module imports.
 */

export { recordAudit } from "./audit.ts";
export { auditRoutes } from "./audit-routes.ts";
export { authErrors } from "./errors.ts";
export { authRoutes } from "./routes.ts";
export { hashToken, sameSecret } from "./secrets.ts";
export {
  createApiToken,
  endSessionsOf,
  hasPassword,
  MIN_PASSWORD_LENGTH,
  resetPasswordByOperator,
  resolveCredentials,
  SESSION_COOKIE,
  setPassword,
} from "./service.ts";
