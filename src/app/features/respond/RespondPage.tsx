import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeFromFragment } from '../../../domain/invitation-code.js';
import { Notice } from '../../components/Notice.js';
import { apiRequest, ApiRequestError } from '../../lib/api-client.js';
import { formatDateTime } from '../../lib/format.js';
import { localized } from '../../lib/i18n.js';
import './i18n.js';

interface OpenedInvitation {
  wave: { name: string; closesAt: string; questionnaireVersion: string };
  tickets: { id: string; rateeName: string; rateeUnit: string; rateePosition: string; relationship: 'self' | 'superior' | 'peer' | 'subordinate' }[];
}

type State = { kind: 'loading' } | { kind: 'ready'; invitation: OpenedInvitation } | { kind: 'error'; error: ApiRequestError };

function useFragmentCode() {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return { present: hash.length > 1, code: codeFromFragment(hash) };
}

function Invitation({ code }: { code: string }) {
  const { t } = useTranslation('respond');
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    // The code goes in the body: never in a URL the server or a proxy could log.
    apiRequest<OpenedInvitation>('/api/respond/open', { method: 'POST', body: { code }, signal: controller.signal }).then(
      (invitation) => setState({ kind: 'ready', invitation }),
      (error: unknown) => {
        if (!controller.signal.aborted && error instanceof ApiRequestError) setState({ kind: 'error', error });
      },
    );
    return () => controller.abort();
  }, [code]);

  if (state.kind === 'loading') return <p role="status">{t('checking')}</p>;
  if (state.kind === 'error') {
    const opensAt = (state.error.body as { error?: { opensAt?: string } } | null)?.error?.opensAt;
    return (
      <Notice tone={state.error.code === 'wave_closed' ? 'info' : 'error'} title={localized(state.error.messages)}>
        {state.error.code === 'wave_scheduled' && opensAt && <p>{t('opensAt', { at: formatDateTime(opensAt) })}</p>}
      </Notice>
    );
  }
  const { wave, tickets } = state.invitation;
  return (
    <div className="card">
      <h2 style={{ marginTop: 0 }}>{wave.name}</h2>
      <p>{t('closesAt', { at: formatDateTime(wave.closesAt) })}</p>
      {tickets.length === 0 ? (
        <Notice tone="success">{t('noneLeft')}</Notice>
      ) : (
        <>
          <h3>{t('colleagues')}</h3>
          <ul className="tree" style={{ paddingLeft: 0 }}>
            {tickets.map((ticket) => (
              <li key={ticket.id} className="card">
                <strong>{ticket.rateeName}</strong> <span className="badge">{t(`rel_${ticket.relationship}`)}</span>
                <br />
                <span className="muted">
                  {ticket.rateePosition} · {ticket.rateeUnit}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The respondent's page: `/r#CODE`. The code stays in the fragment and leaves only in a request body. */
export function RespondPage() {
  const { t } = useTranslation('respond');
  const { present, code } = useFragmentCode();
  return (
    <section aria-labelledby="respond-title">
      <h1 id="respond-title">{t('title')}</h1>
      {!present && <Notice tone="error">{t('noCode')}</Notice>}
      {present && !code && <Notice tone="error">{t('badCode')}</Notice>}
      {code && <Invitation code={code} />}
      <div className="card">
        <h2 style={{ marginTop: 0 }}>{t('anonymityTitle')}</h2>
        <p>{t('anonymity1')}</p>
        <p>{t('anonymity2')}</p>
        <p>{t('anonymity3')}</p>
      </div>
    </section>
  );
}
