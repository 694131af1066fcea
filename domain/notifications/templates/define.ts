/** What every template is built from: its shape, the field types it checks, the common fields. */
import { z } from 'zod';

export const text = z.string().trim().min(1);
export const instant = z.iso.datetime({ offset: true });
const documentList = z.array(text).min(1);
export const workingDays = z.number().int().min(0);

/** What every message names: the dossier and the person addressed (filled in per recipient). */
export const citizen = { code: text, applicantName: text };
export const staff = { code: text, recipientName: text };
/** The desk session of the due day the citizen is asked to come in (day limits only). */
export const appointment = { appointmentFrom: instant.optional(), appointmentTo: instant.optional() };
/** A request for documents, before acceptance (completion) or after it (supplement). */
export const documentRequest = { ...citizen, procedureName: text, reason: text, documents: documentList };

export interface Body {
  subject: string;
  lines: string[];
  sms: string;
}

export interface Links {
  /** Tracking page of the dossier (carrying the access code when there is one); empty for staff messages. */
  link: string;
  /** The citizen's access code, in the receipt message only. */
  accessCode?: string;
}

export interface Template<S extends z.ZodObject> {
  schema: S;
  vi(d: z.infer<S>, c: Links): Body;
  en(d: z.infer<S>, c: Links): Body;
}

/** Infers the template's data type from its schema. */
export const define = <S extends z.ZodObject>(t: Template<S>): Template<S> => t;

/** An occasion told to both citizens and staff has a template for each. */
export type Variants = { citizen?: Template<z.ZodObject>; staff?: Template<z.ZodObject> };

export const numbered = (items: readonly string[]): string[] => items.map((item, i) => `  ${i + 1}. ${item}`);
