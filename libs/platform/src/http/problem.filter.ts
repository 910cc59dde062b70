import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
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
    response.status(problem.status).type('application/problem+json').send(problem);
  }
}

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    return { type: `${problemTypeBase}http-${status}`, title: error.name.replace(/Exception$/, ''), status, detail };
  }
  const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code;
  if (code === '23505') {
    return { type: `${problemTypeBase}conflict`, title: 'Conflict', status: 409, detail: 'A record with the same identity exists already.' };
  }
  return { type: `${problemTypeBase}internal`, title: 'Internal error', status: 500, detail: 'The request could not be completed.' };
}
