import type { LocalizedText } from './text.js';

/**
 * Every error the API can answer, with its HTTP status and its message in both languages. The SPA
 * shows the message for the code in the person's language.
 */
export const apiErrors = {
  not_found: { status: 404, message: { id: 'Alamat tidak ditemukan.', en: 'Not found.' } },
  malformed_json: { status: 400, message: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' } },
  invalid_text: {
    status: 400,
    message: {
      id: 'Teks yang dikirim berisi karakter yang rusak (surrogate Unicode tunggal). Ketik ulang teks itu.',
      en: 'The text sent holds a broken character (a lone Unicode surrogate). Type that text again.',
    },
  },
  invalid_request: { status: 400, message: { id: 'Data yang dikirim tidak valid.', en: 'The data sent is not valid.' } },
  unsupported_media_type: {
    status: 415,
    message: { id: 'Isi permintaan harus JSON (Content-Type: application/json).', en: 'The request body must be JSON (Content-Type: application/json).' },
  },
  payload_too_large: {
    status: 413,
    message: { id: 'Isi permintaan terlalu besar.', en: 'The request body is too large.' },
  },
  unauthenticated: {
    status: 401,
    message: { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  },
  invalid_token: {
    status: 401,
    message: { id: 'Sesi Anda tidak valid atau sudah berakhir. Silakan masuk lagi.', en: 'Your session is invalid or has expired. Please sign in again.' },
  },
  no_role: {
    status: 403,
    message: {
      id: 'Akun Anda belum diberi peran. Hubungi admin.',
      en: 'Your account has not been given a role yet. Contact an admin.',
    },
  },
  forbidden_role: {
    status: 403,
    message: { id: 'Peran Anda tidak mengizinkan tindakan ini.', en: 'Your role does not allow this action.' },
  },
  forbidden_agency: {
    status: 403,
    message: { id: 'Instansi ini di luar cakupan akun Anda.', en: 'This agency is outside your account’s scope.' },
  },
  agency_exists: { status: 409, message: { id: 'ID instansi sudah dipakai.', en: 'That agency id is already in use.' } },
  agency_not_found: { status: 404, message: { id: 'Instansi tidak ditemukan.', en: 'Agency not found.' } },
  roster_invalid: {
    status: 422,
    message: {
      id: 'Daftar pegawai berisi kesalahan; tidak ada yang diimpor. Perbaiki baris yang disebutkan lalu unggah lagi.',
      en: 'The roster has errors; nothing was imported. Fix the rows listed and upload again.',
    },
  },
  roster_changed: {
    status: 409,
    message: {
      id: 'Daftar pegawai berubah sejak berkas ini diperiksa, dan berkas ini tidak lagi cocok; tidak ada yang diimpor. Unggah berkas lagi untuk melihat baris yang bermasalah.',
      en: 'The roster changed after this file was checked and the file no longer fits it; nothing was imported. Upload the file again to see the rows at fault.',
    },
  },
  roster_unreadable: {
    status: 400,
    message: { id: 'Berkas tidak dapat dibaca sebagai CSV atau XLSX.', en: 'The file cannot be read as CSV or XLSX.' },
  },
  unsupported_file_type: {
    status: 415,
    message: { id: 'Unggah berkas CSV atau XLSX (Excel).', en: 'Upload a CSV or XLSX (Excel) file.' },
  },
  wave_not_found: { status: 404, message: { id: 'Gelombang survei tidak ditemukan.', en: 'Survey wave not found.' } },
  wave_not_draft: {
    status: 409,
    message: { id: 'Gelombang sudah diluncurkan dan tidak dapat diubah lagi.', en: 'The wave has been launched and can no longer be changed.' },
  },
  job_not_found: { status: 404, message: { id: 'Pekerjaan ini tidak ditemukan.', en: 'This job was not found.' } },
  launch_in_progress: {
    status: 409,
    message: {
      id: 'Gelombang ini sedang diluncurkan oleh permintaan lain. Tunggu beberapa menit, lalu muat ulang halaman.',
      en: 'This wave is being launched by another request. Wait a few minutes, then reload the page.',
    },
  },
  unit_not_found: { status: 404, message: { id: 'Unit kerja tidak ditemukan.', en: 'Unit not found.' } },
  wave_not_launched: {
    status: 409,
    message: { id: 'Gelombang ini belum diluncurkan: cakupan dan integritas ada setelah peluncuran.', en: 'This wave has not been launched: coverage and integrity exist after launch.' },
  },
  wave_not_closed: {
    status: 409,
    message: {
      id: 'Hasil tersedia setelah gelombang ditutup: selama survei berjalan tidak ada angka yang ditampilkan.',
      en: 'Results are available once the wave is closed: no figures are shown while the survey runs.',
    },
  },
  ratee_not_found: { status: 404, message: { id: 'Pegawai ini tidak dinilai dalam gelombang ini.', en: 'This person was not rated in this wave.' } },
  wave_not_open: { status: 409, message: { id: 'Gelombang ini tidak sedang berjalan.', en: 'This wave is not running.' } },
  wave_window_past: {
    status: 400,
    message: { id: 'Waktu tutup gelombang sudah lewat. Ubah waktu tutupnya dulu.', en: 'The wave’s closing time has passed. Change it first.' },
  },
  scope_unknown_unit: {
    status: 400,
    message: { id: 'Cakupan berisi unit kerja yang tidak dikenal.', en: 'The scope names a unit that does not exist.' },
  },
  plan_empty: {
    status: 409,
    message: { id: 'Tidak ada penugasan: impor daftar pegawai atau ubah cakupan dulu.', en: 'Nothing to assign: import the roster or change the scope first.' },
  },
  plan_changed: {
    status: 409,
    message: {
      id: 'Daftar pegawai atau pengaturan berubah sejak pratinjau. Lihat pratinjau lagi sebelum meluncurkan.',
      en: 'The roster or settings changed since the preview. Preview again before launching.',
    },
  },
  links_taken: {
    status: 410,
    message: {
      id: 'Daftar tautan sudah diunduh dan tidak dapat diunduh lagi. Terbitkan ulang tautan untuk orang yang kehilangan tautannya.',
      en: 'The link list was already downloaded and cannot be downloaded again. Reissue the link of anyone who lost theirs.',
    },
  },
  rater_not_found: {
    status: 404,
    message: { id: 'NIP ini tidak mendapat undangan pada gelombang ini.', en: 'This NIP has no invitation in this wave.' },
  },
  ticket_unknown: {
    status: 404,
    message: {
      id: 'Penilaian ini tidak ada pada tautan Anda. Jawaban Anda belum terkirim dan tetap tersimpan di perangkat ini; muat ulang halaman.',
      en: 'This rating is not on your link. Your answers were not sent and are still kept on this device; reload the page.',
    },
  },
  invitation_unknown: {
    status: 404,
    message: {
      id: 'Tautan ini tidak dikenal atau sudah diganti dengan tautan baru. Minta tautan baru kepada koordinator survei.',
      en: 'This link is unknown or has been replaced by a new one. Ask the survey coordinator for a new link.',
    },
  },
  invitation_code_invalid: {
    status: 400,
    message: { id: 'Kode pada tautan ini tidak lengkap atau salah ketik.', en: 'The code in this link is incomplete or mistyped.' },
  },
  wave_scheduled: {
    status: 409,
    message: { id: 'Survei ini belum dibuka.', en: 'This survey has not opened yet.' },
  },
  wave_closed: {
    status: 410,
    message: { id: 'Survei ini sudah ditutup. Terima kasih.', en: 'This survey has closed. Thank you.' },
  },
  answers_incomplete: {
    status: 400,
    message: { id: 'Ada pernyataan yang belum dijawab.', en: 'Some statements have not been answered.' },
  },
  questionnaire_changed: {
    status: 409,
    message: { id: 'Kuesioner survei ini sudah berubah. Muat ulang halaman.', en: 'This survey’s questionnaire has changed. Reload the page.' },
  },
  unknown_codes_limited: {
    status: 429,
    message: {
      id: 'Terlalu banyak kode tautan yang tidak dikenal dari jaringan Anda dalam 10 menit terakhir. Periksa kembali tautan Anda dan coba lagi nanti; tautan yang benar tetap bisa dibuka.',
      en: 'Too many unknown link codes from your network in the last 10 minutes. Check your link and try again later; correct links still open.',
    },
  },
  rate_limited: {
    status: 429,
    message: {
      id: 'Terlalu banyak permintaan dari jaringan Anda. Tunggu satu menit lalu coba lagi; jawaban Anda tetap tersimpan di perangkat.',
      en: 'Too many requests from your network. Wait a minute and try again; your answers stay saved on this device.',
    },
  },
  ceremony_not_found: { status: 404, message: { id: 'Upacara kunci tidak ditemukan.', en: 'Key ceremony not found.' } },
  ceremony_incomplete: {
    status: 409,
    message: {
      id: 'Instansi ini belum punya kunci lengkap: semua wali kunci harus menyelesaikan upacara kunci sebelum gelombang diluncurkan.',
      en: 'This agency has no complete key yet: every trustee must finish the key ceremony before a wave is launched.',
    },
  },
  trustee_not_eligible: {
    status: 400,
    message: {
      id: 'Setiap wali kunci harus akun staf dengan kemampuan wali kunci untuk instansi ini.',
      en: 'Every trustee must be a staff account with the trustee capability for this agency.',
    },
  },
  not_trustee_seat: { status: 403, message: { id: 'Anda bukan wali kunci pada kursi ini.', en: 'You do not hold this trustee seat.' } },
  ceremony_wrong_step: {
    status: 409,
    message: { id: 'Upacara kunci tidak sedang menunggu langkah ini.', en: 'The key ceremony is not waiting for this step.' },
  },
  ceremony_seat_taken: { status: 409, message: { id: 'Langkah ini sudah Anda kirim.', en: 'You have already sent this step.' } },
  ceremony_invalid_proof: {
    status: 422,
    message: { id: 'Bukti kriptografis tidak valid: langkah ditolak.', en: 'The cryptographic proof is not valid: the step was refused.' },
  },
  ceremony_invalid_shares: {
    status: 422,
    message: { id: 'Harus tepat satu bagian kunci untuk setiap wali kunci lain.', en: 'There must be exactly one key share for every other trustee.' },
  },
  ceremony_failed: {
    status: 409,
    message: {
      id: 'Upacara kunci ini gagal (ada bagian kunci yang tidak cocok). Mulai upacara baru.',
      en: 'This key ceremony failed (a key share did not check out). Start a new one.',
    },
  },
  ceremony_conflict: { status: 409, message: { id: 'Upacara kunci baru saja berubah. Coba lagi.', en: 'The key ceremony just changed. Try again.' } },
  results_sealed: {
    status: 409,
    message: {
      id: 'Hasil masih tersegel: menunggu wali kunci membuka hasil.',
      en: 'Results are still sealed: waiting for the trustees to open them.',
    },
  },
  wave_unsealed: {
    status: 409,
    message: { id: 'Gelombang ini tidak memiliki kunci segel.', en: 'This wave has no sealing key.' },
  },
  decryption_share_invalid: {
    status: 422,
    message: {
      id: 'Bagian dekripsi tidak valid atau tidak diminta: tidak ada yang disimpan.',
      en: 'A decryption share is not valid or was not asked for: nothing was stored.',
    },
  },
  internal: {
    status: 500,
    message: { id: 'Terjadi kesalahan di server. Silakan coba lagi.', en: 'Something went wrong on the server. Please try again.' },
  },
} as const satisfies Record<string, { status: number; message: LocalizedText }>;

export type ApiErrorCode = keyof typeof apiErrors;
