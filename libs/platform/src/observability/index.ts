export * from './metrics';
export * from './metrics.controller';
export * from './http-metrics';
export * from './messaging-metrics';
export { countPerValue, registerSqlMetrics, sqlMetricsProvider, SqlMetricSpec, SqlMetricsOptions } from './sql-metrics';
export { currentTraceparent, inConsumerSpan, startTracing, traceLogFields } from './tracing';
