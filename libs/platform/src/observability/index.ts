export * from './metrics';
export * from './metrics.controller';
export * from './http-metrics';
export * from './messaging-metrics';
export { currentTraceparent, inConsumerSpan, startTracing, traceLogFields } from './tracing';
