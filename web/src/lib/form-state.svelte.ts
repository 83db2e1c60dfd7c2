import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

/**
 * Progressive enhancement of one form: `pending` while the server works (buttons say so), then focus moves to
 * the first field in error, or to the form's message, so keyboard and screen-reader users land on what changed.
 */
export function createFormState(options: { reset?: boolean } = {}) {
  let pending = $state(false);
  const enhance: SubmitFunction = ({ formElement }) => {
    pending = true;
    return async ({ update }) => {
      await update({ reset: options.reset ?? false });
      pending = false;
      await tick();
      const target = formElement.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formElement.querySelector<HTMLElement>('[role="alert"], [role="status"]');
      if (target) {
        if (!target.hasAttribute('tabindex') && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) target.setAttribute('tabindex', '-1');
        target.focus();
      }
    };
  };
  return {
    get pending() {
      return pending;
    },
    enhance,
  };
}

/** What a form action answers on failure, as pages read it (values to refill, one message per field, a summary). */
export type FormFailureView = { values: Record<string, unknown>; errors: Record<string, string>; message: string };

/** On a page with several forms, the failure a form action returned for the form `scope`, or null. */
export function scopedFailure(form: unknown, scope: string): FormFailureView | null {
  return form && typeof form === 'object' && 'scope' in form && form.scope === scope ? (form as unknown as FormFailureView) : null;
}
