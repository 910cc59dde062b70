import { violation } from '../../shared/domain/rule-violation';

export const ComplaintChannels = ['web-form', 'phone', 'mail', 'email', 'in-person'] as const;
export type ComplaintChannel = (typeof ComplaintChannels)[number];
export const ComplaintOutcomes = ['upheld', 'partly-upheld', 'not-upheld', 'withdrawn'] as const;
export type ComplaintOutcome = (typeof ComplaintOutcomes)[number];
export type ComplaintStatus = 'received' | 'in-handling' | 'closed';

/** Who complained. Encrypted at rest as one value; never in events, logs, lists or regulator views. */
export interface Complainant {
  name: string;
  contact: string;
  organisation: string | null;
}

export interface ComplaintState {
  status: ComplaintStatus;
  confidential: boolean;
  dueAt: Date;
  handlers: string[];
  breachedAt: Date | null;
}

const DAY_MS = 86_400_000;

/** the published handling time limit (calendar days) starts when the complaint is received. */
export function dueAt(receivedAt: Date, handlingDays: number): Date {
  return new Date(receivedAt.getTime() + handlingDays * DAY_MS);
}

/** A complaint may be logged after it arrived (a letter opened today), never before, and not a year late. */
export function checkReceivedAt(receivedAt: Date, now: Date): void {
  if (receivedAt.getTime() > now.getTime() + 60_000) violation('R-8.3.2', 'receivedAt', 'not-in-future', 'A complaint cannot be received in the future.');
  if (now.getTime() - receivedAt.getTime() > 365 * DAY_MS) violation('R-8.3.2', 'receivedAt', 'too-old', 'receivedAt is more than a year ago.');
}

/** Complaint handling is over: the record is archived as it stands. */
export function assertOpen(c: Pick<ComplaintState, 'status'>): void {
  if (c.status === 'closed') violation('R-8.3.4', 'status', 'archived', 'The complaint is closed and archived; its record can no longer change.');
}

export interface ExtensionRequest {
  newDueAt: Date;
  reason: string;
  complainantAgreement: { agreedOn: string; via: string } | null;
}

/**
 * when the limit cannot be kept, the complainant is told *beforehand* and a new limit is
 * agreed. So an extension needs a reason, the complainant's recorded agreement, a later limit,
 * and must be made before the current limit has run out.
 */
export function decideExtension(c: ComplaintState, request: ExtensionRequest, now: Date, today: string): void {
  assertOpen(c);
  if (request.reason.trim().length < 10) {
    violation('R-8.3.2', 'reason', 'reason-required', 'Explain why the time limit cannot be kept (at least 10 characters).');
  }
  if (!request.complainantAgreement) {
    violation('R-8.3.2', 'complainantAgreement', 'complainant-agreement-required', 'An extension needs the complainant\'s agreement to the new time limit.');
  }
  if (request.complainantAgreement.agreedOn > today) {
    violation('R-8.3.2', 'complainantAgreement.agreedOn', 'not-in-future', 'The agreement cannot be dated in the future.');
  }
  if (now.getTime() > c.dueAt.getTime()) {
    violation('R-8.3.2', 'newDueAt', 'extension-in-advance', 'The time limit has already run out: an extension must be agreed before it does.');
  }
  if (request.newDueAt.getTime() <= c.dueAt.getTime()) {
    violation('R-8.3.2', 'newDueAt', 'later-than-current', 'The new time limit must be later than the current one.');
  }
}

/** The complaint is still open past its (possibly extended) limit and not yet recorded as breached. */
export function newlyBreached(c: ComplaintState, now: Date): boolean {
  return c.status !== 'closed' && c.breachedAt === null && now.getTime() > c.dueAt.getTime();
}

/** closed only once someone handled it, with an outcome and the reply to the complainant. */
export function decideClose(c: ComplaintState, resolution: string): void {
  assertOpen(c);
  if (c.handlers.length === 0) violation('R-8.3.4', 'handlers', 'handler-required', 'Assign a handler before closing the complaint.');
  if (resolution.trim().length < 10) violation('R-8.3.4', 'resolution', 'resolution-required', 'Record the resolution and the reply given (at least 10 characters).');
}

const overseers = ['quality-supervisor', 'technical-manager', 'administrator'];

/**
 * who sees the complainant. Confidential: the assigned handlers only. Otherwise also the
 * quality supervisor, technical manager and administrators. Regulators never: their views are
 * statistics and anonymised lists.
 */
export function canSeeComplainant(c: Pick<ComplaintState, 'confidential' | 'handlers'>, caller: { subject: string; roles: readonly string[] }): boolean {
  if (c.handlers.includes(caller.subject)) return true;
  if (c.confidential) return false;
  return caller.roles.some((r) => overseers.includes(r));
}

/** May read the complaint at all (without the complainant, unless canSeeComplainant). */
export function canReadComplaint(c: Pick<ComplaintState, 'handlers'>, caller: { subject: string; roles: readonly string[] }): boolean {
  return c.handlers.includes(caller.subject) || caller.roles.some((r) => overseers.includes(r));
}
