import { useState } from 'react';
import { saveFile } from '../../lib/save-file.js';
import { useSession } from '../../lib/session.js';

export type ExportFormat = 'xlsx' | 'csv';

/** Downloads the results file with the staff token (a plain link cannot carry it) and saves it. */
export function useResultsExport(waveId: string) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = async (format: ExportFormat) => {
    setBusy(true);
    setFailed(false);
    try {
      const res = await fetch(`/api/waves/${encodeURIComponent(waveId)}/results/export?format=${format}`, {
        headers: { authorization: `Bearer ${await session.getIdToken()}` },
        credentials: 'omit',
      });
      if (!res.ok) throw new Error(String(res.status));
      saveFile(`hasil-${waveId}.${format}`, await res.blob(), res.headers.get('content-type') ?? 'application/octet-stream');
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return { busy, failed, download };
}
