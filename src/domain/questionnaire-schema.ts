import { z } from 'zod';
import { answerValues, relationships } from './questionnaire.js';
import { localizedTextSchema as localizedText } from './text.js';

export const relationshipSchema = z.enum(relationships).meta({ id: 'Relationship' });

export const answerSchema = z
  .union(answerValues.map((v) => z.literal(v)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>, z.ZodLiteral<5>, z.ZodLiteral<'na'>])
  .meta({ id: 'Answer', description: '1 = Tidak pernah (never) … 5 = Selalu (always); "na" = Tidak dapat menilai (cannot assess)' });

export const questionnaireSchema = z.object({
  version: z.string().regex(/^[a-z0-9.-]+$/),
  title: localizedText,
  scale: z.array(z.object({ value: answerSchema, label: localizedText })).length(6),
  items: z.array(z.object({ behaviourId: z.string(), valueId: z.string(), prompt: z.record(relationshipSchema, localizedText) })).min(1),
});
