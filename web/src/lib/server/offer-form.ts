import { list, numberField, optionalText, text, valuesOf } from './forms.ts';

/** The offer form as the API's OfferCreate/OfferUpdate body, or the field errors found before calling it. */
export function readOfferForm(fd: FormData) {
  const values = valuesOf(fd);
  const errors: Record<string, string> = {};
  const int = (name: string) => numberField(fd, name, errors, { integer: true }) ?? null;
  const body = {
    kind: text(fd, 'kind'),
    title: text(fd, 'title'),
    description: text(fd, 'description'),
    skills: list(fd, 'skills'),
    themes: list(fd, 'themes'),
    hours: int('hours'),
    budgetMinEur: int('budgetMinEur'),
    budgetMaxEur: int('budgetMaxEur'),
    people: int('people'),
    capacity: int('capacity') ?? 1,
    startsOn: optionalText(fd, 'startsOn') ?? null,
    endsOn: optionalText(fd, 'endsOn') ?? null,
  };
  return { body, values, errors };
}
