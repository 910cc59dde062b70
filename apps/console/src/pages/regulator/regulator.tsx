import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { DataList, DataView } from '../../components/data-list';
import { Badge } from '../../components/status';

/**
 * The regulator's view: read-only (R-8.3.1 "regulators through read-only endpoints"), the same data
 * the regulator API gives — authorised scope, standards, equipment status, certificates register,
 * personnel counts per item and complaint statistics (never complainants). There is no form here.
 */
export function RegulatorView() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  return (
    <div className="stack">
      <h1>{t('regulator.title')} <small className="muted">{me?.institution}</small></h1>
      <p><Badge tone="info">{t('regulator.readOnly')}</Badge></p>
      {can('GET', '/api/equipment/measurement-standards') && <DataList id="reg-standards" title={t('equipment.standards')} path="/api/equipment/measurement-standards" columns={[{ key: 'code' }, { key: 'name' }, { key: 'category' }, { key: 'valid' }, { key: 'validUntil' }]} />}
      {can('GET', '/api/equipment/equipment') && <DataList id="reg-equipment" title={t('equipment.title')} path="/api/equipment/equipment?pageSize=200" columns={[{ key: 'assetNumber' }, { key: 'name' }, { key: 'status' }, { key: 'dueDate' }]} />}
      {can('GET', '/api/certificates/certificates') && <DataList id="reg-certificates" title={t('regulator.certificates')} path="/api/certificates/certificates?status=issued" columns={[{ key: 'number' }, { key: 'kind' }, { key: 'status' }, { key: 'issuedAt' }]} />}
      {can('GET', '/api/quality/regulator') && <DataView id="reg-personnel" title={t('regulator.personnel')} path="/api/quality/regulator/personnel-counts" />}
      {can('GET', '/api/quality/regulator') && <DataView id="reg-complaints" title={t('regulator.complaints')} path="/api/quality/regulator/complaint-statistics" />}
    </div>
  );
}
