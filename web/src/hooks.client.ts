import { watchEarlyInput } from '$lib/early-input.ts';

/** Runs before the page is hydrated: from here on, what the visitor changes in a form is kept (lib/early-input.ts). */
export function init() {
  watchEarlyInput();
}
