import { expect } from 'vitest';

/** Every key in a JSON value, as a path: "raters[].email". */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => keyPaths(v, `${prefix}[]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const path = prefix ? `${prefix}.${k}` : k;
      return [path, ...keyPaths(v, path)];
    });
  }
  return [];
}

/** Staff accounts' own addresses, not employees' contacts: the signed-in auditor, and who did what in the audit log. */
const staffEmails: Record<string, string[]> = {
  getMe: ['email'],
  listAuditEvents: ['events[].actor.email'],
  // Trustees are staff accounts, named so everyone can see who holds the key.
  listCeremonies: ['ceremonies[].trustees[].email', 'ceremonies[].createdBy.email'],
  getCeremony: ['trustees[].email', 'createdBy.email'],
  getOpening: ['trustees[].email'],
};

/** Fails when a response carries an employee's contact or anyone's answers (staff's own addresses excepted). */
export async function expectNoContactsOrAnswers(operationId: string, res: Response) {
  const text = await res.clone().text();
  if (!(res.headers.get('content-type') ?? '').includes('json')) {
    expect(text).not.toMatch(/e-?mail|phone|no\.? ?hp|answers|jawaban|@/i);
    return;
  }
  const paths = keyPaths(JSON.parse(text));
  const leaked = paths.filter((p) => /(^|\.)(email|phone|answers)$/.test(p) && !(staffEmails[operationId] ?? []).includes(p));
  expect(leaked).toEqual([]);
  // Auditors see units and the agency, never a named person's figures.
  expect(paths.filter((p) => /^ratees\.\d+\./.test(p))).toEqual([]);
}
