import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toAnswers, type AnswerForm } from '../../../domain/answers-form.js';
import { codeFromFragment } from '../../../domain/invitation-code.js';
import { questionnaires } from '../../../domain/questionnaire.js';
import { Notice } from '../../components/Notice.js';
import { ApiRequestError } from '../../lib/api-client.js';
import { openInvitation } from './api.js';
import { formatDateTime } from '../../lib/format.js';
import { localized } from '../../lib/i18n.js';
import { AnonymityNote } from './AnonymityNote.js';
import { deviceStore, type Draft, type OpenedInvitation } from './device-store.js';
import { useOutbox, type Delivery } from './outbox.js';
import { Questionnaire } from './Questionnaire.js';
import './i18n.js';
import './respond.css';

type Ticket = OpenedInvitation['tickets'][number];
type State =
  | { kind: 'loading' }
  | { kind: 'ready'; invitation: OpenedInvitation; remaining: Set<string>; offline: boolean }
  | { kind: 'error'; error: ApiRequestError };

function useFragmentCode() {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return { present: hash.length > 1, code: codeFromFragment(hash) };
}

/** Opens the link online; offline, falls back to what this device saw last time. */
function useInvitation(code: string) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    // The code goes in the body: never in a URL the server or a proxy could log.
    openInvitation(code, controller.signal).then(
      async (fresh) => {
        // Keep every colleague ever listed, so finished ones still show as done.
        const cached = await deviceStore.invitation(code);
        const known = new Map((cached?.tickets ?? []).map((t) => [t.id, t]));
        for (const t of fresh.tickets) known.set(t.id, t);
        const merged = { ...fresh, tickets: [...known.values()] };
        await deviceStore.saveInvitation(code, merged);
        setState({ kind: 'ready', invitation: merged, remaining: new Set(fresh.tickets.map((t) => t.id)), offline: false });
      },
      async (error: unknown) => {
        if (controller.signal.aborted) return;
        const cached = await deviceStore.invitation(code);
        if (error instanceof ApiRequestError && error.status === 0 && cached) {
          setState({ kind: 'ready', invitation: cached, remaining: new Set(cached.tickets.map((t) => t.id)), offline: true });
        } else if (error instanceof ApiRequestError) setState({ kind: 'error', error });
      },
    );
    return () => controller.abort();
  }, [code]);
  return state;
}

function statusOf(ticket: Ticket, done: Set<string>, remaining: Set<string>, delivery: Delivery | undefined, drafts: Set<string>) {
  if (delivery?.state === 'sending') return 'statusSending';
  if (delivery?.state === 'queued') return 'statusQueued';
  if (delivery?.state === 'rejected') return 'statusRejected';
  if (delivery?.state === 'sent' || done.has(ticket.id) || !remaining.has(ticket.id)) return 'statusDone';
  return drafts.has(ticket.id) ? 'statusDraft' : 'statusTodo';
}

