/**
 * @calchain/metrology — the maths every record and certificate depends on (R-6.3.5, R-6.4.2.2,
 * R-6.4.2.3, R-5.5.2, R-8.2). Pure TypeScript, no I/O: values enter and leave as decimal strings.
 */
export { MetrologyError } from './errors';
export { Dec, type DecimalLike, formatDec, formatNumber, OUTPUT_DIGITS } from './decimal';

// GB/T 8170-2008 rounding and limit judgement
export { roundToInterval, roundSig, roundSigDetailed, intervalDecimals, type RoundingMode, type SigRounding } from './rounding/round';
export { parseLimit, judgeLimit, withinLimit, type Limit, type LimitMethod, type LimitJudgement } from './rounding/limit';

// Distributions
export { normalCdf, normalSf, normalPdf, normalQuantile, normalQuantileUpper } from './stats/normal';
export { tCdf, tSf, tPdf, tTwoSidedTail, tQuantileUpper, coverageFactor, coverageTail } from './stats/student-t';

// Measurement models
export type { Model, Node, FunctionName } from './model/ast';
export { parseModel } from './model/parse';
export { evaluateNumber, evaluateGradient, evaluateDecimal } from './model/evaluate';
export { compileVectorised, type VectorisedModel } from './model/compile';

// GUM / JJF 1059.1
export { typeA, type TypeAResult } from './gum/type-a';
export { typeB, typeBDecimal, typeBDivisor, type TypeBSpec, type TypeBDistribution } from './gum/type-b';
export { correlationMatrix, cholesky, type CorrelationSpec } from './gum/correlation';
export { propagate, covariance, welchSatterthwaite, type NumericInput, type Propagation } from './gum/propagate';
export { gum, gumOutputs, type GumSpec, type GumInputSpec, type GumResult, type GumOutputs, type BudgetRow } from './gum/gum';
export { parseDof, dofToJson } from './gum/dof';
export { reportResult, type ReportMode, type ReportedResult } from './gum/report';
export { formatBudget } from './gum/budget-table';

// Monte Carlo / JJF 1059.2 (GUM Supplement 1)
export { Xoshiro256StarStar } from './mcm/xoshiro';
export { fillStandardNormal } from './mcm/normal';
export { samplerFor, type McmInputSpec, type Sampler } from './mcm/distributions';
export { coverageInterval, coverageCount, meanAndSd, type CoverageKind } from './mcm/coverage';
export { mcm, prepareSimulation, summarise, type McmSpec, type McmResult, type McmValues, type Simulation } from './mcm/mcm';
export { mcmAdaptive, numericalTolerance, type AdaptiveResult } from './mcm/adaptive';
export { validateGum, type Validation } from './mcm/validate';

// Decision rules (ILAC-G8:09/2019, JJF 1094)
export { decide, type DecisionSpec, type DecisionResult, type DecisionRule, type Decision } from './decision/decide';
export { probabilityOfConformance } from './decision/conformance';

// Proficiency testing (ISO 13528)
export { enNumber, zScore, zetaScore, type EnScore, type ZScore, type ZetaScore, type ScoreClass } from './proficiency/scores';

// Command-line operations (pure; the process I/O is in cli/main.ts)
export { runOperation, evalLine, OPERATION_NAMES } from './cli/operations';

// Units: SI-prefix rescaling only; anything else is refused, never guessed
export { rescaleToUnit } from './units/prefix';
