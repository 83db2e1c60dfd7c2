import { fail } from '@sveltejs/kit';
import type { Problem } from './api.ts';

/** What a form action answers on failure: the submitted values (to refill the form) and one message per field. */
export type FormFailure = { values: Record<string, unknown>; errors: Record<string, string>; message: string; scope?: string };

/**
 * The API's problem+json issues (`body.title`, `body.schedule.3.day`, `communeInsee`) as one French message per
 * form field, keyed by the first segment after `body.` (or the path as given).
 */
export function fieldErrors(problem: Problem, rename: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of problem.errors ?? []) {
    const segments = issue.path.split('.');
    const key = segments[0] === 'body' || segments[0] === 'query' ? segments[1] ?? '_form' : segments[0];
    const name = rename[key] ?? key;
    out[name] ??= issue.message;
  }
  return out;
}

/** A failed API call as a form failure: status kept, field errors mapped, a French summary for the top of the form. */
export function failFromProblem(status: number, problem: Problem, values: Record<string, unknown>, rename: Record<string, string> = {}, scope?: string) {
  const errors = fieldErrors(problem, rename);
  const count = Object.keys(errors).length;
  const message = count
    ? `${count === 1 ? 'Un champ est à corriger' : `${count} champs sont à corriger`} : ${problem.detail ?? 'voir ci-dessous'}`
    : (problem.detail ?? problem.title);
  return fail(status >= 400 && status < 600 ? status : 400, { values, errors, message, scope } satisfies FormFailure);
}

/** A failure found by the web app before calling the API (a number that is not one, an unknown commune…). */
export function failLocally(values: Record<string, unknown>, errors: Record<string, string>, scope?: string) {
  const count = Object.keys(errors).length;
  return fail(422, { values, errors, message: count === 1 ? 'Un champ est à corriger.' : `${count} champs sont à corriger.`, scope } satisfies FormFailure);
}

export const text = (fd: FormData, name: string) => String(fd.get(name) ?? '').trim();
export const optionalText = (fd: FormData, name: string) => text(fd, name) || undefined;
export const list = (fd: FormData, name: string) => fd.getAll(name).map(String).filter(Boolean);
export const checked = (fd: FormData, name: string) => fd.get(name) === 'on' || fd.get(name) === 'true';

/** A number field: undefined when empty, an error message in `errors` when not a number. */
export function numberField(fd: FormData, name: string, errors: Record<string, string>, options: { integer?: boolean } = {}): number | undefined {
  const raw = text(fd, name).replace(',', '.');
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || (options.integer && !Number.isInteger(n))) {
    errors[name] = options.integer ? 'nombre entier attendu' : 'nombre attendu';
    return undefined;
  }
  return n;
}

/** Availability checkboxes named `availability` with values `lundi:matin` → the API's day/slot pairs. */
export function availabilityField(fd: FormData, name = 'availability') {
  return list(fd, name).map((v) => {
    const [day, slot] = v.split(':');
    return { day, slot };
  }) as { day: never; slot: never }[];
}

/** Every field of a form as plain values, to refill the form after an error (passwords are never echoed). */
export function valuesOf(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(fd.keys())) {
    if (/password/i.test(key)) continue;
    const all = fd.getAll(key).map(String);
    out[key] = all.length > 1 || key === 'availability' ? all : all[0];
  }
  return out;
}

/**
 * The contract's own messages for a body, keyed by field: used when the web app already found an error of its own
 * (an unknown commune) and must not call the API, yet should show every other field's error at once.
 */
export function contractErrors(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, body: unknown, rename: Record<string, string> = {}): Record<string, string> {
  const result = schema.safeParse(body);
  const out: Record<string, string> = {};
  if (result.success || !result.error) return out;
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    out[rename[key] ?? key] ??= issue.message;
  }
  return out;
}
