/**
 * What a visitor typed, ticked or chose in the server-rendered forms before the app's script took the page over.
 *
 * Hydration sets every field back to its server value: a text area's content, a search box's `value`, a checkbox's
 * `checked`. On a slow device or network the page is usable seconds before its script arrives, so a wish typed on
 * the home page, a ticked theme or a search would silently vanish (and a login went out with empty fields: the
 * reason Field.svelte renders inputs with `defaultValue`). hooks.client.ts starts watching before hydration; the
 * root layout puts the recorded states back once the page is hydrated, then stops.
 */
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
type State = { checked: boolean } | { value: string } | { selected: string[] };

const NOT_RESTORED = new Set(['file', 'hidden', 'submit', 'button', 'reset', 'image']);
const recorded = new Map<Control, State>();
let watching = false;

const isControl = (t: EventTarget | null): t is Control =>
  (t instanceof HTMLInputElement && !NOT_RESTORED.has(t.type)) || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;

const isToggle = (el: Control): el is HTMLInputElement => el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');

function stateOf(el: Control): State {
  if (isToggle(el)) return { checked: el.checked };
  if (el instanceof HTMLSelectElement) return { selected: [...el.selectedOptions].map((o) => o.value) };
  return { value: el.value };
}

/** Changed by the visitor: differs from what the server rendered. */
function isChanged(el: Control): boolean {
  if (isToggle(el)) return el.checked !== el.defaultChecked;
  if (el instanceof HTMLSelectElement) return [...el.options].some((o) => o.selected !== o.defaultSelected);
  return el.value !== el.defaultValue;
}

/** (A radio needs no care for its group: putting back the one ticked unticks the others.) */
function record(el: Control) {
  recorded.set(el, stateOf(el));
}

function onEvent(event: Event) {
  if (isControl(event.target)) record(event.target);
}

/** Called before hydration: records what was already changed, then every change until restoreEarlyInput. */
export function watchEarlyInput() {
  if (watching) return;
  watching = true;
  for (const el of document.querySelectorAll<Control>('input, textarea, select')) if (isControl(el) && isChanged(el)) record(el);
  document.addEventListener('input', onEvent, true);
  document.addEventListener('change', onEvent, true);
}

/**
 * Called once the page is hydrated: puts back each recorded state the hydration overwrote, with the event the
 * visitor's change would have fired (so a handler or a binding added later sees it), and stops watching.
 */
export function restoreEarlyInput() {
  document.removeEventListener('input', onEvent, true);
  document.removeEventListener('change', onEvent, true);
  watching = false;
  for (const [el, state] of recorded) {
    if (!el.isConnected || sameState(stateOf(el), state)) continue;
    if ('checked' in state) (el as HTMLInputElement).checked = state.checked;
    else if ('selected' in state) for (const o of (el as HTMLSelectElement).options) o.selected = state.selected.includes(o.value);
    else el.value = state.value;
    el.dispatchEvent(new Event('checked' in state || 'selected' in state ? 'change' : 'input', { bubbles: true }));
  }
  recorded.clear();
}

function sameState(a: State, b: State): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
