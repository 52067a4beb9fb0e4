import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.js';
import type { UnitCoverage } from './types.js';

const groups = ['self', 'superior', 'peer', 'subordinate'] as const;

/** Units × rater groups as a table whose cells are shaded by completeness: readable without colour. */
export function Heatmap({ units, onOpen }: { units: UnitCoverage[]; onOpen: (unitId: string) => void }) {
  const { t } = useTranslation('coverage');
  return (
    <div className="table-wrap">
      <table className="data heatmap">
        <caption>
          <strong>{t('heatmap')}</strong> <span className="muted">{t('heatmapHint')}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('unit')}</th>
            {groups.map((g) => (
              <th scope="col" key={g}>
                {t(g)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                {u.ratees > 0 ? (
                  <button type="button" className="link-button" onClick={() => onOpen(u.id)} aria-label={t('openUnit', { name: u.name })}>
                    {u.name}
                  </button>
                ) : (
                  u.name
                )}
              </th>
              {groups.map((g) => {
                const cell = u.groups[g];
                if (!cell || cell.issued === 0) return <td key={g}>–</td>;
                const share = cell.responses / cell.issued;
                return (
                  <td key={g} style={{ background: `rgba(11, 79, 138, ${(0.08 + share * 0.75).toFixed(2)})`, color: share > 0.55 ? '#fff' : undefined }}>
                    {Math.round(share * 100)}% <span className="heatmap__count">({formatNumber(cell.responses)}/{formatNumber(cell.issued)})</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
