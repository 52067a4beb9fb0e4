import { useCallback, useEffect, useRef, useState } from 'react';
import type { LocalizedText } from '../../../domain/text.js';
import { ApiRequestError } from '../../lib/api-client.js';
import { submitAnswers } from './api.js';
import { deviceStore, type Queued } from './device-store.js';

export type Delivery = { state: 'queued'; retryInSeconds: number | null } | { state: 'sending' } | { state: 'sent' } | { state: 'rejected'; message: LocalizedText };

/**
 * Sends queued answers, oldest first, and keeps retrying with back-off while the connection is
 * down. A retry of something already recorded is answered "already recorded", so nothing is sent
 * twice into the results.
 */
export function useOutbox(code: string) {
  const [deliveries, setDeliveries] = useState<Record<string, Delivery>>({});
  const attempt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef(false);
  const update = (ticketId: string, delivery: Delivery) => setDeliveries((d) => ({ ...d, [ticketId]: delivery }));

  const flush = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    if (timer.current) clearTimeout(timer.current);
    try {
      let offline = false;
      const pending: Queued[] = await deviceStore.queued(code);
      for (const item of pending) {
        update(item.ticketId, { state: 'sending' });
        try {
          await submitAnswers(item);
          await deviceStore.markDone(code, item.ticketId);
          await deviceStore.dequeue(code, item.ticketId);
          await deviceStore.dropDraft(code, item.ticketId);
          update(item.ticketId, { state: 'sent' });
        } catch (err) {
          const retryable = !(err instanceof ApiRequestError) || err.status === 0 || err.status === 429 || err.status >= 500;
          if (retryable) {
            offline = true;
            update(item.ticketId, { state: 'queued', retryInSeconds: null });
            break;
          }
          // The wave closed or the link was replaced: the answers cannot be delivered any more.
          await deviceStore.dequeue(code, item.ticketId);
          update(item.ticketId, { state: 'rejected', message: err.messages });
        }
      }
      if (offline) {
        const seconds = Math.min(60, 2 ** Math.min(attempt.current, 6));
        attempt.current++;
        setDeliveries((d) =>
          Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.state === 'queued' ? { state: 'queued', retryInSeconds: seconds } : v])),
        );
        timer.current = setTimeout(() => void flush(), seconds * 1000);
      } else attempt.current = 0;
    } finally {
      running.current = false;
    }
  }, [code]);

  useEffect(() => {
    void deviceStore.queued(code).then((items) => {
      for (const item of items) update(item.ticketId, { state: 'queued', retryInSeconds: null });
      void flush();
    });
    const online = () => {
      attempt.current = 0;
      void flush();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [code, flush]);

  const send = useCallback(
    async (item: Queued) => {
      // Queued on the device first: once "Kirim" is pressed the answers survive anything.
      await deviceStore.enqueue(item);
      update(item.ticketId, { state: 'queued', retryInSeconds: null });
      attempt.current = 0;
      await flush();
    },
    [flush],
  );

  return { deliveries, send, flush };
}
