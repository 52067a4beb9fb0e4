import { z } from 'zod';
import { bilingual } from './bilingual.js';
import { defaultQuestionnaire, questionnaires } from './questionnaire.js';
import { waveScopeSchema, waveSettingsSchema, type Wave } from './schema.js';

/** What a coordinator sends to create or edit a draft wave. */
export const waveInputSchema = z
  .object({
    name: z.string().trim().min(1, bilingual('Nama gelombang wajib diisi.', 'The wave needs a name.')).max(200),
    questionnaireVersion: z
      .string()
      .default(defaultQuestionnaire.version)
      .refine((v) => v in questionnaires, bilingual('Versi kuesioner tidak dikenal.', 'Unknown questionnaire version.')),
    scope: waveScopeSchema.default({ kind: 'all' }),
    /** null: opens at launch. Stored as UTC so stores can compare times as text. */
    opensAt: z.iso
      .datetime({ offset: true })
      .transform((v) => new Date(v).toISOString())
      .nullable()
      .default(null),
    closesAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()),
    settings: waveSettingsSchema.default(waveSettingsSchema.parse({})),
  })
  .strict()
  .refine((w) => !w.opensAt || Date.parse(w.closesAt) > Date.parse(w.opensAt), {
    path: ['closesAt'],
    message: bilingual('Waktu tutup harus setelah waktu buka.', 'The closing time must be after the opening time.'),
  })
  .meta({ id: 'WaveInput' });
export type WaveInput = z.infer<typeof waveInputSchema>;

/** What a respondent experiences right now, whatever the stored status says. */
export type WavePhase = 'draft' | 'scheduled' | 'open' | 'closed';

export function wavePhase(wave: Pick<Wave, 'status' | 'opensAt' | 'closesAt'>, now: Date): WavePhase {
  if (wave.status === 'draft') return 'draft';
  if (wave.status === 'closed' || Date.parse(wave.closesAt) <= now.getTime()) return 'closed';
  if (wave.opensAt && Date.parse(wave.opensAt) > now.getTime()) return 'scheduled';
  return 'open';
}

/** Why a wave refuses a submission made at `now` (ISO), or null when it takes it: the one rule both stores apply. */
export function submissionRefused(wave: Pick<Wave, 'status' | 'opensAt' | 'closesAt'>, now: string): 'wave_not_open' | 'wave_closed' | null {
  const phase = wavePhase(wave, new Date(now));
  return phase === 'open' ? null : phase === 'closed' ? 'wave_closed' : 'wave_not_open';
}
