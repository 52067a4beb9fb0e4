import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice.js';
import { Panel } from '../../components/Page.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { ApiRequestError } from '../../lib/api-client.js';
import { confirmLinks, readLinks } from './api.js';
import { localized } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import { saveFile } from '../../lib/save-file.js';
import { linksCsv, linkUrl, qrSvg } from './links.js';
import type { InvitationLink, WaveView } from './types.js';
import './i18n.js';
import { unitPathText } from '../../../domain/units.js';

function fileName(wave: WaveView) {
  const slug = wave.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'gelombang';
  return `tautan-${slug}.csv`;
}

/** Printable slips with a QR code each; built in slices so thousands do not freeze the page. */
function Slips({ links }: { links: InvitationLink[] }) {
  const { t } = useTranslation('waves');
  const [svgs, setSvgs] = useState<string[] | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const prepare = async () => {
    const out: string[] = [];
    for (let i = 0; i < links.length; i++) {
      out.push(await qrSvg(links[i]!.code));
      if (i % 50 === 0) {
        setProgress(i / links.length);
        await new Promise((r) => setTimeout(r));
      }
    }
    setProgress(null);
    setSvgs(out);
  };
  return (
    <>
      <div className="actions no-print">
        {!svgs && (
          <button type="button" className="button button--secondary" disabled={progress !== null} onClick={() => void prepare()}>
            {t('showSlips')}
          </button>
        )}
        {svgs && (
          <button type="button" className="button" onClick={() => window.print()}>
            {t('print')}
          </button>
        )}
      </div>
      {progress !== null && <ProgressBar label={t('preparingSlips')} value={progress} />}
      {svgs && (
        <div className="slips" data-testid="slips">
          {links.map((l, i) => (
            <div className="slip" key={l.code}>
              <p>
                <strong>{l.name}</strong>
                <br />
                {unitPathText(l.unitPath)}
              </p>
              <div dangerouslySetInnerHTML={{ __html: svgs[i]! }} />
              <p>{t('slipIntro', { name: l.name })}</p>
              <code>{linkUrl(l.code)}</code>
            </div>
          ))}
        </div>
      )}
    </>
  );
}

/** The one-time download of every rater's link, right after launch. */
export function LinksPanel({ wave }: { wave: WaveView }) {
  const { t } = useTranslation('waves');
  const session = useSession();
  const [links, setLinks] = useState<InvitationLink[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [gone, setGone] = useState(!wave.linksAvailable);

  const [read, setRead] = useState<number | null>(null);

  /** Every page first, the file saved, and only then the server told to delete the codes. */
  const download = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const all: InvitationLink[] = [];
      for (let page: number | null = 0; page !== null; ) {
        const res = await readLinks(await session.getIdToken(), wave.id, page);
        all.push(...res.links);
        setRead(res.total ? all.length / res.total : 1);
        page = res.next;
      }
      const sorted = all.sort((a, b) => unitPathText(a.unitPath).localeCompare(unitPathText(b.unitPath)) || a.name.localeCompare(b.name));
      saveFile(fileName(wave), linksCsv(sorted, t('csvHeaders')), 'text/csv;charset=utf-8');
      setLinks(sorted);
      await confirmLinks(await session.getIdToken(), wave.id);
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === 'links_taken') setGone(true);
      else setFailure(err instanceof ApiRequestError ? localized(err.messages) : String(err));
    } finally {
      setBusy(false);
      setRead(null);
    }
  };

  return (
    <Panel id="links-title" title={t('linksTitle')}>
      {failure && <Notice tone="error">{failure}</Notice>}
      {links ? (
        <>
          <Notice tone="success">{t('linksSaved', { file: fileName(wave), count: links.length })}</Notice>
          <div className="actions no-print">
            <button type="button" className="button button--secondary" onClick={() => saveFile(fileName(wave), linksCsv(links, t('csvHeaders')), 'text/csv;charset=utf-8')}>
              {t('saveAgain')}
            </button>
          </div>
          <Slips links={links} />
        </>
      ) : gone ? (
        <Notice>{t('linksGone')}</Notice>
      ) : (
        <>
          <Notice tone="error">{t('linksOnce')}</Notice>
          <button type="button" className="button" disabled={busy} onClick={() => void download()}>
            {busy ? t('linksDownloading') : t('linksDownload')}
          </button>
          {read !== null && <ProgressBar label={t('linksDownloading')} value={read} />}
        </>
      )}
    </Panel>
  );
}
