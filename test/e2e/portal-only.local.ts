import "./harness.ts";
import "./journeys/portal.ts";
