import { zodResolver } from '@hookform/resolvers/zod';
import { FirebaseError } from 'firebase/app';
import { signInWithEmailAndPassword } from 'firebase/auth';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { z } from 'zod';
import { Notice } from '../../components/Notice.js';
import { useAuthState } from './AuthProvider.js';
import { firebaseAuth } from './firebase-client.js';
import { authText } from './i18n.js';

/** The form's messages are keys of the auth namespace, typed where they are written. */
type AuthKey = keyof typeof authText.id;
const key = (k: AuthKey) => ({ error: k });
const signInSchema = z.object({
  email: z.email(key('emailInvalid')),
  password: z.string().min(1, key('passwordRequired')),
});
type SignInForm = z.infer<typeof signInSchema>;

function failureKey(err: unknown): AuthKey {
  if (err instanceof FirebaseError) {
    if (['auth/invalid-credential', 'auth/wrong-password', 'auth/user-not-found', 'auth/invalid-email'].includes(err.code)) return 'wrongCredentials';
    if (err.code === 'auth/too-many-requests') return 'tooMany';
    if (err.code === 'auth/network-request-failed') return 'network';
  }
  return 'failed';
}

export function SignInPage() {
  const { t } = useTranslation('auth');
  const state = useAuthState();
  const [failure, setFailure] = useState<AuthKey | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInForm>({ resolver: zodResolver(signInSchema) });

  if (state.status === 'signed-in') return <Navigate to="/" replace />;

  const onSubmit = handleSubmit(async ({ email, password }) => {
    setFailure(null);
    try {
      await signInWithEmailAndPassword(await firebaseAuth(), email, password);
    } catch (err) {
      setFailure(failureKey(err));
    }
  });
  const { errors, isSubmitting } = formState;

  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {failure && <Notice tone="error">{t(failure)}</Notice>}
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="email">{t('email')}</label>
          <input id="email" type="email" autoComplete="username" inputMode="email" aria-invalid={!!errors.email} aria-describedby={errors.email ? 'email-error' : undefined} {...register('email')} />
          {errors.email?.message && <p id="email-error" className="field__error">{t(errors.email.message as AuthKey)}</p>}
        </div>
        <div className="field">
          <label htmlFor="password">{t('password')}</label>
          <input id="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} aria-describedby={errors.password ? 'password-error' : undefined} {...register('password')} />
          {errors.password?.message && <p id="password-error" className="field__error">{t(errors.password.message as AuthKey)}</p>}
        </div>
        <button className="button" type="submit" disabled={isSubmitting}>
          {isSubmitting ? t('submitting') : t('submit')}
        </button>
      </form>
    </section>
  );
}
