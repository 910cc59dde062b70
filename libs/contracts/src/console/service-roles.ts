/**
 * One route on which a service itself lets only some roles through (its `@RequireRoles`), in the
 * form the console matches routes: method upper case, path relative to the service, parameters as
 * `:name` (the console asks about `/api/<service>/<path>`).
 */
export interface ServiceRoleRule {
  method: string;
  service: string;
  path: string;
  /** The caller needs one of these (besides what the gateway's matrix asks). */
  roles: string[];
}

/** The gateway's GET /console-api/service-roles, read by the console to hide what a service would refuse. */
export interface ServiceRoles {
  rules: ServiceRoleRule[];
  /**
   * Services whose document the gateway could not get (not started yet, down): their rules are
   * unknown. The console offers nothing of theirs meanwhile and asks again shortly.
   */
  unavailable: string[];
}
