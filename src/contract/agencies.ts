import { z } from 'zod';
import { agencyIdSchema, agencySchema, auditEventSchema, roleSchema, unitSchema } from '../domain/schema.js';

/* The agencies API's shapes (and the signed-in account, and the audit log): one schema each, for the routes, the OpenAPI document and the SPA. */

export const agencySummarySchema = z.object({ units: z.int(), activeEmployees: z.int() }).meta({ id: 'AgencySummary' });
export const agencyWithSummarySchema = agencySchema.extend({ summary: agencySummarySchema }).meta({ id: 'AgencyWithSummary' });
export type AgencyWithSummary = z.infer<typeof agencyWithSummarySchema>;

export const agencyListSchema = z.object({ agencies: z.array(agencyWithSummarySchema) }).meta({ id: 'AgencyList' });
/** One agency with its unit tree. */
export const agencyDetailSchema = z.object({ agency: agencyWithSummarySchema, units: z.array(unitSchema) }).meta({ id: 'AgencyDetail' });
export type AgencyDetail = z.infer<typeof agencyDetailSchema>;

export const createAgencySchema = z
  .object({ id: agencyIdSchema, name: z.string().trim().min(2).max(200) })
  .strict()
  .meta({ id: 'CreateAgency' });

/** The signed-in account as the server sees it. */
export const meSchema = z
  .object({ uid: z.string(), email: z.string().nullable(), role: roleSchema.nullable(), trustee: z.boolean(), agencies: z.array(z.string()) })
  .meta({ id: 'Me' });

export const auditEventListSchema = z.object({ events: z.array(auditEventSchema) }).meta({ id: 'AuditEventList' });
export const auditQuerySchema = z.object({ waveId: z.string().min(1).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });
