import { useTranslation } from 'react-i18next';
import { indexBands } from '../../../domain/values.js';
import { DataTable } from '../../components/DataTable.js';
import { formatNumber } from '../../lib/format.js';
import { bandLabel } from './labels.js';

/** People rated per band of their overall index, with a bar drawn to scale beside each count. */
export function BandDistribution({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation('results');
  const total = indexBands.reduce((sum, b) => sum + (counts[b.id] ?? 0), 0);
  const share = (id: string) => (total === 0 ? 0 : Math.round(((counts[id] ?? 0) / total) * 100));
  return (
    <DataTable
      label={t('distribution')}
      caption={
        <>
          <strong>{t('distribution')}</strong> <span className="muted">{t('distributionHint')}</span>
        </>
      }
      rows={indexBands}
      rowKey={(b) => b.id}
      columns={[
        { header: t('band'), rowHeader: true, cell: (b) => <span className={`band band--${b.id}`}>{bandLabel(b.id)}</span> },
        { header: t('people'), cell: (b) => formatNumber(counts[b.id] ?? 0) },
        {
          header: t('share'),
          cell: (b) => (
            <>
              <span className={`bar band--${b.id}`} style={{ width: `${share(b.id) * 1.5}px` }} aria-hidden="true" />
              {share(b.id)}%
            </>
          ),
        },
      ]}
    />
  );
}
