import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { inTenantTransaction, loadServiceConfig, serviceDataSourceOptions } from '@calchain/platform';
import { recordsPersistence } from '../infrastructure/persistence';
import { CheckpointClaim, ChainReport, verifyChain } from './application/chain-verifier';

/**
 * `main.ts verify-chain [--tenant <id>]... [--checkpoints <file.json>] [--json]` (R-6.3.4, R-7.2):
 * checks every institution's record chain (or the named ones) straight in the database and names
 * the first broken entry. `--checkpoints` compares against checkpoints held outside the database
 * (a JSON array of records.chain.checkpoint payloads or envelopes, e.g. as consumed from Kafka).
 * Exit status: 0 intact, 2 broken, 1 could not check.
 */
export async function verifyChainCommand(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const tenants: string[] = [];
  let checkpointFile: string | null = null;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tenant') tenants.push(argv[++i]);
    else if (argv[i] === '--checkpoints') checkpointFile = argv[++i];
    else if (argv[i] === '--json') json = true;
    else throw new Error(`unknown argument ${argv[i]}; usage: verify-chain [--tenant <id>]... [--checkpoints <file.json>] [--json]`);
  }
  const external = new Map<string, CheckpointClaim[]>();
  if (checkpointFile) {
    const items = JSON.parse(readFileSync(checkpointFile, 'utf8')) as ({ tenant?: string; payload?: CheckpointClaim } & CheckpointClaim)[];
    for (const item of items) {
      const tenant = item.tenant ?? tenants[0];
      if (!tenant) throw new Error('checkpoints without an envelope need --tenant');
      external.set(tenant, [...(external.get(tenant) ?? []), item.payload ?? item]);
    }
  }
  const config = loadServiceConfig({ name: 'records', defaultPort: 3002 });
  const dataSource = await new DataSource({ ...serviceDataSourceOptions(config, recordsPersistence), extra: { ...serviceDataSourceOptions(config, recordsPersistence).extra as object, max: 2 } }).initialize();
  try {
    const names = tenants.length ? tenants : (await dataSource.query(`select tenant_id from tenant_directory order by tenant_id`)).map((r: { tenant_id: string }) => r.tenant_id);
    const reports: ChainReport[] = [];
    for (const tenant of names) reports.push(await inTenantTransaction(dataSource, tenant, (em) => verifyChain(em, tenant, external.get(tenant) ?? [])));
    for (const r of reports) {
      if (json) {
        out(JSON.stringify(r));
      } else if (r.intact) {
        out(`${r.tenant}: intact — ${r.entries} entries, head ${r.head ? `#${r.head.seq} ${r.head.hash}` : '(empty)'}, ${r.checkpointsChecked} checkpoint(s), ${r.recordsChecked} record(s)`);
      } else {
        const b = r.firstBroken!;
        out(`${r.tenant}: BROKEN — first broken entry: ${b.seq !== null ? `#${b.seq}` : '(none)'} ${b.kind ?? ''} of record ${b.recordId ?? '-'} version ${b.recordVersion ?? '-'} [${b.problem}]: ${b.detail}`);
        for (const p of r.problems.slice(1)) out(`  also: [${p.problem}] ${p.detail}`);
      }
    }
    return reports.every((r) => r.intact) ? 0 : 2;
  } finally {
    await dataSource.destroy();
  }
}
