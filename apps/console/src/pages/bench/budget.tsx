import { useTranslation } from 'react-i18next';
import { Budget, Result } from './types';

/**
 * The uncertainty budget of each result as the records service computed and stored it (GUM, JJF
 * 1059.1; Monte Carlo when chosen): every input with its standard uncertainty, distribution,
 * sensitivity coefficient and contribution; then uc, k, U and the reported value (GB/T 8170).
 */
export function BudgetTables({ budgets, results }: { budgets: Budget[]; results: Result[] }) {
  const { t } = useTranslation();
  if (budgets.length === 0) return <p className="empty">{t('bench.noBudget')}</p>;
  return (
    <>
      {budgets.map((b) => {
        const result = results.find((r) => r.resultId === b.resultId);
        return (
          <div key={b.resultId} className="budget" data-testid="budget">
            <h3>{t('bench.budgetFor', { point: b.resultId })} <small className="muted">{b.model.output} = {b.model.expression} · {t(`evaluation.${b.evaluation}`, { defaultValue: b.evaluation })}</small></h3>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('budget.input')}</th><th scope="col">{t('budget.estimate')}</th><th scope="col">{t('budget.u')}</th><th scope="col">{t('budget.dist')}</th>
                    <th scope="col">{t('budget.c')}</th><th scope="col">{t('budget.contribution')}</th><th scope="col">{t('budget.dof')}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.gum.budget.map((row) => (
                    <tr key={row.name}>
                      <th scope="row">{row.name}</th><td>{row.estimate}</td><td>{row.u}</td><td>{t(`distribution.${row.dist}`, { defaultValue: row.dist })}</td>
                      <td>{row.c}</td><td>{row.contribution}</td><td>{row.dof}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr><th scope="row">{t('budget.uc')}</th><td colSpan={6}>{b.gum.uc} <span className="muted">({t('budget.dofEff')} {b.gum.dofEff})</span></td></tr>
                  <tr><th scope="row">{t('budget.k')}</th><td colSpan={6}>{b.k} <span className="muted">(p = {b.p})</span></td></tr>
                  <tr><th scope="row">{t('budget.U')}</th><td colSpan={6} data-testid="expanded-uncertainty">{b.U}</td></tr>
                  {b.monteCarlo && <tr><th scope="row">{t('budget.monteCarlo')}</th><td colSpan={6}>y = {b.monteCarlo.y}, u = {b.monteCarlo.u}, [{b.monteCarlo.low}, {b.monteCarlo.high}] ({b.monteCarlo.trials})</td></tr>}
                </tfoot>
              </table>
            </div>
            {result && (
              <p className="reported" data-testid="reported-result">
                {t('bench.reported')}: {result.quantity} {result.point}: <strong>{result.measuredValue} {result.unit}</strong>, U = <strong>{result.expandedUncertainty} {result.uncertaintyUnit}</strong> (k = {result.coverageFactor}, p ≈ {result.coverageProbability})
                {result.error !== null && <> · {t('bench.error')} {result.error} {result.unit}</>}
              </p>
            )}
          </div>
        );
      })}
    </>
  );
}
