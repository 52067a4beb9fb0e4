import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotCount, slotOf, sealWithPads } from '../../domain/sealing/elgamal.js';
import { equal, mul, mulBase, randomScalar, scalarOf, sealingReady, sub, type Point, type Scalar } from '../../domain/sealing/group.js';
import { PadPool } from './pad-pool.js';

let x: Scalar;
let K: Point;
const pool = new PadPool({ low: 2 * slotCount, batch: 4 * slotCount });
beforeAll(async () => {
  await sealingReady();
  x = randomScalar();
  K = mulBase(x);
});
afterAll(() => pool.close());

async function pads(): Promise<Uint8Array> {
  for (let i = 0; i < 200; i++) {
    const p = pool.take(K, slotCount);
    if (p) return p;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the pad maker never filled the pool');
}

describe('sealing pads made on their own thread', () => {
  it('seal to the key they were made for, each pad once', async () => {
    const plaintexts = [9724, 463, 21 + 601 * 24, 0, 30 + 601 * 6, 18];
    const first = await pads();
    const second = await pads();
    const row = sealWithPads(first, plaintexts);
    // With the secret (known only to this test) every slot opens to its plaintext.
    plaintexts.forEach((m, j) => {
      const { a, b } = slotOf(row, j);
      const mG = m === 0 ? new Uint8Array(32) : mulBase(scalarOf(m));
      expect(equal(sub(b, mul(x, a)), mG)).toBe(true);
    });
    // The pad is spent: zeroed where it was, and never handed out again.
    expect(first.every((byte) => byte === 0)).toBe(true);
    const again = sealWithPads(second, plaintexts);
    for (let j = 0; j < slotCount; j++) expect(equal(slotOf(again, j).a, slotOf(row, j).a)).toBe(false);
  });

  it('answers null rather than wait when it is short, so a submission makes its own pads', () => {
    const empty = new PadPool({ low: slotCount, batch: slotCount });
    expect(empty.take(mulBase(randomScalar()), slotCount)).toBeNull();
    return empty.close();
  });
});
