import { coreValues, indexBands, localize } from '../../../domain/values.js';
import { currentLanguage } from '../../lib/i18n.js';

// Value and band names live in the domain data in both languages, not in this feature's strings.

const valueById = new Map(coreValues.map((v) => [v.id, v]));
const bandById = new Map(indexBands.map((b) => [b.id, b]));

export function valueName(valueId: string): string {
  const value = valueById.get(valueId);
  return value ? localize(value.name, currentLanguage()) : valueId;
}

/** "Cukup Sehat": the band's name. */
export function bandName(bandId: string): string {
  const band = bandById.get(bandId);
  return band ? localize(band.label, currentLanguage()) : bandId;
}

/** "B Cukup Sehat": the band's letter and its name. */
export const bandLabel = (bandId: string) => `${bandId} ${bandName(bandId)}`;
