/**
 * The closed set of domain errors. Core code throws only these; the HTTP layer turns them into
 * RFC 9457 problem details (see http/problem.ts). Anything else is a bug and answers a plain 500.
 */
export type FieldIssue = { path: string; message: string };

export class DomainError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'invalid' | 'forbidden' | 'unauthorized' | 'rate-limited',
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(message: string) {
    super('not-found', message);
  }
}
export class Conflict extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}
export class Invalid extends DomainError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super('invalid', message, issues);
  }
}
export class Forbidden extends DomainError {
  constructor(message = "Vous n'avez pas le droit de faire cette action.") {
    super('forbidden', message);
  }
}
export class Unauthorized extends DomainError {
  constructor(message = 'Connexion requise.') {
    super('unauthorized', message);
  }
}
export class RateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate-limited', message);
  }
}
