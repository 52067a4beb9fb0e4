import { addTranslations } from '../../lib/i18n.js';

export const agenciesText = addTranslations('agencies', {
  id: {
    title: 'Instansi',
    empty: 'Belum ada instansi dalam cakupan akun Anda.',
    units: 'Unit kerja',
    activeEmployees: 'Pegawai aktif',
    open: 'Buka {{name}}',
    unitTree: 'Struktur unit kerja',
    noUnits: 'Belum ada unit kerja. Impor daftar pegawai untuk membuatnya.',
    back: 'Semua instansi',
    waves: 'Gelombang survei',
    importRoster: 'Impor daftar pegawai',
    auditLog: 'Log audit',
    keys: 'Kunci dan wali kunci',
    rankings: 'Peringkat nasional',
  },
  en: {
    title: 'Agencies',
    empty: 'There are no agencies in your account’s scope yet.',
    units: 'Units',
    activeEmployees: 'Active employees',
    open: 'Open {{name}}',
    unitTree: 'Unit structure',
    noUnits: 'No units yet. Import the roster to create them.',
    back: 'All agencies',
    waves: 'Survey waves',
    importRoster: 'Import the roster',
    auditLog: 'Audit log',
    keys: 'Keys and trustees',
    rankings: 'National rankings',
  },
});
