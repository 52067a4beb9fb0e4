import { useTranslation } from 'react-i18next';
import { relationships } from '../../../domain/questionnaire.js';
import { DataTable } from '../../components/DataTable.js';
import { formatNumber } from '../../lib/format.js';
import type { PlanPreview } from './types.js';
import './i18n.js';

function Histogram({ title, data, unit }: { title: string; data: Record<string, number>; unit: string }) {
  const { t } = useTranslation(['waves', 'concepts']);
  const entries = Object.entries(data).sort((a, b) => Number(a[0]) - Number(b[0]));
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <DataTable
      label={title}
      caption={<span className="table-title">{title}</span>}
      rows={entries}
      rowKey={([k]) => k}
      columns={[
        { header: unit, rowHeader: true, cell: ([k]) => k },
        {
          header: t('people'),
          cell: ([, n]) => (
            <>
              <span className="bar" style={{ width: `${(n / max) * 8}rem` }} aria-hidden="true" />
              {formatNumber(n)}
            </>
          ),
        },
      ]}
    />
  );
}

export function PlanPreviewView({ preview }: { preview: PlanPreview }) {
  const { t } = useTranslation(['waves', 'concepts']);
  return (
    <div data-testid="plan-preview">
      <p className="muted">{t('previewIntro')}</p>
      <ul className="stats">
        <li>
          <strong>{formatNumber(preview.ratees)}</strong> {t('ratees')}
        </li>
        <li>
          <strong>{formatNumber(preview.raters)}</strong> {t('raters')}
        </li>
        <li>
          <strong>{formatNumber(preview.assignments)}</strong> {t('assignments')}
        </li>
        {relationships.map((r) => (
          <li key={r}>
            <strong>{formatNumber(preview.byRelationship[r])}</strong> {t('byGroup', { group: t(`concepts:group_${r}`) })}
          </li>
        ))}
      </ul>
      <div className="grid-2">
        <Histogram title={t('ratersPerRatee')} data={preview.ratersPerRatee} unit={t('raters')} />
        <Histogram title={t('ratingsPerRater')} data={preview.ratingsPerRater} unit={t('assignments')} />
      </div>
      <h3>{t('shortfallTitle', { count: preview.shortfallCount })}</h3>
      {preview.shortfallCount === 0 ? (
        <p>{t('noShortfall')}</p>
      ) : (
        <DataTable
          label={t('shortfallTitle', { count: preview.shortfalls.length })}
          rows={preview.shortfalls}
          rowKey={(s) => `${s.nip}-${s.relationship}`}
          columns={[
            { header: 'NIP', cell: (s) => s.nip },
            {
              header: t('people'),
              cell: (s) => (
                <>
                  {s.name}
                  <br />
                  <span className="muted">{s.unit}</span>
                </>
              ),
            },
            { header: t('group'), cell: (s) => t(`concepts:group_${s.relationship}`) },
            { header: t('got'), cell: (s) => `${s.got} / ${s.needed}` },
            { header: t('reason'), cell: (s) => t(`reason_${s.reason}`) },
          ]}
        />
      )}
    </div>
  );
}
