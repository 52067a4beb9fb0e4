import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { waveSettingsSchema, type Unit, type Wave } from '../../../domain/schema.js';
import { waveInputSchema } from '../../../domain/wave.js';
import { Notice } from '../../components/Notice.js';
import { ApiRequestError } from '../../lib/api-client.js';
import { createWave, updateWave, waveQueries } from './api.js';
import { localized } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { wavesText } from './i18n.js';

/** The form's messages are keys of the waves namespace, typed where they are written. */
type WavesKey = keyof typeof wavesText.id;
const key = (k: WavesKey) => k;
const count = (min: number, max: number) => z.number({ error: key('numberRange') }).int(key('numberRange')).min(min, key('numberRange')).max(max, key('numberRange'));
/** The form's ranges and defaults are the API's own: read from the settings schema, never restated. */
const settingDefaults = waveSettingsSchema.parse({});
const rangeOf = (name: 'peersPerRatee' | 'subordinatesPerRatee' | 'maxRatingsPerRater' | 'anonymityThreshold') => {
  const field = waveSettingsSchema.shape[name].unwrap();
  return [field.minValue ?? 0, field.maxValue ?? Number.MAX_SAFE_INTEGER] as const;
};
const ranges = {
  peersPerRatee: rangeOf('peersPerRatee'),
  subordinatesPerRatee: rangeOf('subordinatesPerRatee'),
  maxRatingsPerRater: rangeOf('maxRatingsPerRater'),
  anonymityThreshold: rangeOf('anonymityThreshold'),
};

const formSchema = z
  .object({
    name: z.string().trim().min(1, key('nameRequired')).max(200, key('nameTooLong')),
    opensMode: z.enum(['now', 'later']),
    opensAt: z.string(),
    closesAt: z.string().min(1, key('closesAtRequired')),
    scopeKind: z.enum(['all', 'units']),
    unitIds: z.array(z.string()),
    includeSelf: z.boolean(),
    includeSuperior: z.boolean(),
    peersPerRatee: count(...ranges.peersPerRatee),
    subordinatesPerRatee: count(...ranges.subordinatesPerRatee),
    maxRatingsPerRater: count(...ranges.maxRatingsPerRater),
    anonymityThreshold: count(...ranges.anonymityThreshold),
    round: z.string().trim().max(60, key('roundTooLong')),
  })
  .superRefine((v, ctx) => {
    if (v.opensMode === 'later' && !v.opensAt) ctx.addIssue({ code: 'custom', path: ['opensAt'], message: key('opensAtRequired') });
    if (v.opensMode === 'later' && v.opensAt && v.closesAt && new Date(v.closesAt) <= new Date(v.opensAt)) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: key('closesAfterOpens') });
    }
    if (v.scopeKind === 'units' && v.unitIds.length === 0) ctx.addIssue({ code: 'custom', path: ['unitIds'], message: key('scopeUnitsRequired') });
  });
type WaveForm = z.infer<typeof formSchema>;

/** datetime-local speaks the device's local time; the API wants an instant. */
const toIso = (local: string) => new Date(local).toISOString();
const toLocal = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function defaultsFor(wave: Wave | null): WaveForm {
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000);
  inTwoWeeks.setHours(16, 0, 0, 0);
  const s = wave?.settings;
  return {
    name: wave?.name ?? '',
    opensMode: wave?.opensAt ? 'later' : 'now',
    opensAt: wave?.opensAt ? toLocal(wave.opensAt) : '',
    closesAt: wave ? toLocal(wave.closesAt) : toLocal(inTwoWeeks.toISOString()),
    scopeKind: wave?.scope.kind ?? 'all',
    unitIds: wave?.scope.kind === 'units' ? wave.scope.unitIds : [],
    includeSelf: s?.includeSelf ?? settingDefaults.includeSelf,
    includeSuperior: s?.includeSuperior ?? settingDefaults.includeSuperior,
    peersPerRatee: s?.peersPerRatee ?? settingDefaults.peersPerRatee,
    subordinatesPerRatee: s?.subordinatesPerRatee ?? settingDefaults.subordinatesPerRatee,
    maxRatingsPerRater: s?.maxRatingsPerRater ?? settingDefaults.maxRatingsPerRater,
    anonymityThreshold: s?.anonymityThreshold ?? settingDefaults.anonymityThreshold,
    round: s?.round ?? '',
  };
}

