import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { Page } from '../../components/Page.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { createCeremonySchema } from '../../../domain/sealing/schema.js';
import { ApiRequestError } from '../../lib/api-client.js';
import { formatDateTime } from '../../lib/format.js';
import { localized } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { createCeremony, sealingQueries } from './api.js';
import './i18n.js';

interface FormValues {
  label: string;
  quorum: string;
  trustees: string;
}

/** An agency's key ceremonies; coordinators and admins start a new one by naming its trustees. */
export function CeremoniesPage() {
  const { t } = useTranslation(['sealing', 'common', 'concepts']);
  const { agencyId = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const query = useStaffQuery(sealingQueries.ceremonies(agencyId));
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<FormValues>({ defaultValues: { label: `Kunci ${new Date().getFullYear()}`, quorum: '2', trustees: '' } });
  const canStart = session.role === 'coordinator' || session.role === 'admin';

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    // The API's own schema checks the form, so the page and the server agree on every rule.
    const parsed = createCeremonySchema.safeParse({
      label: values.label,
      quorum: Number(values.quorum),
      trustees: values.trustees.split(/[\s,;]+/).filter(Boolean),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) form.setError((issue.path[0] as keyof FormValues) ?? 'trustees', { message: issue.message });
      return;
    }
    try {
      const created = await createCeremony(await session.getIdToken(), agencyId, parsed.data);
      await navigate(`/kunci/${created.id}`);
    } catch (e) {
      setFailure(e instanceof ApiRequestError ? [localized(e.messages), ...e.issues.map((i) => i.message)].join(' ') : t('error_internal'));
    }
  });

  return (
    <Page id="ceremonies-title" title={t('ceremoniesTitle')} back={{ to: `/instansi/${agencyId}`, label: t('back') }}>
      <p>{t('ceremoniesIntro')}</p>
      <QueryStatus query={query} />
      {query.status === 'ready' && query.data.ceremonies.length === 0 && <Notice>{t('noCeremonies')}</Notice>}
      {query.status === 'ready' && query.data.ceremonies.length > 0 && (
        <ul className="cards" role="list" style={{ listStyle: 'none', padding: 0 }}>
          {query.data.ceremonies.map((c) => (
            <li key={c.id} className="card">
              <h2 style={{ marginTop: 0 }}>
                <Link to={`/kunci/${c.id}`}>{c.label}</Link>
              </h2>
              <p>
                <strong>{t(`concepts:ceremony_${c.status}`)}</strong> · {t('quorumOf', { t: c.quorum, n: c.trustees.length })} · {formatDateTime(c.createdAt)}
              </p>
              <p className="muted">{c.trustees.map((x) => x.email).join(', ')}</p>
            </li>
          ))}
        </ul>
      )}
      {canStart && (
        <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
          <h2 style={{ marginTop: 0 }}>{t('start')}</h2>
          <div className="field">
            <label htmlFor="ceremony-label">{t('ceremonyLabel')}</label>
            <input id="ceremony-label" {...form.register('label')} aria-invalid={!!form.formState.errors.label} />
            {form.formState.errors.label && <p className="field-error">{form.formState.errors.label.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="ceremony-trustees">{t('trusteeEmails')}</label>
            <textarea id="ceremony-trustees" rows={4} {...form.register('trustees')} aria-describedby="ceremony-trustees-hint" aria-invalid={!!form.formState.errors.trustees} />
            <p id="ceremony-trustees-hint" className="muted">
              {t('trusteeEmailsHint')}
            </p>
            {form.formState.errors.trustees && <p className="field-error">{form.formState.errors.trustees.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="ceremony-quorum">{t('quorum')}</label>
            <input id="ceremony-quorum" type="number" min={2} max={9} inputMode="numeric" {...form.register('quorum')} aria-invalid={!!form.formState.errors.quorum} />
            {form.formState.errors.quorum && <p className="field-error">{form.formState.errors.quorum.message}</p>}
          </div>
          {failure && <Notice tone="error">{failure}</Notice>}
          <button type="submit" className="button" disabled={form.formState.isSubmitting}>
            {t('start')}
          </button>
        </form>
      )}
    </Page>
  );
}
