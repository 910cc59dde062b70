import type { Params } from 'nestjs-pino';
import { traceLogFields } from '../observability/tracing';

/**
 * JSON logs. Personal data (complainants, national IDs, phone numbers) and credentials are
 * redacted by path wherever they appear, as a safety net: code should not log them at all.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.nationalId',
  '*.phone',
  '*.phoneNumber',
  '*.complainant',
  '*.complainantName',
  '*.email',
  '*.password',
];

export function loggerParams(service: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      // Trace and span ids of the active span on every line, to go from a log line to its trace.
      mixin: () => traceLogFields(),
      autoLogging: { ignore: (req) => /^\/(health|ready|metrics)$/.test(req.url ?? '') },
      customProps: (req) => ({ requestId: req.id }),
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined) ?? crypto.randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
    },
  };
}
