import type { GroupStatus } from '../../domain/coverage.js';
import type { Mismatch } from '../../domain/integrity.js';
import type { Relationship } from '../../domain/questionnaire.js';
import type { auditActions } from '../../domain/schema.js';
import type { CeremonyStatus } from '../../domain/sealing/schema.js';
import type { LocalizedText } from '../../domain/text.js';
import type { WavePhase } from '../../domain/wave.js';
import { addTranslations } from './i18n.js';

/*
 * The names of the domain's concepts, one home for every page (namespace `concepts`). Each table is
 * keyed by the domain's own union, so a new relationship, status or kind without a name fails tsc.
 */

/**
 * Each relationship from both sides: the ratee's (`group_`: whose ratings these are) and the
 * rater's (`toRater_`: who the person they rate is to them).
 */
const relationship: Record<Relationship, { group: LocalizedText; toRater: LocalizedText }> = {
  self: { group: { id: 'Diri sendiri', en: 'Self' }, toRater: { id: 'Diri sendiri', en: 'Yourself' } },
  superior: { group: { id: 'Atasan', en: 'Superior' }, toRater: { id: 'Bawahan', en: 'Your subordinate' } },
  peer: { group: { id: 'Rekan kerja', en: 'Peers' }, toRater: { id: 'Rekan kerja', en: 'Your colleague' } },
  subordinate: { group: { id: 'Bawahan', en: 'Subordinates' }, toRater: { id: 'Atasan', en: 'Your superior' } },
};
const side = (which: 'group' | 'toRater') => Object.fromEntries(Object.entries(relationship).map(([rel, names]) => [rel, names[which]])) as Record<Relationship, LocalizedText>;

/** What a wave is doing right now, as respondents see it. */
const phase: Record<WavePhase, LocalizedText> = {
  draft: { id: 'Draf', en: 'Draft' },
  scheduled: { id: 'Terjadwal', en: 'Scheduled' },
  open: { id: 'Berjalan', en: 'Running' },
  closed: { id: 'Ditutup', en: 'Closed' },
};

/** Where a group stands against k. */
const groupStatus: Record<GroupStatus, LocalizedText> = {
  reached: { id: 'tercapai', en: 'reached' },
  open: { id: 'belum', en: 'not yet' },
  short: { id: 'tidak mungkin tercapai', en: 'cannot be reached' },
};

const ceremony: Record<CeremonyStatus, LocalizedText> = {
  committing: { id: 'Menunggu komitmen', en: 'Waiting for commitments' },
  sharing: { id: 'Menunggu pembagian kunci', en: 'Waiting for key shares' },
  confirming: { id: 'Menunggu konfirmasi', en: 'Waiting for confirmations' },
  complete: { id: 'Selesai', en: 'Complete' },
  failed: { id: 'Gagal', en: 'Failed' },
};

/** Every kind of integrity mismatch the domain can report. */
const mismatch: Record<Mismatch['kind'], LocalizedText> = {
  responses_exceed_consumed: { id: 'Respons melebihi tiket terpakai', en: 'More responses than tickets used' },
  consumed_without_response: { id: 'Tiket terpakai tanpa respons', en: 'Tickets used without a response' },
  group_not_issued: { id: 'Tiket atau respons untuk kelompok yang tidak diterbitkan', en: 'Tickets or responses for a group never issued' },
  rater_totals_differ: { id: 'Total sisi penilai berbeda dengan sisi yang dinilai', en: 'Raters’ totals differ from the ratees’ side' },
  rater_has_extra_tickets: { id: 'Undangan dengan tiket lebih dari yang diterbitkan', en: 'Invitations holding more tickets than issued' },
  coverage_count_differs: { id: 'Hitungan cakupan berbeda dengan respons tersimpan', en: 'Coverage count differs from the responses stored' },
};

/** Every staff action the audit log records. */
const audit: Record<(typeof auditActions)[number], LocalizedText> = {
  'agency.create': { id: 'Membuat instansi', en: 'Created the agency' },
  'roster.import': { id: 'Mengimpor daftar pegawai', en: 'Imported the roster' },
  'wave.create': { id: 'Membuat gelombang', en: 'Created a wave' },
  'wave.update': { id: 'Mengubah gelombang', en: 'Edited a wave' },
  'wave.launch': { id: 'Meluncurkan gelombang', en: 'Launched a wave' },
  'wave.links_download': { id: 'Mulai mengunduh daftar tautan', en: 'Began downloading the link list' },
  'wave.links_confirm': { id: 'Mengonfirmasi daftar tautan tersimpan (kode dihapus)', en: 'Confirmed the link list saved (codes deleted)' },
  'invitation.reissue': { id: 'Menerbitkan ulang tautan', en: 'Reissued a link' },
  'wave.close': { id: 'Menutup gelombang', en: 'Closed a wave' },
  'wave.verify': { id: 'Memeriksa integritas', en: 'Checked integrity' },
  'wave.non_responders': { id: 'Membuka daftar penilai yang belum selesai', en: 'Opened the list of raters who have not finished' },
  'results.ratee_report': { id: 'Membuka laporan satu pegawai', en: 'Opened one person’s report' },
  'ceremony.create': { id: 'Memulai upacara kunci', en: 'Started a key ceremony' },
  'ceremony.commit': { id: 'Wali kunci mengirim komitmen', en: 'A trustee sent their commitment' },
  'ceremony.share': { id: 'Wali kunci mengirim bagian kunci', en: 'A trustee sent their key shares' },
  'ceremony.confirm': { id: 'Wali kunci mengonfirmasi bagiannya', en: 'A trustee confirmed their share' },
  'ceremony.fail': { id: 'Upacara kunci gagal', en: 'The key ceremony failed' },
  'opening.shares': { id: 'Wali kunci mengirim bagian dekripsi', en: 'A trustee sent decryption shares' },
};

const tables = { group: side('group'), toRater: side('toRater'), phase, groupStatus, ceremony, mismatch, audit };
type Tables = typeof tables;
type ConceptKey = { [T in keyof Tables]: `${T}_${Extract<keyof Tables[T], string>}` }[keyof Tables];

function flatten(lang: 'id' | 'en'): Record<ConceptKey, string> {
  const out: Record<string, string> = {};
  for (const [table, labels] of Object.entries(tables)) for (const [key, text] of Object.entries(labels)) out[`${table}_${key}`] = text[lang];
  return out as Record<ConceptKey, string>;
}

export const conceptsText = addTranslations('concepts', { id: flatten('id'), en: flatten('en') });
