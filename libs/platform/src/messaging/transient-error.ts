/**
 * Errors that say "the infrastructure is not there right now" rather than "this event cannot be
 * handled". They are retried without limit and never send an event to the dead-letter topic,
 * so a database restart loses nothing.
 */
const transientCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', // admin/crash shutdown, cannot connect now
  '53300', // too many connections
  '40001', '40P01', // serialization failure, deadlock: retry the transaction
]);

export function isTransientError(error: unknown): boolean {
  for (let e = error as { code?: string; driverError?: unknown; cause?: unknown; message?: string } | undefined; e; ) {
    if (e.code && (transientCodes.has(e.code) || e.code.startsWith('08'))) return true;
    if (typeof e.message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error|not connected/i.test(e.message)) {
      return true;
    }
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}
