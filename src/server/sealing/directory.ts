import type { Auth } from 'firebase-admin/auth';

export interface StaffAccount {
  uid: string;
  email: string | null;
  trustee: boolean;
  agencies: string[];
}

/** Staff accounts by e-mail, with the claims that decide who may hold a trustee seat. */
export interface StaffDirectory {
  findByEmail(email: string): Promise<StaffAccount | null>;
}

export function firebaseDirectory(auth: Auth): StaffDirectory {
  return {
    async findByEmail(email) {
      try {
        const user = await auth.getUserByEmail(email);
        const claims = user.customClaims ?? {};
        const agencies = Array.isArray(claims.agencies) ? claims.agencies.filter((a): a is string => typeof a === 'string') : [];
        return { uid: user.uid, email: user.email ?? null, trustee: claims.trustee === true, agencies };
      } catch (err) {
        if ((err as { code?: string }).code === 'auth/user-not-found') return null;
        throw err;
      }
    },
  };
}
