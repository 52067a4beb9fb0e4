import { createStore, del, get, keys, set } from 'idb-keyval';
import type { OpenedInvitation } from '../../../contract/respond.js';
import type { AnswerForm } from '../../../domain/answers-form.js';
import type { Submission } from '../../../domain/response.js';

/**
 * Everything a respondent's answers need to survive a reload, a closed tab or a lost connection,
 * kept on the device (IndexedDB) until it has reached the server.
 */
const db = createStore('berakhlak360-respond', 'kv');

export type { OpenedInvitation } from '../../../contract/respond.js';

export interface Draft {
  step: number;
  values: AnswerForm;
}

/** A submission waiting on the device for a connection: exactly what the API takes. */
export type Queued = Submission;

export const deviceStore = {
  invitation: (code: string) => get<OpenedInvitation>(['invitation', code], db),
  saveInvitation: (code: string, invitation: OpenedInvitation) => set(['invitation', code], invitation, db),
  draft: (code: string, ticketId: string) => get<Draft>(['draft', code, ticketId], db),
  saveDraft: (code: string, ticketId: string, draft: Draft) => set(['draft', code, ticketId], draft, db),
  dropDraft: (code: string, ticketId: string) => del(['draft', code, ticketId], db),
  enqueue: (item: Queued) => set(['outbox', item.code, item.ticketId], item, db),
  dequeue: (code: string, ticketId: string) => del(['outbox', code, ticketId], db),
  async queued(code: string): Promise<Queued[]> {
    const all = (await keys(db)) as IDBValidKey[];
    const mine = all.filter((k): k is [string, string, string] => Array.isArray(k) && k[0] === 'outbox' && k[1] === code);
    return (await Promise.all(mine.map((k) => get<Queued>(k, db)))).filter((q): q is Queued => !!q);
  },
  markDone: (code: string, ticketId: string) => set(['done', code, ticketId], true, db),
  async done(code: string): Promise<Set<string>> {
    const all = (await keys(db)) as IDBValidKey[];
    return new Set(all.filter((k): k is [string, string, string] => Array.isArray(k) && k[0] === 'done' && k[1] === code).map((k) => k[2]));
  },
};
