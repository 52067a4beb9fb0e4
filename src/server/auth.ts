import type { Auth } from 'firebase-admin/auth';
import { createMiddleware } from 'hono/factory';
import { roleSchema, type Role } from '../domain/schema.js';
import { ApiError } from './api-error.js';

export interface Staff {
  uid: string;
  email: string | null;
  /** null when the account has no role claim yet. */
  role: Role | null;
  /** The trustee capability (claim `trustee: true`): a seat in key ceremonies of `agencies`. */
  trustee: boolean;
  agencies: string[];
}

/** Turns a bearer ID token into the signed-in staff member; throws when the token is not valid. */
export interface TokenVerifier {
  verify(idToken: string): Promise<Staff>;
}

/** What an account is allowed, read from its custom claims (a token's, or the account record's). */
function staffOf(uid: string, email: string | null, claims: Record<string, unknown>): Staff {
  const role = roleSchema.safeParse(claims.role);
  const agencies = Array.isArray(claims.agencies) ? claims.agencies.filter((a): a is string => typeof a === 'string') : [];
  return { uid, email, role: role.success ? role.data : null, trustee: claims.trustee === true, agencies };
}

/**
 * `emulator`: tokens come from the Auth emulator, which does not sign them, so anyone can write
 * one with any claims. There the role, agencies and trustee capability come from the emulator's
 * own record of the account, never from the token: a hand-made token gains nothing its account
 * does not already have. (Against real Firebase the token is signed and its claims stand.)
 */
export function firebaseTokenVerifier(auth: Auth, options: { emulator?: boolean } = {}): TokenVerifier {
  return {
    async verify(idToken) {
      // checkRevoked: a disabled account or revoked session stops working at once.
      const decoded = await auth.verifyIdToken(idToken, true);
      // firebase-admin itself turns to the emulator (and stops checking signatures) on this variable.
      const emulator = options.emulator ?? Boolean(process.env.FIREBASE_AUTH_EMULATOR_HOST);
      if (!emulator) return staffOf(decoded.uid, decoded.email ?? null, decoded);
      const user = await auth.getUser(decoded.uid);
      return staffOf(user.uid, user.email ?? null, user.customClaims ?? {});
    },
  };
}

export interface StaffVariables {
  staff: Staff & { role: Role };
}

/** The signed-in staff member behind the request's bearer token; throws when there is none or it is not valid. */
async function bearerStaff(verifier: TokenVerifier, header: string | undefined): Promise<Staff> {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new ApiError('unauthenticated');
  try {
    return await verifier.verify(match[1]!);
  } catch {
    throw new ApiError('invalid_token');
  }
}

/** Requires a valid Firebase ID token whose role claim is one of `roles`. */
export function requireStaff(verifier: TokenVerifier, roles: readonly Role[]) {
  return createMiddleware<{ Variables: StaffVariables }>(async (c, next) => {
    const staff = await bearerStaff(verifier, c.req.header('authorization'));
    if (!staff.role) throw new ApiError('no_role');
    if (!roles.includes(staff.role)) throw new ApiError('forbidden_role');
    c.set('staff', { ...staff, role: staff.role });
    await next();
  });
}

/**
 * Requires a valid token of a staff member with a role in `roles` or the trustee capability (an
 * independent trustee may hold no role at all); the route then checks the seat or agency.
 */
export function requireStaffOrTrustee(verifier: TokenVerifier, roles: readonly Role[]) {
  return createMiddleware<{ Variables: { staff: Staff } }>(async (c, next) => {
    const staff = await bearerStaff(verifier, c.req.header('authorization'));
    if (!staff.role && !staff.trustee) throw new ApiError('no_role');
    if (!staff.trustee && !roles.includes(staff.role!)) throw new ApiError('forbidden_role');
    c.set('staff', staff);
    await next();
  });
}

/** Admins reach every agency; everyone else only the agencies in their claim. */
export function canReachAgency(staff: Staff, agencyId: string): boolean {
  return staff.role === 'admin' || staff.agencies.includes(agencyId);
}

export function assertAgency(staff: Staff, agencyId: string): void {
  if (!canReachAgency(staff, agencyId)) throw new ApiError('forbidden_agency');
}
