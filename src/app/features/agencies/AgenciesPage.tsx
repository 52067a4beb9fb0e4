import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { agencyQueries } from './api.js';
import './i18n.js';

export function AgenciesPage() {
  const { t } = useTranslation(['agencies', 'common']);
  const session = useSession();
  const query = useStaffQuery(agencyQueries.list());
  return (
    <section aria-labelledby="agencies-title">
      <h1 id="agencies-title">{t('title')}</h1>
      {session.role === 'admin' && (
        <p>
          <Link className="button button--secondary" to="/peringkat">
            {t('rankings')}
          </Link>
        </p>
      )}
      <QueryStatus query={query} />
      {query.status === 'ready' && query.data.agencies.length === 0 && <Notice>{t('empty')}</Notice>}
      {query.status === 'ready' && (
        <ul className="cards" role="list" style={{ listStyle: 'none', padding: 0 }}>
          {query.data.agencies.map((a) => (
            <li key={a.id} className="card">
              <h2 style={{ marginTop: 0 }}>
                <Link to={`/instansi/${a.id}`} aria-label={t('open', { name: a.name })}>
                  {a.name}
                </Link>
              </h2>
              <ul className="stats">
                <li>
                  <strong>{a.summary.units}</strong> {t('units')}
                </li>
                <li>
                  <strong>{a.summary.activeEmployees}</strong> {t('activeEmployees')}
                </li>
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
