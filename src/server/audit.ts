import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../domain/schema.js';
import type { Staff } from './auth.js';
import type { SurveyStore } from './store/port.js';

/** Records one staff action. Respondent actions are never audited: that would link them to answers. */
export async function recordAudit(
  store: SurveyStore,
  staff: Staff,
  event: Pick<AuditEvent, 'agencyId' | 'action'> & Partial<Pick<AuditEvent, 'waveId' | 'details'>>,
  now: Date = new Date(),
): Promise<void> {
  await store.appendAuditEvent({
    id: randomUUID(),
    agencyId: event.agencyId,
    waveId: event.waveId ?? null,
    actor: { uid: staff.uid, email: staff.email },
    action: event.action,
    at: now.toISOString(),
    details: event.details ?? {},
  });
}
