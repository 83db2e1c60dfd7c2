import { isLuhnValid } from '../../service/src/contract/common.ts';

/** The SIREN made of 8 digits and the check digit that gives it a valid Luhn key. */
export function sirenFrom(eightDigits: string): string {
  for (let k = 0; k < 10; k++) if (isLuhnValid(eightDigits + k)) return eightDigits + k;
  throw new Error('unreachable: one of ten check digits is always valid');
}

let sirenSeq = 0;
/** A fresh valid SIREN, unlikely to repeat across test files running in parallel. */
export function newSiren(): string {
  return sirenFrom(String(Date.now() % 1e5).padStart(5, '0') + String(sirenSeq++ % 1000).padStart(3, '0'));
}
