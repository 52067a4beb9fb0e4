import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.js';
import { Notice } from '../../components/Notice.js';
import { formatDecimal } from '../../lib/format.js';
import { valueName } from './labels.js';
import { ScoreText } from './ScoreText.js';
import type { WaveResults } from './types.js';

type ValueScore = WaveResults['agency']['values'][number];

/** Values sharing the lowest shown figure: where development should start. */
function lowestOf(values: readonly ValueScore[]): ValueScore[] {
  const scored = values.filter((v) => v.score !== null);
  if (scored.length === 0) return [];
  const min = Math.min(...scored.map((v) => v.score!.score));
  return scored.filter((v) => v.score!.score === min);
}

/** The seven values with figure and band, the lowest called out. */
export function ValueScores({ values }: { values: readonly ValueScore[] }) {
  const { t } = useTranslation('results');
  const lowest = lowestOf(values);
  const lowestIds = new Set(lowest.map((v) => v.valueId));
  return (
    <div className="card">
      <h2 style={{ marginTop: 0 }}>{t('values')}</h2>
      {lowest.length > 0 && (
        <Notice>
          <span data-testid="lowest-value">
            {t('lowest', { names: lowest.map((v) => `${valueName(v.valueId)} (${formatDecimal(v.score!.score)})`).join(', ') })}
          </span>
        </Notice>
      )}
      <DataTable
        rows={values}
        rowKey={(v) => v.valueId}
        rowProps={(v) => ({ className: lowestIds.has(v.valueId) ? 'results__lowest' : undefined })}
        columns={[
          {
            header: t('value'),
            rowHeader: true,
            cell: (v) => (
              <>
                {valueName(v.valueId)}
                {lowestIds.has(v.valueId) && <span className="muted" aria-hidden="true"> ▼</span>}
              </>
            ),
          },
          { header: t('score'), cell: (v) => <ScoreText score={v.score} full /> },
        ]}
      />
    </div>
  );
}