function WaveFormFields({ agencyId, wave, units }: { agencyId: string; wave: Wave | null; units: Unit[] }) {
  const { t } = useTranslation('waves');
  const session = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, watch, formState } = useForm<WaveForm>({ resolver: zodResolver(formSchema), defaultValues: defaultsFor(wave) });
  const { errors, isSubmitting } = formState;
  const opensLater = watch('opensMode') === 'later';
  const scopeKind = watch('scopeKind');

  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    const payload = waveInputSchema.parse({
      name: v.name,
      questionnaireVersion: wave?.questionnaireVersion,
      scope: v.scopeKind === 'all' ? { kind: 'all' } : { kind: 'units', unitIds: v.unitIds },
      opensAt: v.opensMode === 'later' ? toIso(v.opensAt) : null,
      closesAt: toIso(v.closesAt),
      settings: {
        includeSelf: v.includeSelf,
        includeSuperior: v.includeSuperior,
        peersPerRatee: v.peersPerRatee,
        subordinatesPerRatee: v.subordinatesPerRatee,
        maxRatingsPerRater: v.maxRatingsPerRater,
        anonymityThreshold: v.anonymityThreshold,
        groupWeights: wave?.settings.groupWeights ?? settingDefaults.groupWeights,
        round: v.round || null,
      },
    });
    try {
      const token = await session.getIdToken();
      const saved = wave ? await updateWave(token, wave.id, payload) : await createWave(token, agencyId, payload);
      void navigate(`/gelombang/${saved.id}`);
    } catch (err) {
      setFailure(err instanceof ApiRequestError ? [localized(err.messages), ...err.issues.map((i) => i.message)].join(' ') : String(err));
    }
  });

  const error = (name: keyof WaveForm, params?: Record<string, number>) =>
    errors[name]?.message ? (
      <p id={`${name}-error`} className="field__error">
        {t(errors[name].message as WavesKey, params)}
      </p>
    ) : null;
  const numberField = (name: keyof typeof ranges) => (
    <div className="field">
      <label htmlFor={name}>{t(name)}</label>
      <input
        id={name}
        type="number"
        inputMode="numeric"
        min={ranges[name][0]}
        max={ranges[name][1]}
        aria-invalid={!!errors[name]}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
        {...register(name, { valueAsNumber: true })}
      />
      {error(name, { min: ranges[name][0], max: ranges[name][1] })}
    </div>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="card">
      {failure && <Notice tone="error">{failure}</Notice>}
      <div className="field">
        <label htmlFor="name">{t('name')}</label>
        <input id="name" aria-invalid={!!errors.name} aria-describedby={errors.name ? 'name-error' : undefined} {...register('name')} />
        {error('name')}
      </div>
      <fieldset className="field">
        <legend>{t('opensMode')}</legend>
        <Radios field={register('opensMode')} options={[['now', t('opensNow')], ['later', t('opensLater')]]} />
      </fieldset>
      <div className="grid-2">
        {opensLater && (
          <div className="field">
            <label htmlFor="opensAt">{t('opensAt')}</label>
            <input id="opensAt" type="datetime-local" aria-invalid={!!errors.opensAt} aria-describedby={errors.opensAt ? 'opensAt-error' : undefined} {...register('opensAt')} />
            {error('opensAt')}
          </div>
        )}
        <div className="field">
          <label htmlFor="closesAt">{t('closesAt')}</label>
          <input id="closesAt" type="datetime-local" aria-invalid={!!errors.closesAt} aria-describedby={errors.closesAt ? 'closesAt-error' : undefined} {...register('closesAt')} />
          {error('closesAt')}
        </div>
      </div>
      <fieldset className="field">
        <legend>{t('scope')}</legend>
        <Radios field={register('scopeKind')} options={[['all', t('scopeAll')], ['units', t('scopeUnits')]]} />
        {scopeKind === 'units' && (
          <div role="group" aria-label={t('scopeUnits')}>
            {units.map((u) => (
              <label key={u.id} className="checkbox" style={{ paddingLeft: `${(u.path.length - 1) * 1.25}rem` }}>
                <input type="checkbox" value={u.id} {...register('unitIds')} />
                {u.name}
              </label>
            ))}
            {error('unitIds')}
          </div>
        )}
      </fieldset>
      <fieldset className="field">
        <legend>{t('settings')}</legend>
        <label className="checkbox">
          <input type="checkbox" {...register('includeSelf')} />
          {t('includeSelf')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('includeSuperior')} />
          {t('includeSuperior')}
        </label>
        <div className="grid-2">
          {numberField('peersPerRatee')}
          {numberField('subordinatesPerRatee')}
          {numberField('maxRatingsPerRater')}
          {numberField('anonymityThreshold')}
        </div>
        <div className="field">
          <label htmlFor="round">{t('round')}</label>
          <p id="round-hint" className="muted" style={{ margin: 0 }}>
            {t('roundHint')}
          </p>
          <input
            id="round"
            maxLength={60}
            aria-invalid={!!errors.round}
            aria-describedby={errors.round ? 'round-hint round-error' : 'round-hint'}
            {...register('round')}
          />
          {error('round')}
        </div>
      </fieldset>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? t('saving') : t('save')}
      </button>
    </form>
  );
}

/** One choice of a few, as radio buttons bound to a form field. */
function Radios({ field, options }: { field: UseFormRegisterReturn; options: [value: string, label: string][] }) {
  return options.map(([value, label]) => (
    <label key={value} className="checkbox">
      <input type="radio" value={value} {...field} />
      {label}
    </label>
  ));
}

export function WaveFormPage() {
  const { t } = useTranslation(['waves', 'common']);
  const { agencyId: agencyParam, waveId } = useParams();
  const waveQuery = useStaffQuery(waveId ? waveQueries.one(waveId) : null);
  const wave = waveId && waveQuery.status === 'ready' ? waveQuery.data : null;
  const agencyId = agencyParam ?? wave?.agencyId ?? '';
  const agencyQuery = useStaffQuery(agencyId ? waveQueries.agency(agencyId) : null);
  const loading = (waveId && waveQuery.status === 'loading') || agencyQuery.status === 'loading';
  const failed = (waveId && waveQuery.status === 'error' && waveQuery.error) || (agencyQuery.status === 'error' && agencyQuery.error);
  return (
    <section aria-labelledby="wave-form-title">
      <p>
        <Link to={waveId ? `/gelombang/${waveId}` : `/instansi/${agencyId}/gelombang`}>← {t('backToWaves')}</Link>
      </p>
      <h1 id="wave-form-title">{t(waveId ? 'formTitleEdit' : 'formTitleNew')}</h1>
      {loading && <p role="status">{t('common:loading')}</p>}
      {failed && <Notice tone="error">{localized(failed.messages)}</Notice>}
      {!loading && !failed && agencyQuery.status === 'ready' && <WaveFormFields agencyId={agencyId} wave={wave} units={agencyQuery.data.units} />}
    </section>
  );
}
