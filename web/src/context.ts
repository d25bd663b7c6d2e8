// What every page shares: the office, its census rounds, the chosen round and size scheme.

import type { OfficeDetail, Office, SizeScheme } from './api';

export interface AppContext {
  offices: Office[];
  office: OfficeDetail;
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
