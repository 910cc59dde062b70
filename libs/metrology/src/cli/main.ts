import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { MetrologyError } from '../errors';
import { formatBudget } from '../gum/budget-table';
import { gum, type GumSpec } from '../gum/gum';
import { roundSig, roundToInterval } from '../rounding/round';
import { evalLine, OPERATION_NAMES } from './operations';

/**
 * calchain-metrology: the command-line face of @calchain/metrology, the only place in the library
 * that reads or writes anything.
 */
const USAGE = `calchain-metrology — GB/T 8170 rounding, GUM / Monte Carlo uncertainty, decision rules

  calchain-metrology eval                      JSON Lines on stdin, one result per line on stdout
                                               ops: ${OPERATION_NAMES.join(', ')}
  calchain-metrology round <value> --interval <1|2|5 × 10^n> [--mode up]
  calchain-metrology round <value> --digits <n> [--mode up]
  calchain-metrology budget <model.json>       uncertainty budget table of a "gum" operation

Exit status: 0 on success, 1 when any eval line gave an error, 2 on a usage error.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function evalStdin(): Promise<number> {
  let status = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const out = evalLine(line);
    if (out.startsWith('{"error"')) status = 1;
    process.stdout.write(`${out}\n`);
  }
  return status;
}

function round(args: string[]): number {
  const value = args[0];
  const interval = option(args, 'interval');
  const digits = option(args, 'digits');
  const mode = option(args, 'mode') === 'up' ? 'up' : 'half-even';
  if (value === undefined || (interval === undefined) === (digits === undefined)) {
    process.stderr.write('usage: calchain-metrology round <value> (--interval <i> | --digits <n>) [--mode up]\n');
    return 2;
  }
  const result = interval !== undefined ? roundToInterval(value, interval, mode) : roundSig(value, Number(digits), mode);
  process.stdout.write(`${result}\n`);
  return 0;
}

function budget(args: string[]): number {
  if (!args[0]) {
    process.stderr.write('usage: calchain-metrology budget <model.json>\n');
    return 2;
  }
  const spec = JSON.parse(readFileSync(args[0], 'utf8')) as GumSpec;
  process.stdout.write(formatBudget(spec.model, gum(spec)));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'eval':
        return await evalStdin();
      case 'round':
        return round(args);
      case 'budget':
        return budget(args);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`unknown command ${JSON.stringify(command)}\n\n${USAGE}\n`);
        return 2;
    }
  } catch (e) {
    if (e instanceof MetrologyError || e instanceof SyntaxError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`calchain-metrology: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
