// What every page shares: the session and its permissions, the office, its census rounds, the chosen
// round and size scheme.

import type { OfficeDetail, Permission, Session, SessionOffice, SizeScheme } from './api';

export interface AppContext {
  session: Session;
  /** The offices the user may choose between. */
  offices: SessionOffice[];
  office: OfficeDetail;
  /** Whether the user has `permission` in the office shown. */
  can(permission: Permission): boolean;
  /** Whether the user has `permission` for one school (of `office`, by default the office shown). */
  canSchool(permission: Permission, school: string, office?: string): boolean;
  /** Draws the current page again (after a save), keeping the address. */
  reload(): void;
  round: string;
  schemes: SizeScheme[];
  scheme: string;
  setScheme(code: string): void;
  /** False once the reader has gone to another page: late answers must not draw over it. */
  isCurrent(): boolean;
  query: URLSearchParams;
  /** Forgets the cached office, so the next page asks the server again (after an import). */
  invalidate(): void;
  /** Rewrites the hash's query without a new history entry or a re-render. */
  replaceQuery(values: Record<string, string | undefined>): void;
}

const STORE = 'khet.ui.';

export function remember(key: string, value: string): void {
  try {
    localStorage.setItem(STORE + key, value);
  } catch {
    // Private mode or storage off: the choice lasts only for this page.
  }
}

export function recall(key: string): string | null {
  try {
    return localStorage.getItem(STORE + key);
  } catch {
    return null;
  }
}
