import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.js';
import { formatNumber } from '../../lib/format.js';
import { relationships } from '../../../domain/questionnaire.js';
import type { UnitCoverage } from './types.js';

const groups = relationships;

/** Units × rater groups as a table whose cells are shaded by completeness: readable without colour. */
export function Heatmap({ units, onOpen }: { units: UnitCoverage[]; onOpen: (unitId: string) => void }) {
  const { t } = useTranslation(['coverage', 'concepts']);
  return (
    <DataTable
      label={t('heatmap')}
      className="data heatmap"
      caption={
        <>
          <strong>{t('heatmap')}</strong> <span className="muted">{t('heatmapHint')}</span>
        </>
      }
      rows={units}
      rowKey={(u) => u.id}
      columns={[
        {
          header: t('unit'),
          rowHeader: true,
          cell: (u) =>
            u.ratees > 0 ? (
              <button type="button" className="link-button" onClick={() => onOpen(u.id)} aria-label={t('openUnit', { name: u.name })}>
                {u.name}
              </button>
            ) : (
              u.name
            ),
        },
        ...groups.map((g) => ({
          header: t(`concepts:group_${g}`),
          cell: (u: UnitCoverage) => {
            const cell = u.groups[g];
            if (!cell || cell.issued === 0) return '–';
            return (
              <>
                {Math.round((cell.responses / cell.issued) * 100)}% <span className="heatmap__count">({formatNumber(cell.responses)}/{formatNumber(cell.issued)})</span>
              </>
            );
          },
          cellProps: (u: UnitCoverage) => {
            const cell = u.groups[g];
            if (!cell || cell.issued === 0) return {};
            const share = cell.responses / cell.issued;
            return { style: { background: `rgba(11, 79, 138, ${(0.08 + share * 0.75).toFixed(2)})`, color: share > 0.55 ? '#fff' : undefined } };
          },
        })),
      ]}
    />
  );
}
