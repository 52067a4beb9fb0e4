import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { relationships } from '../../../domain/questionnaire.js';
import { DataTable } from '../../components/DataTable.js';
import { Notice } from '../../components/Notice.js';
import { formatDecimal, formatNumber } from '../../lib/format.js';
import { localized } from '../../lib/i18n.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { resultQueries } from './api.js';
import { valueName } from './labels.js';
import { ReportActions } from './ReportActions.js';
import { ScoreText } from './ScoreText.js';
import type { RateeReport } from './types.js';
import { ValuesRadar } from './ValuesRadar.js';
import './i18n.js';
import { unitPathText } from '../../../domain/units.js';

export function RateeReportPage() {
  const { t } = useTranslation(['results', 'common', 'concepts']);
  const { waveId = '', nip = '' } = useParams();
  const query = useStaffQuery(resultQueries.rateeReport(waveId, nip));
  return (
    <section aria-labelledby="report-title" className="results">
      <p className="no-print">
        <Link to={`/gelombang/${waveId}/hasil`}>← {t('backToResults')}</Link>
      </p>
      {query.status === 'loading' && <p role="status">{t('common:loading')}</p>}
      {query.status === 'error' && (
        <>
          <h1 id="report-title">{t('titlePlain')}</h1>
          <Notice tone={query.error.code === 'wave_not_closed' ? 'info' : 'error'}>{localized(query.error.messages)}</Notice>
        </>
      )}
      {query.status === 'ready' && <ReportView report={query.data} />}
    </section>
  );
}

function ReportView({ report }: { report: RateeReport }) {
  const { t } = useTranslation(['results', 'concepts']);
  const { ratee, k } = report;
  const hasSelf = report.values.some((v) => typeof v.groups.self === 'number');
  const anyMissing = report.values.some((v) => v.others === null || relationships.some((rel) => typeof v.groups[rel] !== 'number'));
  return (
    <>
      <h1 id="report-title">{t('reportTitle', { name: ratee.name })}</h1>
      <dl className="results__person">
        <div>
          <dt>NIP</dt>
          <dd>{ratee.nip}</dd>
        </div>
        <div>
          <dt>{t('unit')}</dt>
          <dd>{unitPathText(ratee.unitPath)}</dd>
        </div>
        <div>
          <dt>{t('position')}</dt>
          <dd>{ratee.position}</dd>
        </div>
        <div>
          <dt>{t('overallIndex')}</dt>
          <dd className="results__index" data-testid="ratee-index">
            <ScoreText score={report.overall} full />
          </dd>
        </div>
      </dl>
      <p className="muted">{t('wave', { name: report.waveName })}</p>
      <ReportActions />
      <DataTable
        label={t('byGroup')}
        className="data results__groups"
        caption={<strong>{t('byGroup')}</strong>}
        rows={report.values}
        rowKey={(v) => v.valueId}
        columns={[
          { header: t('value'), rowHeader: true, cell: (v) => valueName(v.valueId) },
          ...relationships.map((rel) => ({ header: t(`concepts:group_${rel}`), cell: (v: RateeReport['values'][number]) => <GroupFigure figure={v.groups[rel]} k={k} /> })),
          { header: t('others'), cell: (v) => <ScoreText score={v.others} /> },
        ]}
      />
      {anyMissing && <p className="muted">{t('hiddenNote', { k })}</p>}
      <ValuesRadar
        title={t('selfVsOthers')}
        tableTitle={t('radarTable')}
        valueIds={report.values.map((v) => v.valueId)}
        series={[
          ...(hasSelf ? [{ label: t('concepts:group_self'), data: report.values.map((v) => v.groups.self ?? null), color: '#b35c00' }] : []),
          { label: t('others'), data: report.values.map((v) => v.others?.score ?? null), color: '#0b4f8a' },
        ]}
      />
      <GroupCounts report={report} />
    </>
  );
}

/** A group's figure, or a dash that says why there is none. */
function GroupFigure({ figure, k }: { figure: number | null | undefined; k: number }) {
  const { t } = useTranslation(['results', 'concepts']);
  if (typeof figure === 'number') return <>{formatDecimal(figure)}</>;
  const why = figure === null ? t('hidden', { k }) : t('noResponses');
  return (
    <span className="muted" title={why}>
      —<span className="sr-only"> {why}</span>
    </span>
  );
}

function GroupCounts({ report }: { report: RateeReport }) {
  const { t } = useTranslation(['results', 'concepts']);
  return (
    <DataTable
      label={t('groups')}
      caption={<strong>{t('groups')}</strong>}
      rows={relationships}
      rowKey={(rel) => rel}
      rowProps={(rel) => ({ 'data-testid': `group-${rel}` })}
      columns={[
        { header: t('group'), rowHeader: true, cell: (rel) => t(`concepts:group_${rel}`) },
        { header: t('responses'), cell: (rel) => formatNumber(report.groups[rel]?.responses ?? 0) },
        {
          header: t('status'),
          cell: (rel) => {
            const g = report.groups[rel];
            return !g ? t('noResponses') : g.shown ? t('shown') : t('hiddenGroup', { k: report.k });
          },
        },
      ]}
    />
  );
}
