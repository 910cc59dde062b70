/**
 * The one error type the library throws for bad input. Callers (the CLI, services) can tell a
 * metrologist's mistake ("interval must be 1, 2 or 5 × 10^n") from a programming fault.
 */
export class MetrologyError extends Error {
  override readonly name = 'MetrologyError';
}

export function fail(message: string): never {
  throw new MetrologyError(message);
}
