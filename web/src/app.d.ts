import type { Me } from '$contract/accounts.ts';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in account (from GET /api/me), or null for an anonymous visitor. */
      me: Me | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
