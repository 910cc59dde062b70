import { Injectable } from '@nestjs/common';
import { Caller, LabCalendar, TenantTransactions } from '@calchain/platform';
import { verifyChain } from './chain-verifier';

/**
 * Tamper-evidence for a regulator (issue 9 capability 4; ): the chain checkpoints
 * with their hashes, and a verification of the whole chain run now. Only sequence numbers,
 * hashes and the kind of a break — no record content, no actors, no customers.
 */
@Injectable()
export class ChainRegulatorSummary {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly calendar: LabCalendar,
  ) {}

  checkpoints(caller: Caller) {
    return this.tx.read(caller.tenant, async (em) => {
      const checkpoints = await em.query(
        `select id as "checkpointId", from_seq::int as "fromSequence", to_seq::int as "toSequence", entry_count as "entryCount",
                head_hash as "headHash", merkle_root as "merkleRoot", previous_checkpoint_id as "previousCheckpointId", created_at as "createdAt"
           from chain_checkpoint order by to_seq`,
      );
      const report = await verifyChain(em, caller.tenant, [], this.calendar.now());
      return {
        checkpoints,
        latestVerification: {
          verifiedAt: report.verifiedAt,
          intact: report.intact,
          entries: report.entries,
          head: report.head,
          checkpointsChecked: report.checkpointsChecked,
          recordsChecked: report.recordsChecked,
          problems: report.problems.length,
          firstBroken: report.firstBroken ? { problem: report.firstBroken.problem, sequence: report.firstBroken.seq } : null,
        },
      };
    });
  }
}
