import { useTranslation } from 'react-i18next';
import { indexBands } from '../../../domain/values.js';
import { formatNumber } from '../../lib/format.js';
import { bandLabel } from './labels.js';

/** People rated per band of their overall index, with a bar drawn to scale beside each count. */
export function BandDistribution({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation('results');
  const total = indexBands.reduce((sum, b) => sum + (counts[b.id] ?? 0), 0);
  return (
    <div className="table-wrap">
      <table className="data">
        <caption>
          <strong>{t('distribution')}</strong> <span className="muted">{t('distributionHint')}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('band')}</th>
            <th scope="col">{t('people')}</th>
            <th scope="col">{t('share')}</th>
          </tr>
        </thead>
        <tbody>
          {indexBands.map((b) => {
            const n = counts[b.id] ?? 0;
            const percent = total === 0 ? 0 : Math.round((n / total) * 100);
            return (
              <tr key={b.id}>
                <th scope="row">
                  <span className={`band band--${b.id}`}>{bandLabel(b.id)}</span>
                </th>
                <td>{formatNumber(n)}</td>
                <td>
                  <span className={`bar band--${b.id}`} style={{ width: `${percent * 1.5}px` }} aria-hidden="true" />
                  {percent}%
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
