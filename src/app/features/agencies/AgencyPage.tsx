import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Unit } from '../../../domain/schema.js';
import { Notice } from '../../components/Notice.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { agencyQueries } from './api.js';
import './i18n.js';

function UnitTree({ units, parentId }: { units: Unit[]; parentId: string | null }) {
  const children = units.filter((u) => u.parentId === parentId);
  if (children.length === 0) return null;
  return (
    <ul className="tree">
      {children.map((u) => (
        <li key={u.id}>
          {u.name}
          <UnitTree units={units} parentId={u.id} />
        </li>
      ))}
    </ul>
  );
}

export function AgencyPage() {
  const { t } = useTranslation(['agencies', 'common']);
  const { agencyId = '' } = useParams();
  const session = useSession();
  const query = useStaffQuery(agencyQueries.one(agencyId));
  return (
    <section aria-labelledby="agency-title">
      <p>
        <Link to="/">← {t('back')}</Link>
      </p>
      <QueryStatus query={query} />
      {query.status === 'ready' && (
        <>
          <h1 id="agency-title">{query.data.agency.name}</h1>
          <ul className="stats">
            <li>
              <strong>{query.data.agency.summary.units}</strong> {t('units')}
            </li>
            <li>
              <strong>{query.data.agency.summary.activeEmployees}</strong> {t('activeEmployees')}
            </li>
          </ul>
          <nav aria-label={query.data.agency.name}>
            <ul className="nav-tabs">
              <li>
                <Link className="button" to={`/instansi/${agencyId}/gelombang`}>
                  {t('waves')}
                </Link>
              </li>
              {session.role === 'coordinator' && (
                <li>
                  <Link className="button button--secondary" to={`/instansi/${agencyId}/pegawai`}>
                    {t('importRoster')}
                  </Link>
                </li>
              )}
              <li>
                <Link className="button button--secondary" to={`/instansi/${agencyId}/kunci`}>
                  {t('keys')}
                </Link>
              </li>
              <li>
                <Link className="button button--secondary" to={`/instansi/${agencyId}/log`}>
                  {t('auditLog')}
                </Link>
              </li>
            </ul>
          </nav>
          <h2>{t('unitTree')}</h2>
          {query.data.units.length === 0 ? <Notice>{t('noUnits')}</Notice> : <UnitTree units={query.data.units} parentId={null} />}
        </>
      )}
    </section>
  );
}
