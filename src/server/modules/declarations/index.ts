/**
 * The declarations module's public surface: the only file of it that code outside the module imports.
 */
export { declarationRoutes } from "./routes.ts";
export type {
  alertSchema,
  declarationSchema,
  declareBody,
  memberDeclarationsResponse,
  memberRequestsResponse,
  ownDeclarationSchema,
  ownDeclarationsResponse,
  reportBody,
  reportResponse,
  requestDetailResponse,
  requestWithCompletion,
} from "./schema.ts";
