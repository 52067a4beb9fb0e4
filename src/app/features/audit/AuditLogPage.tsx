import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { DataTable } from '../../components/DataTable.js';
import { Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDateTime } from '../../lib/format.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { auditQueries } from './api.js';
import './i18n.js';

export function AuditLogPage() {
  const { t } = useTranslation(['audit', 'common', 'concepts']);
  const { agencyId = '' } = useParams();
  const [search] = useSearchParams();
  const waveId = search.get('gelombang');
  const query = useStaffQuery(auditQueries.events(agencyId, waveId));
  return (
    <Page id="audit-title" title={t('title')} back={{ to: `/instansi/${agencyId}`, label: t('back') }}>
      <p className="muted">{t('intro')}</p>
      <QueryStatus query={query} />
      {query.status === 'ready' && query.data.events.length === 0 && <Notice>{t('none')}</Notice>}
      {query.status === 'ready' && query.data.events.length > 0 && (
        <DataTable
          label={t('title')}
          rows={query.data.events}
          rowKey={(e) => e.id}
          columns={[
            { header: t('at'), cell: (e) => formatDateTime(e.at) },
            { header: t('actor'), cell: (e) => e.actor.email ?? e.actor.uid },
            { header: t('action'), cell: (e) => t(`concepts:audit_${e.action}`) },
            {
              header: t('details'),
              cell: (e) => (
                <code>
                  {Object.entries(e.details)
                    .map(([k, v]) => `${k}: ${String(v)}`)
                    .join(', ')}
                </code>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
