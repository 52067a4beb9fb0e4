import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Auth } from 'firebase-admin/auth';
import { confirmShare, dealShares, secretShare, startTrustee } from '../../domain/sealing/ceremony.js';
import { addCommitment, addConfirmation, addShares, newCeremony, paramsOf } from '../../domain/sealing/ceremony-state.js';
import { sealingReady } from '../../domain/sealing/group.js';
import { sealKeyFile } from '../../domain/sealing/key-file.js';
import type { Ceremony } from '../../domain/sealing/schema.js';
import { checkNip } from '../../domain/nip.js';
import type { Agency, Employee, Role } from '../../domain/schema.js';
import { seededRandom } from '../../domain/seeded-random.js';
import { unitIdFor, unitsFromPaths } from '../../domain/units.js';
import type { SurveyStore } from '../store/port.js';

export const demoAgency: Agency = {
  id: 'kab-contoh',
  name: 'Pemerintah Kabupaten Contoh',
  createdAt: '2026-01-02T01:00:00.000Z',
};

export const demoPassword = 'berakhlak-demo';

export interface DemoAccount {
  email: string;
  role: Role | null;
  trustee?: boolean;
  /** Fixed for trustees: the demo ceremony names its seats by uid. */
  uid?: string;
  agencies: string[];
  displayName: string;
}

export const demoAccounts: readonly DemoAccount[] = [
  { email: 'admin@demo.test', role: 'admin', agencies: [], displayName: 'Admin Demo' },
  { email: 'koordinator@demo.test', role: 'coordinator', agencies: [demoAgency.id], displayName: 'Koordinator Demo' },
  { email: 'auditor@demo.test', role: 'auditor', agencies: [demoAgency.id], displayName: 'Auditor Demo' },
  ...[1, 2, 3].map((i) => ({
    email: `wali${i}@demo.test`,
    role: null,
    trustee: true,
    uid: `demo-wali-kunci-${i}`,
    agencies: [demoAgency.id],
    displayName: `Wali Kunci ${i}`,
  })),
];

/** How a demo account is listed when `npm start` prints them. */
export const demoAccountLabel = (a: DemoAccount) => `${(a.role ?? 'wali kunci').padEnd(12)} ${a.email}`;

/** The demo agency and accounts as a newcomer reads them in the console, one per line. */
export const demoAccountsText = () =>
  [
    `  Instansi demo / demo agency: ${demoAgency.name} (${demoAgency.id})`,
    `  Akun demo / demo accounts (kata sandi / password: ${demoPassword}):`,
    ...demoAccounts.map((a) => `    ${demoAccountLabel(a)}`),
  ].join('\n');

/** The demo trustees' key files are sealed with this passphrase (a real trustee chooses their own). */
export const demoKeyPassphrase = 'berakhlak-demo-wali-kunci';

const FIRST = ['Agus', 'Budi', 'Citra', 'Dewi', 'Eko', 'Fitri', 'Gita', 'Hendra', 'Indah', 'Joko', 'Kartika', 'Lestari', 'Made', 'Nur', 'Putri', 'Rahmat', 'Sari', 'Taufik', 'Wulan', 'Yusuf'];
const LAST = ['Santoso', 'Wijaya', 'Pratama', 'Kusuma', 'Siregar', 'Nasution', 'Saputra', 'Hidayat', 'Lubis', 'Wibowo', 'Rahayu', 'Setiawan', 'Simanjuntak', 'Purnomo', 'Utami'];

interface Slot {
  path: string[];
  position: string;
  /** Index of the supervisor's slot, or null for the head of the agency. */
  supervisor: number | null;
}

/** Sekda -> heads of bagian/dinas/inspektorat -> subbagian/bidang heads -> staff: four levels. */
function demoSlots(): Slot[] {
  const slots: Slot[] = [];
  const add = (path: string[], position: string, supervisor: number | null) => slots.push({ path, position, supervisor }) - 1;
  const sekda = add(['Sekretariat Daerah'], 'Sekretaris Daerah', null);
  const branches: { path: string[]; head: string; sections: { name: string; head: string; staff: string; count: number }[] }[] = [
    {
      path: ['Sekretariat Daerah', 'Bagian Umum'],
      head: 'Kepala Bagian Umum',
      sections: [
        { name: 'Subbagian Tata Usaha', head: 'Kepala Subbagian Tata Usaha', staff: 'Pengadministrasi Umum', count: 5 },
        { name: 'Subbagian Rumah Tangga', head: 'Kepala Subbagian Rumah Tangga', staff: 'Pengelola Barang Milik Negara', count: 4 },
      ],
    },
    {
      path: ['Sekretariat Daerah', 'Bagian Keuangan'],
      head: 'Kepala Bagian Keuangan',
      sections: [
        { name: 'Subbagian Anggaran', head: 'Kepala Subbagian Anggaran', staff: 'Analis Anggaran', count: 5 },
        { name: 'Subbagian Perbendaharaan', head: 'Kepala Subbagian Perbendaharaan', staff: 'Bendahara', count: 4 },
      ],
    },
    {
      path: ['Dinas Kesehatan'],
      head: 'Kepala Dinas Kesehatan',
      sections: [
        { name: 'Bidang Pelayanan Kesehatan', head: 'Kepala Bidang Pelayanan Kesehatan', staff: 'Perawat Ahli', count: 7 },
        { name: 'Bidang Pencegahan Penyakit', head: 'Kepala Bidang Pencegahan Penyakit', staff: 'Epidemiolog Kesehatan', count: 6 },
      ],
    },
    {
      path: ['Dinas Pendidikan'],
      head: 'Kepala Dinas Pendidikan',
      sections: [
        { name: 'Bidang Sekolah Dasar', head: 'Kepala Bidang Sekolah Dasar', staff: 'Pengawas Sekolah', count: 7 },
        { name: 'Bidang Guru dan Tenaga Kependidikan', head: 'Kepala Bidang GTK', staff: 'Analis SDM Aparatur', count: 6 },
      ],
    },
  ];
  for (const b of branches) {
    const head = add(b.path, b.head, sekda);
    for (const s of b.sections) {
      const sectionHead = add([...b.path, s.name], s.head, head);
      for (let i = 0; i < s.count; i++) add([...b.path, s.name], s.staff, sectionHead);
    }
  }
  const inspektur = add(['Inspektorat'], 'Inspektur', sekda);
  for (let i = 0; i < 2; i++) add(['Inspektorat'], 'Auditor Ahli Muda', inspektur);
  return slots;
}

