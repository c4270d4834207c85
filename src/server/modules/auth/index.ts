/**
 * The auth module's public surface: the only file of it that code outside the module imports.
 */

export { authErrors } from "./errors.ts";
export { authModule } from "./module.ts";
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
