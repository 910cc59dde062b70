import { appendFileSync } from 'node:fs';
import { context, propagation, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ReadableSpan, SimpleSpanProcessor, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const tracerName = '@calchain/platform';
let started = false;

/**
 * Starts OpenTelemetry once per process, before Nest, Express, pg and ioredis are loaded (the
 * instrumentations patch modules as they are required). Spans always exist, so trace ids reach
 * the logs, the outbox envelope and Kafka headers; they leave the process only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (OTLP/HTTP) or CALCHAIN_TRACE_FILE names a JSON-lines file
 * (for local debugging and the tracing test). OTEL_SDK_DISABLED=true turns all of it off.
 * Service processes started by tests (LocalPlatform) are traced like production ones.
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env): void {
  if (started || env.OTEL_SDK_DISABLED === 'true') return;
  started = true;
  const spanProcessors: SpanProcessor[] = [];
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  if (env.CALCHAIN_TRACE_FILE) spanProcessors.push(new SimpleSpanProcessor(new JsonLinesExporter(env.CALCHAIN_TRACE_FILE)));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? env.SERVICE_NAME ?? serviceFromArgv() }),
    spanProcessors,
  });
  provider.register(); // AsyncLocalStorage context and the W3C trace-context propagator
  registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|ready|metrics)\b/.test(req.url ?? '') }),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
      // Global fetch: the gateway's calls to the services. A caller's own traceparent (the gateway
      // forwards the client's) is dropped, so the one injected for the active span is the only one.
      new UndiciInstrumentation({ requestHook: (_span, request) => dropTraceHeaders(request as { headers: unknown }) }),
    ],
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void provider.shutdown().catch(() => undefined));
}

/** The W3C traceparent of the active span, for the outbox envelope; null outside any trace. */
export function currentTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** Trace and span id of the active span, mixed into every log line. */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/**
 * Runs `fn` in a consumer span that continues the trace carried in the message headers (the
 * traceparent the outbox took from the request that caused the event).
 */
export function inConsumerSpan<T>(name: string, headers: Record<string, string>, attributes: Record<string, string>, fn: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(context.active(), headers);
  const tracer = trace.getTracer(tracerName);
  return tracer.startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Appends finished spans as JSON lines: a dependency-free sink for debugging and tests. */
class JsonLinesExporter implements SpanExporter {
  constructor(private readonly file: string) {}

  export(spans: ReadableSpan[], done: (result: { code: ExportResultCode }) => void): void {
    const lines = spans.map((s) => JSON.stringify({
      service: s.resource.attributes['service.name'],
      name: s.name,
      kind: s.kind,
      traceId: s.spanContext().traceId,
      spanId: s.spanContext().spanId,
      parentSpanId: s.parentSpanContext?.spanId ?? null,
      attributes: s.attributes,
    }));
    try {
      appendFileSync(this.file, lines.map((l) => `${l}\n`).join(''));
      done({ code: ExportResultCode.SUCCESS });
    } catch {
      done({ code: ExportResultCode.FAILED });
    }
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function dropTraceHeaders(request: { headers: unknown }): void {
  const traceHeader = /^(traceparent|tracestate)$/i;
  if (Array.isArray(request.headers)) {
    const kept: unknown[] = [];
    for (let i = 0; i < request.headers.length; i += 2) {
      if (!traceHeader.test(String(request.headers[i]))) kept.push(request.headers[i], request.headers[i + 1]);
    }
    request.headers.splice(0, request.headers.length, ...kept);
  } else if (typeof request.headers === 'string') {
    request.headers = request.headers.split('\r\n').filter((line) => !traceHeader.test(line.split(':')[0].trim())).join('\r\n');
  }
}

/** services/<name>/src/main.ts → <name>, so spans are named before the config is read. */
function serviceFromArgv(): string {
  const main = process.argv.find((a) => /services\/[^/]+\/(src|dist)\/main/.test(a));
  return main?.match(/services\/([^/]+)\//)?.[1] ?? 'calchain';
}