/** A deterministic demo roster: 60 people with structurally valid NIPs and a 4-level supervisor tree. */
export function demoRoster(agencyId = demoAgency.id) {
  const random = seededRandom(20211);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const slots = demoSlots();
  const used = new Set<string>();
  const nips: string[] = [];
  for (const slot of slots) {
    let nip = '';
    do {
      const senior = slot.supervisor === null ? 0 : slot.path.length;
      const birthYear = 1966 + senior * 5 + Math.floor(random() * 8);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const appointed = birthYear + 22 + Math.floor(random() * 6);
      const gender = random() < 0.5 ? 1 : 2;
      const seq = 1 + Math.floor(random() * 999);
      nip = `${birthYear}${pad(month)}${pad(day)}${appointed}${pad(1 + Math.floor(random() * 12))}${gender}${String(seq).padStart(3, '0')}`;
    } while (used.has(nip) || !checkNip(nip).ok);
    used.add(nip);
    nips.push(nip);
  }
  const employees: Employee[] = slots.map((slot, i) => {
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    return {
      nip: nips[i]!,
      agencyId,
      name,
      unitId: unitIdFor(slot.path),
      position: slot.position,
      supervisorNip: slot.supervisor === null ? null : nips[slot.supervisor]!,
      email: `${name.toLowerCase().replace(/\s+/g, '.')}.${i + 1}@kab-contoh.test`,
      phone: `08${String(1200000000 + Math.floor(random() * 800000000))}`,
      active: true,
    };
  });
  return { units: unitsFromPaths(agencyId, slots.map((s) => s.path)), employees };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * First start only: later starts find the agency and leave everything as it is. The demo agency's
 * three trustees hold their key ceremony here, as their browsers would, so a newcomer can launch
 * a wave and open its results alone; with `keyDir`, each trustee's key file is written there.
 */
export async function seedDemoData(store: SurveyStore, options: { keyDir?: string } = {}): Promise<'seeded' | 'present'> {
  if (await store.getAgency(demoAgency.id)) return 'present';
  await store.createAgency(demoAgency);
  await store.applyRoster(demoAgency.id, { ...demoRoster(), deactivateMissing: false });
  await seedDemoCeremony(store, options.keyDir);
  return 'seeded';
}

async function seedDemoCeremony(store: SurveyStore, keyDir?: string): Promise<void> {
  await sealingReady();
  const trustees = demoAccounts.filter((a) => a.trustee);
  let ceremony = newCeremony({
    id: 'demo-kunci-2026',
    agencyId: demoAgency.id,
    label: 'Kunci demo 2026',
    quorum: 2,
    trustees: trustees.map((a, i) => ({ index: i + 1, uid: a.uid!, email: a.email })),
    createdAt: demoAgency.createdAt,
    createdBy: { uid: 'seed', email: null },
  });
  const params = paramsOf(ceremony);
  const seats = trustees.map((_, i) => startTrustee(params, i + 1));
  const step = (next: Ceremony | string) => {
    if (typeof next === 'string') throw new Error(`demo ceremony: ${next}`);
    ceremony = next;
  };
  for (const s of seats) step(addCommitment(ceremony, s.commitment));
  for (const s of seats) step(addShares(ceremony, s.secret.index, dealShares(params, s.secret, ceremony.commitments)));
  for (const s of seats) step(addConfirmation(ceremony, confirmShare(params, ceremony.commitments, s.secret.index, secretShare(params, s.secret, ceremony.commitments, ceremony.shares))));
  await store.createCeremony(ceremony);
  if (!keyDir) return;
  mkdirSync(keyDir, { recursive: true });
  for (const s of seats) {
    const file = sealKeyFile(s.secret, { agencyId: demoAgency.id, publicKey: s.commitment.commitments[0]! }, demoKeyPassphrase);
    writeFileSync(join(keyDir, demoKeyFileName(s.secret.index)), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }
}

export const demoKeyFileName = (index: number) => `wali-kunci-${index}.key.json`;

/** Idempotent: creates the demo staff accounts in the Auth emulator and sets their claims. */
export async function ensureDemoAccounts(auth: Auth): Promise<void> {
  for (const account of demoAccounts) {
    const user = await auth.getUserByEmail(account.email).catch(() => null);
    const uid =
      user?.uid ??
      (await auth.createUser({ uid: account.uid, email: account.email, password: demoPassword, displayName: account.displayName, emailVerified: true }))
        .uid;
    await auth.setCustomUserClaims(uid, { ...(account.role ? { role: account.role } : {}), ...(account.trustee ? { trustee: true } : {}), agencies: account.agencies });
  }
}
