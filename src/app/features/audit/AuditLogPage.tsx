import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { AuditEvent } from '../../../domain/schema.js';
import { Notice } from '../../components/Notice.js';
import { formatDateTime } from '../../lib/format.js';
import { localized } from '../../lib/i18n.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import './i18n.js';

export function AuditLogPage() {
  const { t } = useTranslation(['audit', 'common']);
  const { agencyId = '' } = useParams();
  const [search] = useSearchParams();
  const waveId = search.get('gelombang');
  const query = useStaffQuery<{ events: AuditEvent[] }>(
    `/api/agencies/${encodeURIComponent(agencyId)}/audit-events${waveId ? `?waveId=${encodeURIComponent(waveId)}` : ''}`,
  );
  return (
    <section aria-labelledby="audit-title">
      <p>
        <Link to={`/instansi/${agencyId}`}>← {t('back')}</Link>
      </p>
      <h1 id="audit-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {query.status === 'loading' && <p role="status">{t('common:loading')}</p>}
      {query.status === 'error' && <Notice tone="error">{localized(query.error.messages)}</Notice>}
      {query.status === 'ready' && query.data.events.length === 0 && <Notice>{t('none')}</Notice>}
      {query.status === 'ready' && query.data.events.length > 0 && (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('at')}</th>
                <th scope="col">{t('actor')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('details')}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.actor.email ?? e.actor.uid}</td>
                  <td>{t(e.action)}</td>
                  <td>
                    <code>{Object.entries(e.details).map(([k, v]) => `${k}: ${String(v)}`).join(', ')}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
