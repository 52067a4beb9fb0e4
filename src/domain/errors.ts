import type { LocalizedText } from './text.js';

/**
 * Every error the API can answer, with its HTTP status and its message in both languages. The SPA
 * shows the message for the code in the person's language.
 */
export const apiErrors = {
  not_found: { status: 404, message: { id: 'Alamat tidak ditemukan.', en: 'Not found.' } },
  malformed_json: { status: 400, message: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' } },
  invalid_request: { status: 400, message: { id: 'Data yang dikirim tidak valid.', en: 'The data sent is not valid.' } },
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
  internal: {
    status: 500,
    message: { id: 'Terjadi kesalahan di server. Silakan coba lagi.', en: 'Something went wrong on the server. Please try again.' },
  },
} as const satisfies Record<string, { status: number; message: LocalizedText }>;

export type ApiErrorCode = keyof typeof apiErrors;
