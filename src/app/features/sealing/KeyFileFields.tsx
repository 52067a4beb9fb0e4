import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyFile } from '../../../domain/sealing/key-file.js';
import { FormEnd } from '../../components/FormEnd.js';
import './i18n.js';

/** A key file chosen from disk and the passphrase that opens it; both stay in this browser. */
export function KeyFileFields({ onReady, busy, action }: { onReady: (keyFile: KeyFile, passphrase: string) => void; busy: boolean; action: string }) {
  const { t } = useTranslation('sealing');
  const id = useId();
  const [keyFile, setKeyFile] = useState<KeyFile | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const read = async (file: File | undefined) => {
    setError(null);
    setKeyFile(null);
    if (!file) return;
    try {
      const parsed = JSON.parse(await file.text()) as KeyFile;
      if (parsed.kind !== 'berakhlak-trustee-key') throw new Error('kind');
      setKeyFile(parsed);
    } catch {
      setError(t('keyFileUnreadable'));
    }
  };
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (!keyFile) return setError(t('keyFileMissing'));
        if (passphrase.length < 12) return setError(t('passphraseShort'));
        onReady(keyFile, passphrase);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('keyFile')}</label>
        <input id={`${id}-file`} type="file" accept=".json,application/json" onChange={(e) => void read(e.target.files?.[0])} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-pass`}>{t('passphrase')}</label>
        <input id={`${id}-pass`} type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </div>
      <FormEnd error={error} busy={busy} label={action} />
    </form>
  );
}

/** The message for a worker's failure code, in the person's language. */
export function useFailureText(): (code: string, detail?: string) => string {
  const { t } = useTranslation('sealing');
  return useCallback(
    (code: string, detail?: string) => {
      if (code === 'wrong_passphrase' || code === 'invalid_key_file') return t(`error_${code}`);
      if (code === 'refused') return t('error_refused', { detail: detail ?? '' });
      return t('error_internal');
    },
    [t],
  );
}
