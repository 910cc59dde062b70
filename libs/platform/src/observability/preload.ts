// Imported first by the platform's index, so instrumentation is in place before Nest, Express,
// pg and ioredis are loaded by anything else.
import { startTracing } from './tracing';

// Not in a Jest test process (Jest hands every module it loads a `jest` binding; node does not):
// its module registry defeats the require hooks, and instrumenting the runner's own fetch would
// replace the trace context a test sends on purpose. Services started by tests are traced.
if (typeof jest === 'undefined') startTracing();
