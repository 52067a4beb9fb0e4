import { addTranslations } from '../../lib/i18n.js';

addTranslations('respond', {
  id: {
    title: 'Survei 360° BerAKHLAK',
    anonymityTitle: 'Jawaban Anda anonim',
    anonymity1: 'Tautan ini hanya untuk Anda. Kodenya tidak dikirim ke server saat halaman dibuka dan tidak tercatat di log.',
    anonymity2: 'Jawaban disimpan tanpa nama, NIP, kode tautan, atau jam pengisian. Tidak seorang pun, termasuk koordinator, dapat mengetahui siapa memberi jawaban apa.',
    anonymity3: 'Hasil hanya ditampilkan sebagai rata-rata kelompok setelah survei ditutup, dan hanya jika kelompok itu cukup besar.',
    noCode: 'Tautan ini tidak lengkap. Buka tautan pribadi yang Anda terima dari koordinator survei, persis seperti yang dikirim.',
    badCode: 'Kode pada tautan ini tidak valid. Periksa apakah tautan tersalin lengkap.',
    notYetOpen: 'Pengisian survei melalui tautan ini belum tersedia.',
  },
  en: {
    title: 'BerAKHLAK 360° survey',
    anonymityTitle: 'Your answers are anonymous',
    anonymity1: 'This link is for you alone. Its code is not sent to the server when the page opens and is never logged.',
    anonymity2: 'Answers are stored without your name, NIP, link code or the time you answered. Nobody, including the coordinator, can tell who gave which answers.',
    anonymity3: 'Results are shown only as group averages after the survey closes, and only for groups large enough.',
    noCode: 'This link is incomplete. Open the personal link you received from the survey coordinator, exactly as it was sent.',
    badCode: 'The code in this link is not valid. Check that the whole link was copied.',
    notYetOpen: 'Answering through this link is not available yet.',
  },
});
