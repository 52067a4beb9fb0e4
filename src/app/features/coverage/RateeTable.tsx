import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { relationships } from '../../../domain/questionnaire.js';
import type { RateeCoverage } from './types.js';

const groups = relationships;
const ROW_HEIGHT = 44;

/** Thousands of rows stay fast: only the rows in view are in the page. */
export function RateeTable({ rows, k }: { rows: RateeCoverage[]; k: number }) {
  const { t } = useTranslation(['coverage', 'concepts']);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const cell = (r: RateeCoverage, g: (typeof groups)[number]) => {
    const group = r.groups[g];
    if (!group) return '–';
    return `${group.responses}/${group.issued}`;
  };
  return (
    <div className="ratee-table" role="table" aria-label={t('ratees')} aria-rowcount={rows.length + 1}>
      <div className="ratee-table__row ratee-table__head" role="row" aria-rowindex={1}>
        <span role="columnheader">{t('name')}</span>
        {groups.map((g) => (
          <span role="columnheader" key={g}>
            {t(`concepts:group_${g}`)}
          </span>
        ))}
        <span role="columnheader">{t('status')}</span>
      </div>
      <div ref={scroller} className="ratee-table__body" tabIndex={0} aria-label={t('ratees')}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const r = rows[item.index]!;
            return (
              <div
                key={r.nip}
                role="row"
                aria-rowindex={item.index + 2}
                className={`ratee-table__row${r.atRisk ? ' ratee-table__row--risk' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell">
                  {r.name} <span className="muted">{r.nip}</span>
                </span>
                {groups.map((g) => (
                  <span role="cell" key={g} title={r.groups[g] ? t(`concepts:groupStatus_${r.groups[g].status}`) : undefined}>
                    {cell(r, g)}
                  </span>
                ))}
                <span role="cell">{r.atRisk ? `⚠ ${t('atRisk')} (k=${k})` : t('ok')}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
