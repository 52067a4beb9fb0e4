import '../../lib/concepts.js';
import { addTranslations } from '../../lib/i18n.js';

export const auditText = addTranslations('audit', {
  id: {
    title: 'Log audit',
    intro: 'Setiap tindakan petugas tercatat dan tidak dapat diubah atau dihapus. Tindakan responden tidak pernah dicatat.',
    back: 'Kembali ke instansi',
    none: 'Belum ada catatan.',
    at: 'Waktu',
    actor: 'Petugas',
    action: 'Tindakan',
    details: 'Rincian',
  },
  en: {
    title: 'Audit log',
    intro: 'Every staff action is recorded and can be neither changed nor deleted. Respondents’ actions are never recorded.',
    back: 'Back to the agency',
    none: 'Nothing recorded yet.',
    at: 'Time',
    actor: 'Staff member',
    action: 'Action',
    details: 'Details',
  },
});
