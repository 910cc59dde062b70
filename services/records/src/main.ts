import { runService } from '@calchain/platform';
import { RecordsModule } from './records.module';
import { recordsPersistence } from './infrastructure/persistence';
import { verifyChainCommand } from './chain/verify-chain-command';

const argv = process.argv.slice(2);
if (argv[0] === 'verify-chain') {
  verifyChainCommand(argv.slice(1)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`verify-chain: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
} else {
  void runService({ name: 'records', defaultPort: 3002, persistence: recordsPersistence, module: (config) => RecordsModule.register(config) });
}
