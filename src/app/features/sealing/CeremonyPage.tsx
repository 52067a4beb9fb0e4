import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DataTable } from '../../components/DataTable.js';
import { Notice } from '../../components/Notice.js';
import { ApiRequestError } from '../../lib/api-client.js';
import { localized } from '../../lib/i18n.js';
import { FormEnd } from '../../components/FormEnd.js';
import { saveFile } from '../../lib/save-file.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { ceremonyStep, sealingQueries } from './api.js';
import type { KeyFile } from '../../../domain/sealing/key-file.js';
import { KeyFileFields, useFailureText } from './KeyFileFields.js';
import type { Ceremony } from './types.js';
import { fingerprintOf, runInWorker } from './worker-protocol.js';
import './i18n.js';

const done = (c: Ceremony, index: number) => ({
  committed: c.commitments.some((x) => x.index === index),
  shared: c.shares.some((x) => x.from === index),
  confirmed: c.confirmations.some((x) => x.index === index),
});

/** One key ceremony: every seat's progress, and the signed-in trustee's own next step. */
export function CeremonyPage() {
  const { t } = useTranslation(['sealing', 'common', 'concepts']);
  const failureText = useFailureText();
  const { ceremonyId = '' } = useParams();
  const session = useSession();
  const query = useStaffQuery(sealingQueries.ceremony(ceremonyId));
  const [ceremony, setCeremony] = useState<Ceremony | null>(null);
  const [key, setKey] = useState<{ keyFile: KeyFile; passphrase: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  useEffect(() => {
    if (query.status === 'ready') setCeremony(query.data);
  }, [query]);

  const reload = query.reload;
  const c = ceremony;
  const seat = c?.trustees.find((x) => x.uid === session.uid) ?? null;
  const mine = c && seat ? done(c, seat.index) : null;
  const waiting = c !== null && c.status !== 'complete' && c.status !== 'failed';
  // The page follows the ceremony while it runs: other trustees' steps arrive by themselves.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [waiting, reload]);

  const post = useCallback(
    async (path: Parameters<typeof ceremonyStep>[2], body: unknown) => {
      const token = await session.getIdToken();
      const next = await ceremonyStep(token, ceremonyId, path, body);
      setCeremony(next);
    },
    [ceremonyId, session],
  );

  const step = useCallback(
    async (k: { keyFile: KeyFile; passphrase: string }) => {
      if (!c || !seat || !mine || running.current) return;
      const request =
        c.status === 'sharing' && !mine.shared
          ? ({ kind: 'share', ceremony: c, ...k } as const)
          : c.status === 'confirming' && !mine.confirmed
            ? ({ kind: 'confirm', ceremony: c, ...k } as const)
            : null;
      if (!request) return;
      running.current = true;
      setBusy(true);
      setError(null);
      try {
        const reply = await runInWorker(request);
        if (reply.kind === 'shares') await post('shares', { shares: reply.shares });
        else if (reply.kind === 'confirmation') await post('confirmation', reply.confirmation);
        else if (reply.kind === 'complaint') await post('complaint', { against: reply.against, reason: 'share does not match its commitments' });
        else if (reply.kind === 'failed') {
          setError(failureText(reply.code, reply.detail));
          if (reply.code === 'wrong_passphrase' || reply.code === 'invalid_key_file') setKey(null);
        }
      } catch (e) {
        setError(e instanceof ApiRequestError ? localized(e.messages) : t('error_internal'));
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [c, seat, mine, post, t, failureText],
  );

  // With the key file open, each step runs as soon as the ceremony is ready for it.
  useEffect(() => {
    if (key) void step(key);
  }, [key, step]);

  const commit = async (passphrase: string) => {
    if (!c || !seat) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await runInWorker({ kind: 'commit', ceremony: c, index: seat.index, passphrase });
      if (reply.kind !== 'committed') return setError(reply.kind === 'failed' ? failureText(reply.code, reply.detail) : t('error_internal'));
      // The key file first: a commitment without its saved secret would be a seat nobody can use.
      saveFile(`wali-kunci-${c.agencyId}-${c.id}-${seat.index}.key.json`, JSON.stringify(reply.keyFile, null, 2), 'application/json');
      await post('commitment', reply.commitment);
      setKey({ keyFile: reply.keyFile, passphrase });
    } catch (e) {
      setError(e instanceof ApiRequestError ? localized(e.messages) : t('error_internal'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="ceremony-title">
      {c && (
        <p>
          <Link to={session.role ? `/instansi/${c.agencyId}/kunci` : '/'}>← {t('ceremoniesTitle')}</Link>
        </p>
      )}
      <h1 id="ceremony-title">{c ? t('ceremonyTitle', { label: c.label }) : t('ceremoniesTitle')}</h1>
      {query.status === 'loading' && !c && <p role="status">{t('common:loading')}</p>}
      {query.status === 'error' && !c && <Notice tone="error">{localized(query.error.messages)}</Notice>}
      {c && (
        <>
          <p>
            <strong>{t(`concepts:ceremony_${c.status}`)}</strong> · {t('quorumOf', { t: c.quorum, n: c.trustees.length })}
          </p>
          {c.commitments.length === c.trustees.length && <Fingerprint ceremony={c} />}
          <DataTable
            label={t('ceremoniesTitle')}
            rows={c.trustees.map((x) => ({ ...x, ...done(c, x.index) }))}
            rowKey={(x) => x.index}
            columns={[
              { header: t('seat'), rowHeader: true, cell: (x) => x.index },
              { header: t('trustee'), cell: (x) => x.email },
              { header: t('committed'), cell: (x) => (x.committed ? t('done') : t('notYet')) },
              { header: t('shared'), cell: (x) => (x.shared ? t('done') : t('notYet')) },
              { header: t('confirmed'), cell: (x) => (x.confirmed ? t('done') : t('notYet')) },
            ]}
          />
          {c.status === 'complete' && <Notice tone="success">{t('complete')}</Notice>}
          {c.status === 'failed' && <Notice tone="error">{t('failed', { by: c.failure?.by ?? '' })}</Notice>}
          {error && <Notice tone="error">{error}</Notice>}
          {busy && <p role="status">{t('working')}</p>}
          {!seat && waiting && <Notice>{t('notYourCeremony')}</Notice>}
          {seat && mine && waiting && (
            <div className="card">
              <p>{t('yourSeat', { index: seat.index })}</p>
              {c.status === 'committing' && !mine.committed && <CommitForm busy={busy} onCommit={(p) => void commit(p)} />}
              {((c.status === 'sharing' && !mine.shared) || (c.status === 'confirming' && !mine.confirmed)) && !key && (
                <>
                  <h2>{c.status === 'sharing' ? t('stepShare') : t('stepConfirm')}</h2>
                  <p>{c.status === 'sharing' ? t('stepShareHint') : t('stepConfirmHint')}</p>
                  <KeyFileFields busy={busy} action={c.status === 'sharing' ? t('share') : t('confirm')} onReady={(keyFile, passphrase) => setKey({ keyFile, passphrase })} />
                </>
              )}
              {((c.status === 'committing' && mine.committed) || (c.status === 'sharing' && mine.shared) || (c.status === 'confirming' && mine.confirmed) || key) && !busy && (
                <p role="status">{t('waitingOthers')}</p>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The ceremony's fingerprint, for trustees to compare with each other by phone or in person. */
function Fingerprint({ ceremony }: { ceremony: Ceremony }) {
  const { t } = useTranslation(['sealing', 'concepts']);
  const [print, setPrint] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void fingerprintOf(ceremony).then((p) => live && setPrint(p));
    return () => {
      live = false;
    };
  }, [ceremony]);
  if (!print) return null;
  return (
    <p>
      {t('fingerprint')} <code data-testid="ceremony-fingerprint">{print}</code>
      <br />
      <span className="muted">{t('fingerprintHint')}</span>
    </p>
  );
}

function CommitForm({ busy, onCommit }: { busy: boolean; onCommit: (passphrase: string) => void }) {
  const { t } = useTranslation(['sealing', 'concepts']);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <h2>{t('stepCommit')}</h2>
      <p>{t('stepCommitHint')}</p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (first.length < 12) return setError(t('passphraseShort'));
          if (first !== second) return setError(t('passphraseMismatch'));
          setError(null);
          onCommit(first);
        }}
      >
        <div className="field">
          <label htmlFor="pass-1">{t('passphrase')}</label>
          <input id="pass-1" type="password" autoComplete="new-password" value={first} onChange={(e) => setFirst(e.target.value)} aria-describedby="pass-hint" />
          <p id="pass-hint" className="muted">
            {t('passphraseHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="pass-2">{t('passphraseAgain')}</label>
          <input id="pass-2" type="password" autoComplete="new-password" value={second} onChange={(e) => setSecond(e.target.value)} />
        </div>
        <FormEnd error={error} busy={busy} label={t('makeKey')} />
      </form>
    </>
  );
}
