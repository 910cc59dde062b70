#!/usr/bin/env node
// Entry point of the metrology calculator; the TypeScript sources run through SWC.
require('../../../tools/register.js');
require('../src/cli/main.ts');
