import { defineErrors } from "../../platform/errors.ts";

/** Why the instance cannot take traffic yet; the code is what load balancers and operators look for. */
export const healthErrors = defineErrors({
  notReady: {
    status: 503,
    code: "not_ready",
    vi: "Cơ sở dữ liệu chưa sẵn sàng.",
    en: "The database is not ready.",
  },
});
