import { linkPageSchema, type InvitationLink } from '../../contract/waves.js';

/** Every link of a launched wave, read page by page and then confirmed, as the coordinator's page does. */
export async function downloadAllLinks(send: (method: string, path: string) => Response | Promise<Response>, waveId: string): Promise<{ links: InvitationLink[] }> {
  const links: InvitationLink[] = [];
  for (let page: number | null = 0; page !== null; ) {
    const res = await send('GET', `/api/waves/${waveId}/links?page=${page}`);
    if (res.status !== 200) throw new Error(`links page ${page}: HTTP ${res.status} ${await res.text()}`);
    const got = linkPageSchema.parse(await res.json());
    links.push(...got.links);
    page = got.next;
  }
  const confirmed = await send('POST', `/api/waves/${waveId}/links/confirm`);
  if (confirmed.status !== 200) throw new Error(`links confirm: HTTP ${confirmed.status}`);
  return { links };
}
