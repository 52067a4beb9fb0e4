import { csvText } from '../../../domain/spreadsheet.js';
import QRCode from 'qrcode';
import type { InvitationLink } from './types.js';
import { unitPathText } from '../../../domain/units.js';

/** The code rides in the fragment, which browsers never send to any server. */
export function linkUrl(code: string): string {
  return `${window.location.origin}/r#${code}`;
}

export function linksCsv(links: readonly InvitationLink[], headers: string): string {
  const rows = links.map((l) => [l.nip, l.name, unitPathText(l.unitPath), l.email ?? '', l.phone ?? '', linkUrl(l.code)]);
  // The BOM makes Excel read UTF-8; NIPs are quoted text so Excel keeps all 18 digits.
  return csvText(headers.split(','), rows, [true, false, false, false, true, false]);
}

export function qrSvg(code: string): Promise<string> {
  return QRCode.toString(linkUrl(code), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}
