import { useState } from 'react';
import { downloadFile } from '../../lib/save-file.js';
import { resultsExportPath } from './api.js';
import { useSession } from '../../lib/session.js';

export type ExportFormat = 'xlsx' | 'csv';

/** Downloads the results file and saves it. */
export function useResultsExport(waveId: string) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = async (format: ExportFormat) => {
    setBusy(true);
    setFailed(false);
    try {
      await downloadFile(resultsExportPath(waveId, format), await session.getIdToken(), `hasil-${waveId}.${format}`);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return { busy, failed, download };
}
