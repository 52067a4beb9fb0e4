import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryCards } from '../../components/QueryCards.js';
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
      <QueryCards
        query={query}
        items={(data) => data.agencies}
        empty={t('empty')}
        card={(a) => (
          <>
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
          </>
        )}
      />
    </section>
  );
}
