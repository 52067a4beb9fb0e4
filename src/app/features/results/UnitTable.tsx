import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.js';
import { formatNumber } from '../../lib/format.js';
import { valueName } from './labels.js';
import { ScoreText } from './ScoreText.js';
import type { UnitResult, WaveResults } from './types.js';

/** Units in tree order (each parent followed by its children), whatever order they came in. */
function treeOrder(units: readonly UnitResult[]): UnitResult[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, UnitResult[]>();
  for (const u of units) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const ordered: UnitResult[] = [];
  const visit = (parent: string | null) => {
    for (const u of children.get(parent) ?? []) {
      ordered.push(u);
      visit(u.id);
    }
  };
  visit(null);
  return ordered;
}

/** The unit tree as one table: the agency first, each unit indented by its depth. */
export function UnitTable({ results }: { results: WaveResults }) {
  const { t } = useTranslation('results');
  const valueIds = results.agency.values.map((v) => v.valueId);
  const rows = [
    { id: '', name: t('wholeAgency'), depth: -1, overall: results.agency.overall, values: results.agency.values, ratees: results.agency.ratees },
    ...treeOrder(results.units),
  ];
  return (
    <DataTable
      label={t('units')}
      className="data results__units"
      caption={
        <>
          <strong>{t('units')}</strong> <span className="muted">{t('unitsHint')}</span>
        </>
      }
      rows={rows}
      rowKey={(u) => u.id}
      rowProps={(u) => ({ className: u.depth < 0 ? 'results__agency-row' : undefined })}
      columns={[
        { header: t('unit'), rowHeader: true, cell: (u) => u.name, cellProps: (u) => ({ style: { paddingLeft: `${0.5 + Math.max(u.depth, 0) * 1.25}rem` } }) },
        { header: t('overall'), cell: (u) => <ScoreText score={u.overall} /> },
        ...valueIds.map((id) => ({ header: valueName(id), cell: (u: (typeof rows)[number]) => <ScoreText score={u.values.find((v) => v.valueId === id)?.score ?? null} /> })),
        { header: t('scoredOfTotal'), cell: (u) => `${formatNumber(u.ratees.scored)}/${formatNumber(u.ratees.total)}` },
      ]}
    />
  );
}
