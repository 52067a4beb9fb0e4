import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { answerChoices, answerFormSchema, type AnswerForm } from '../../../domain/answers-form.js';
import { readBilingual } from '../../../domain/bilingual.js';
import type { Questionnaire as QuestionnaireData, Relationship } from '../../../domain/questionnaire.js';
import { coreValues } from '../../../domain/values.js';
import { Notice } from '../../components/Notice.js';
import { localized } from '../../lib/i18n.js';
import type { Draft } from './device-store.js';
import './i18n.js';

interface Props {
  questionnaire: QuestionnaireData;
  relationship: Relationship;
  rateeName: string;
  draft: Draft | undefined;
  onDraft: (draft: Draft) => void;
  onSubmit: (values: Record<string, string>) => Promise<void>;
  onLeave: () => void;
}

/** One colleague's questionnaire: one BerAKHLAK value per step, then a review before "Kirim". */
export function Questionnaire({ questionnaire, relationship, rateeName, draft, onDraft, onSubmit, onLeave }: Props) {
  const { t } = useTranslation('respond');
  const schema = useMemo(() => answerFormSchema(questionnaire), [questionnaire]);
  const { register, handleSubmit, trigger, watch, getValues, formState } = useForm<AnswerForm, unknown, Record<string, string>>({
    resolver: zodResolver(schema) as unknown as Resolver<AnswerForm, unknown, Record<string, string>>,
    defaultValues: draft?.values ?? {},
    // Errors only come from "Berikutnya" and "Kirim"; validating each change clears a question's
    // error the moment it is answered (a chosen radio can never make a field invalid).
    mode: 'onChange',
    shouldFocusError: true,
  });
  const [step, setStep] = useState(draft?.step ?? 0);
  const heading = useRef<HTMLHeadingElement>(null);
  const values = coreValues.filter((v) => questionnaire.items.some((i) => i.valueId === v.id));
  const reviewing = step >= values.length;
  const value = values[Math.min(step, values.length - 1)]!;
  const items = questionnaire.items.filter((i) => i.valueId === value.id);
  const answered = Object.values(watch()).filter(Boolean).length;

  // Every change is kept on the device; nothing leaves it before "Kirim".
  useEffect(() => {
    const sub = watch((v) => onDraft({ step, values: v as AnswerForm }));
    return () => sub.unsubscribe();
  }, [watch, step, onDraft]);
  useEffect(() => {
    onDraft({ step, values: getValues() });
    heading.current?.focus();
  }, [step, onDraft, getValues]);

  const next = async () => {
    if (await trigger(items.map((i) => i.behaviourId))) setStep(step + 1);
  };
  const scaleLabel = (choice: string) => questionnaire.scale.find((s) => String(s.value) === choice)!.label;
  const errorText = (id: string) => {
    const message = formState.errors[id]?.message;
    return message ? localized(readBilingual(message)) : null;
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-labelledby="q-title">
      <p className="muted" id="q-about">
        {t('about', { name: rateeName })}
      </p>
      <h2 id="q-title" ref={heading} tabIndex={-1}>
        {reviewing ? t('reviewStep') : t('step', { n: step + 1, total: values.length, value: localized(value.name) })}
      </h2>
      <progress className="q-progress" max={questionnaire.items.length} value={answered} aria-label={t('progress')} />
      {!reviewing && (
        <>
          {items.map((item) => {
            const error = errorText(item.behaviourId);
            return (
              <fieldset
                key={item.behaviourId}
                className="q-item"
                aria-invalid={!!error}
                aria-describedby={error ? `${item.behaviourId}-error` : undefined}
              >
                <legend>{localized(item.prompt[relationship])}</legend>
                <div className="q-scale">
                  {answerChoices.map((choice) => (
                    <label key={choice} className={`q-choice${choice === 'na' ? ' q-choice--na' : ''}`}>
                      <input type="radio" value={choice} {...register(item.behaviourId)} />
                      <span>{localized(scaleLabel(choice))}</span>
                    </label>
                  ))}
                </div>
                {error && (
                  <p className="field__error" id={`${item.behaviourId}-error`}>
                    {error}
                  </p>
                )}
              </fieldset>
            );
          })}
          <p className="muted">{t('draftSaved')}</p>
          <div className="actions">
            {step > 0 && (
              <button type="button" className="button button--secondary" onClick={() => setStep(step - 1)}>
                {t('back')}
              </button>
            )}
            <button type="button" className="button" onClick={() => void next()}>
              {t('next')}
            </button>
          </div>
        </>
      )}
      {reviewing && (
        <>
          <p>{t('reviewIntro', { name: rateeName })}</p>
          {Object.keys(formState.errors).length > 0 && (
            <Notice tone="error">{t('unanswered', { count: Object.keys(formState.errors).length })}</Notice>
          )}
          {values.map((v, index) => (
            <section key={v.id} className="card">
              <h3 style={{ marginTop: 0 }}>{localized(v.name)}</h3>
              <dl className="q-review">
                {questionnaire.items
                  .filter((i) => i.valueId === v.id)
                  .map((i) => {
                    const choice = getValues(i.behaviourId);
                    return (
                      <div key={i.behaviourId}>
                        <dt>{localized(coreValues.flatMap((c) => c.behaviours).find((b) => b.id === i.behaviourId)!.text)}</dt>
                        <dd>{choice ? localized(scaleLabel(choice)) : '—'}</dd>
                      </div>
                    );
                  })}
              </dl>
              <button type="button" className="button button--secondary" onClick={() => setStep(index)}>
                {t('change')}
              </button>
            </section>
          ))}
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => setStep(values.length - 1)}>
              {t('back')}
            </button>
            <button type="submit" className="button" disabled={formState.isSubmitting}>
              {t('send')}
            </button>
          </div>
        </>
      )}
      <p>
        <button type="button" className="button button--link" onClick={onLeave}>
          {t('toList')}
        </button>
      </p>
    </form>
  );
}
