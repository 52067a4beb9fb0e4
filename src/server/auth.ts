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

export function firebaseTokenVerifier(auth: Auth): TokenVerifier {
  return {
    async verify(idToken) {
      // checkRevoked: a disabled account or revoked session stops working at once.
      const decoded = await auth.verifyIdToken(idToken, true);
      const role = roleSchema.safeParse(decoded.role);
      const agencies = Array.isArray(decoded.agencies) ? decoded.agencies.filter((a): a is string => typeof a === 'string') : [];
      return { uid: decoded.uid, email: decoded.email ?? null, role: role.success ? role.data : null, trustee: decoded.trustee === true, agencies };
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
