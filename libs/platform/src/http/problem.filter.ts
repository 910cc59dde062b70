import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CalendarRangeError } from '../calendar/lab-calendar';
import { isTransientError } from '../messaging/transient-error';
import { ProblemDetails, ProblemException, problemTypeBase } from './problem';

/** Renders every error as application/problem+json; internals never leak into a 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...toProblem(error), instance: request.originalUrl };
    if (problem.status >= 500) this.logger.error({ err: error, path: request.path }, 'request failed');
    if (problem.status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(problem.status).type('application/problem+json').send(problem);
  }
}

const RETRY_AFTER_SECONDS = 5;

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    return { type: `${problemTypeBase}http-${status}`, title: error.name.replace(/Exception$/, ''), status, detail };
  }
  // Valid dates whose arithmetic (a due date, a time limit, a retention end) leaves year 9999.
  if (error instanceof CalendarRangeError) {
    const message = `${error.message}; choose an earlier date`;
    return { type: `${problemTypeBase}calendar-range`, title: 'Date out of range', status: 422, detail: message, errors: [{ field: '(date)', rule: 'calendar-range', message }] };
  }
  const refusedBody = bodyParserProblem(error);
  if (refusedBody) return refusedBody;
  const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code;
  if (code === '23505') {
    return { type: `${problemTypeBase}conflict`, title: 'Conflict', status: 409, detail: 'A record with the same identity exists already.' };
  }
  // The database (or broker) is briefly out of reach, or asked for a retry: the transaction did
  // not commit, so the caller may safely try again — the same errors the inbox consumer retries.
  if (isTransientError(error)) {
    return { type: `${problemTypeBase}temporarily-unavailable`, title: 'Temporarily unavailable', status: 503, detail: `Nothing was changed; try again in ${RETRY_AFTER_SECONDS} seconds.` };
  }
  return { type: `${problemTypeBase}internal`, title: 'Internal error', status: 500, detail: 'The request could not be completed.' };
}

/**
 * Express's body parser refuses a body before any handler runs (too large, not JSON, unknown
 * charset) with an http-errors object that is neither a ProblemException nor an HttpException; it
 * was answered 500 (found by schemathesis, issue 11). Its status and `type` are meant for the client.
 */
function bodyParserProblem(error: unknown): ProblemDetails | undefined {
  const e = error as { status?: unknown; expose?: unknown; type?: unknown; limit?: unknown; message?: unknown };
  if (e?.expose !== true || typeof e.status !== 'number' || e.status < 400 || e.status > 499) return undefined;
  const rule = typeof e.type === 'string' ? e.type : 'body';
  const message = e.status === 413 && typeof e.limit === 'number' ? `the body must not exceed ${e.limit} bytes` : String(e.message ?? 'the body cannot be read');
  return {
    type: `${problemTypeBase}http-${e.status}`,
    title: e.status === 413 ? 'Payload too large' : 'Invalid request body',
    status: e.status,
    detail: message,
    errors: [{ field: '(body)', rule, message }],
  };
}
