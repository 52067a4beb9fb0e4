export { AuthProvider, useAuthState } from './AuthProvider.js';
export { RequireStaff, SignOutButton } from './RequireStaff.js';
export { SignInPage } from './SignInPage.js';
