// Runs the TypeScript sources directly (services, migrations, scripts) with SWC, resolving the
// workspace aliases of tsconfig.base.json. Decorator metadata is kept, which Nest's DI needs.
process.env.SWC_NODE_PROJECT ??= require('node:path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
