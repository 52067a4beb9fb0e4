import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { sealingQueries } from './api.js';
import './i18n.js';

/** A trustee's start page: their agencies' key ceremonies and the closed waves to open. */
export function TrusteeHome() {
  const { t } = useTranslation(['sealing', 'common', 'concepts']);
  const session = useSession();
  return (
    <section aria-labelledby="trustee-title">
      <h1 id="trustee-title">{t('homeTitle')}</h1>
      <p>{t('homeIntro')}</p>
      {session.agencies.map((agencyId) => (
        <AgencyTrusteeView key={agencyId} agencyId={agencyId} />
      ))}
    </section>
  );
}

function AgencyTrusteeView({ agencyId }: { agencyId: string }) {
  const { t } = useTranslation(['sealing', 'common', 'concepts']);
  const ceremonies = useStaffQuery(sealingQueries.ceremonies(agencyId));
  const waves = useStaffQuery(sealingQueries.waves(agencyId));
  return (
    <>
      <h2>{t('ceremoniesTitle')}</h2>
      <QueryStatus query={ceremonies} />
      {ceremonies.status === 'ready' && ceremonies.data.ceremonies.length === 0 && <Notice>{t('noCeremonies')}</Notice>}
      {ceremonies.status === 'ready' && (
        <ul>
          {ceremonies.data.ceremonies.map((c) => (
            <li key={c.id}>
              <Link to={`/kunci/${c.id}`}>{c.label}</Link> · {t(`concepts:ceremony_${c.status}`)}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('sealedWaves')}</h2>
      {waves.status === 'ready' && waves.data.waves.filter((w) => w.status === 'closed').length === 0 && <p>{t('noSealedWaves')}</p>}
      {waves.status === 'ready' && (
        <ul>
          {waves.data.waves
            .filter((w) => w.status === 'closed')
            .map((w) => (
              <li key={w.id}>
                <Link to={`/gelombang/${w.id}/buka`} aria-label={t('openLink', { name: w.name })}>
                  {w.name}
                </Link>
              </li>
            ))}
        </ul>
      )}
    </>
  );
}
