/** RFC 9457 problem details as every CalChain service answers a refusal. */
export interface ProblemError {
  field?: string;
  rule?: string;
  message?: string;
  requirement?: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemError[];
  /** From the answer's Retry-After header (a 429), not from the body. */
  retryAfterSeconds?: number;
}

/** A refused or failed call, carrying the problem the server gave (or one made up for the network). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }
}

export function toProblem(status: number, body: unknown, statusText = ''): Problem {
  if (body && typeof body === 'object' && 'title' in body) {
    const p = body as Partial<Problem>;
    return { type: p.type, title: String(p.title), status: Number(p.status ?? status), detail: p.detail, errors: Array.isArray(p.errors) ? p.errors : undefined };
  }
  const text = typeof body === 'string' && body.trim() ? body.trim().slice(0, 300) : undefined;
  return { title: statusText || `HTTP ${status}`, status, detail: text };
}

/** Requirement IDs (R-6.1.3 …) named by a problem: shown so the clerk can look the rule up. */
export function requirementsOf(problem: Problem): string[] {
  const ids = new Set<string>();
  for (const e of problem.errors ?? []) if (e.requirement) ids.add(e.requirement);
  const fromDetail = problem.detail?.match(/R-\d+(\.\d+)+/g) ?? [];
  for (const id of fromDetail) ids.add(id);
  return [...ids];
}

/**
 * The first message the server gave for each field (`errors[].field`, e.g. `complainant.contact`),
 * so a form can show it next to its input; empty for any other error.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  if (!(error instanceof ApiError)) return found;
  for (const e of error.problem.errors ?? []) if (e.field && !(e.field in found)) found[e.field] = e.message ?? e.rule ?? '';
  return found;
}