function Invitation({ code }: { code: string }) {
  const { t } = useTranslation(['respond', 'concepts']);
  const state = useInvitation(code);
  const { deliveries, send, flush } = useOutbox(code);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [drafts, setDrafts] = useState<Set<string>>(new Set());
  const [active, setActive] = useState<{ ticket: Ticket; draft: Draft | undefined } | null>(null);
  const [lastSent, setLastSent] = useState<Ticket | null>(null);
  const [online, setOnline] = useState(() => navigator.onLine);
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  useEffect(() => {
    void deviceStore.done(code).then(setDone);
  }, [code, deliveries]);
  useEffect(() => {
    if (state.kind !== 'ready') return;
    void Promise.all(state.invitation.tickets.map(async (ticket) => ((await deviceStore.draft(code, ticket.id)) ? ticket.id : null))).then(
      (ids) => setDrafts(new Set(ids.filter((id): id is string => id !== null))),
    );
  }, [code, state, active]);

  const saveDraft = useCallback(
    (draft: Draft) => {
      if (active) void deviceStore.saveDraft(code, active.ticket.id, draft);
    },
    [code, active],
  );

  // Above what grows once the link opens, so the note never jumps (layout shift).
  if (state.kind === 'loading') {
    return (
      <>
        <AnonymityNote />
        <p role="status">{t('checking')}</p>
      </>
    );
  }
  if (state.kind === 'error') {
    const opensAt = state.error.extra.opensAt;
    return (
      <>
        <AnonymityNote />
        <Notice tone={state.error.code === 'wave_closed' ? 'info' : 'error'} title={localized(state.error.messages)}>
          {state.error.code === 'wave_scheduled' && opensAt && <p>{t('opensAt', { at: formatDateTime(opensAt) })}</p>}
        </Notice>
      </>
    );
  }
  const { wave, tickets } = state.invitation;
  const note = <AnonymityNote anonymityThreshold={wave.anonymityThreshold} />;
  const questionnaire = questionnaires[wave.questionnaireVersion];
  // A page built before a new questionnaire version shipped (an old cached copy) cannot show it.
  if (!questionnaire) {
    return (
      <>
        {note}
        <Notice tone="error" title={t('questionnaireUnknown', { version: wave.questionnaireVersion })}>
          <p>{t('questionnaireUnknownHint')}</p>
        </Notice>
      </>
    );
  }

  if (active) {
    const { ticket } = active;
    // Below the questions here: on a phone, above them it would push every step's first question down.
    return (
      <>
        <Questionnaire
          key={ticket.id}
          questionnaire={questionnaire}
          relationship={ticket.relationship}
          rateeName={ticket.relationship === 'self' ? t('concepts:toRater_self') : ticket.rateeName}
          draft={active.draft}
          onDraft={saveDraft}
          onLeave={() => setActive(null)}
          onSubmit={async (values) => {
            await send({ code, ticketId: ticket.id, questionnaireVersion: wave.questionnaireVersion, answers: toAnswers(values as AnswerForm) });
            setLastSent(ticket);
            setActive(null);
            requestAnimationFrame(() => listHeading.current?.focus());
          }}
        />
        {note}
      </>
    );
  }

  const lastDelivery = lastSent ? deliveries[lastSent.id] : undefined;
  const nameOf = (ticket: Ticket) => (ticket.relationship === 'self' ? t('concepts:toRater_self') : ticket.rateeName);
  return (
    <div>
      {note}
      <h2>{wave.name}</h2>
      <p>{t('closesAt', { at: formatDateTime(wave.closesAt) })}</p>
      {(!online || state.offline) && <Notice>{state.offline ? t('offlineCached') : t('offline')}</Notice>}
      {lastSent && lastDelivery?.state === 'sent' && <Notice tone="success">{t('sent', { name: nameOf(lastSent) })}</Notice>}
      {lastSent && lastDelivery?.state === 'queued' && (
        <Notice title={t('queued', { name: nameOf(lastSent) })}>
          {lastDelivery.retryInSeconds !== null && <p>{t('retryIn', { seconds: lastDelivery.retryInSeconds })}</p>}
          <button type="button" className="button button--secondary" onClick={() => void flush()}>
            {t('sendNow')}
          </button>
        </Notice>
      )}
      {lastSent && lastDelivery?.state === 'rejected' && <Notice tone="error">{localized(lastDelivery.message)}</Notice>}
      <h3 ref={listHeading} tabIndex={-1}>
        {t('colleagues')}
      </h3>
      <ul className="colleagues">
        {tickets.map((ticket) => {
          const status = statusOf(ticket, done, state.remaining, deliveries[ticket.id], drafts);
          const open = status === 'statusTodo' || status === 'statusDraft';
          return (
            <li key={ticket.id} className="card colleague">
              <div>
                <strong>{ticket.rateeName}</strong> <span className="badge">{t(`concepts:toRater_${ticket.relationship}`)}</span>
                <br />
                <span className="muted">
                  {ticket.rateePosition} · {ticket.rateeUnit}
                </span>
              </div>
              <div className="colleague__status">
                <span className={`badge badge--${status}`}>{t(status)}</span>
                {open && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => void deviceStore.draft(code, ticket.id).then((draft) => setActive({ ticket, draft }))}
                  >
                    {status === 'statusDraft' ? t('continue', { name: nameOf(ticket) }) : t('rate', { name: nameOf(ticket) })}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {tickets.every((ticket) => statusOf(ticket, done, state.remaining, deliveries[ticket.id], drafts) === 'statusDone') && (
        <Notice tone="success">{t('noneLeft')}</Notice>
      )}
    </div>
  );
}

/** The respondent's page: `/r#CODE`. The code stays in the fragment and leaves only in a request body. */
export function RespondPage() {
  const { t } = useTranslation(['respond', 'concepts']);
  const { present, code } = useFragmentCode();
  return (
    <section aria-labelledby="respond-title">
      <h1 id="respond-title">{t('title')}</h1>
      {!present && <Notice tone="error">{t('noCode')}</Notice>}
      {present && !code && <Notice tone="error">{t('badCode')}</Notice>}
      {code ? <Invitation code={code} /> : <AnonymityNote />}
    </section>
  );
}
