import { Dec } from '@calchain/metrology';
import { CalculatedResult } from './calculation';
import { StandardRow } from './reference';
import { convert, RELATIVE_UNITS } from './units';

export interface BmcCheck {
  resultId: string;
  outcome: 'ok' | 'better-than-bmc' | 'outside-scope';
  /** The capability compared with, when a range of the scope covers the point. */
  capability: { standardId: string; standardCode: string; scopeItem: string; range: string; expandedUncertainty: string; unit: string } | null;
  /** The reported U expressed in the capability's unit. */
  reportedInCapabilityUnit: string | null;
  detail: string;
}

/**
 * "A lab cannot claim better than it is accredited for": a reported expanded uncertainty below
 * the best measurement capability of the authorised scope for that item and range is
 * flagged, as is a point no range of the scope covers; either blocks approval. Among several
 * covering ranges the smallest capability is the one that binds.
 */
export function checkBmc(
  results: readonly CalculatedResult[],
  standards: readonly StandardRow[],
  methodCode: string,
  serviceKind: string,
): BmcCheck[] {
  return results.map((r) => {
    const at = r.nominal ?? r.measuredValue;
    const candidates: { check: BmcCheck; bmc: Dec }[] = [];
    for (const s of standards) {
      for (const item of s.items) {
        if (!item.serviceKinds.includes(serviceKind)) continue;
        if (item.methodCodes.length > 0 && !item.methodCodes.includes(methodCode)) continue;
        for (const range of item.ranges) {
          const x = convert(at, r.unit, range.unit);
          if (x === null || x.lessThan(range.lower) || x.greaterThan(range.upper)) continue;
          const capability = range.bestMeasurementCapability;
          let reported: Dec | null;
          const relative = RELATIVE_UNITS[capability.unit];
          if (relative) {
            const absolute = convert(r.expandedUncertainty, r.uncertaintyUnit, r.unit);
            if (RELATIVE_UNITS[r.uncertaintyUnit]) {
              reported = new Dec(r.expandedUncertainty).times(RELATIVE_UNITS[r.uncertaintyUnit]).dividedBy(relative);
            } else if (absolute !== null && !new Dec(r.measuredValue).isZero()) {
              reported = absolute.dividedBy(new Dec(r.measuredValue).abs()).dividedBy(relative);
            } else {
              reported = null;
            }
          } else {
            reported = RELATIVE_UNITS[r.uncertaintyUnit]
              ? convert(new Dec(r.expandedUncertainty).times(RELATIVE_UNITS[r.uncertaintyUnit]).times(new Dec(r.measuredValue).abs()).toString(), r.unit, capability.unit)
              : convert(r.expandedUncertainty, r.uncertaintyUnit, capability.unit);
          }
          if (reported === null) continue;
          const bmc = new Dec(capability.expandedUncertainty);
          const better = reported.lessThan(bmc);
          candidates.push({
            bmc,
            check: {
              resultId: r.resultId,
              outcome: better ? 'better-than-bmc' : 'ok',
              capability: {
                standardId: s.standardId, standardCode: s.code, scopeItem: item.name, range: `${range.lower}..${range.upper} ${range.unit}`,
                expandedUncertainty: capability.expandedUncertainty, unit: capability.unit,
              },
              reportedInCapabilityUnit: reported.toSignificantDigits(6).toString(),
              detail: better
                ? `U = ${r.expandedUncertainty} ${r.uncertaintyUnit} is smaller than the authorised capability ${capability.expandedUncertainty} ${capability.unit} of ${s.code}`
                : `U = ${r.expandedUncertainty} ${r.uncertaintyUnit} is within the authorised capability ${capability.expandedUncertainty} ${capability.unit} of ${s.code}`,
            },
          });
        }
      }
    }
    if (candidates.length === 0) {
      return {
        resultId: r.resultId, outcome: 'outside-scope', capability: null, reportedInCapabilityUnit: null,
        detail: `no range of the authorised scope of the standards used covers ${r.point} (${at} ${r.unit}) for ${serviceKind} by ${methodCode}`,
      };
    }
    // The smallest capability among covering ranges binds (the most favourable claim the lab holds).
    return candidates.sort((a, b) => a.bmc.comparedTo(b.bmc))[0].check;
  });
}
