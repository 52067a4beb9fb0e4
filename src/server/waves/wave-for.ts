import { z } from '@hono/zod-openapi';
import type { Wave } from '../../domain/schema.js';
import { ApiError } from '../api-error.js';
import { assertAgency, type Staff } from '../auth.js';
import type { SurveyStore } from '../store/port.js';

export const waveParams = z.object({ waveId: z.string().min(1).max(100).meta({ param: { name: 'waveId', in: 'path' } }) });

/** Loads a wave and checks the caller may reach its agency. */
export async function waveFor(store: SurveyStore, staff: Staff, waveId: string): Promise<Wave> {
  const wave = await store.getWave(waveId);
  if (!wave) throw new ApiError('wave_not_found');
  assertAgency(staff, wave.agencyId);
  return wave;
}
