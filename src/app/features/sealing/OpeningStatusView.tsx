import { useTranslation } from 'react-i18next';
import type { OpeningStatus } from './types.js';
import './i18n.js';

/** "Menunggu wali kunci 1 dari 2", phase by phase, and each trustee's part. */
export function OpeningStatusView({ status }: { status: OpeningStatus }) {
  const { t } = useTranslation('sealing');
  const phase = status.phases.counts.opened < status.phases.counts.groups || status.phases.counts.groups === 0 ? 'counts' : 'sums';
  const given = status.trustees.filter((x) => x[phase]).length;
  return (
    <div className="stack" data-testid="opening-status">
      {!status.done && <p className="notice__title">{t('waitingTrustees', { done: Math.min(given, status.quorum), quorum: status.quorum })}</p>}
      <ul>
        {(['counts', 'sums'] as const).map((p) => (
          <li key={p}>{t('phaseProgress', { phase: t(`phase_${p}`), opened: status.phases[p].opened, groups: status.phases[p].groups })}</li>
        ))}
      </ul>
      <ul>
        {status.trustees.map((x) => (
          <li key={x.index}>
            {t('seat')} {x.index} ({x.email}): {t('phase_counts')} {x.counts ? t('done') : t('notYet')} · {t('phase_sums')} {x.sums ? t('done') : t('notYet')}
          </li>
        ))}
      </ul>
    </div>
  );
}
