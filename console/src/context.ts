import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CodeLabels } from './coded-text';
import type { Language, MessageKey } from './i18n';
import type { Session } from './session';
import type { LocalisedName } from './types';

export interface Ui {
  language: Language;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** A label for a value from data (`state.closed`, `value.high`): the value itself when unknown. */
  tl: (prefix: string, value: string) => string;
  name: (name: LocalisedName | undefined, code: string) => string;
  date: (iso: string | undefined | null) => string;
  /** How the codes the API writes read (domain values, commands, roles, the catalog's lists). */
  labels: CodeLabels;
  /** A sentence the server wrote, its codes as labels and its instants as times (coded-text.ts). */
  sentence: (text: string) => string;
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  session: Session;
  signOut: (expired?: boolean) => void;
  /** Says a message in the page's polite live region (and shows it). */
  announce: (message: string) => void;
}

export const UiContext = createContext<Ui | undefined>(undefined);

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi() outside the signed-in console');
  return ui;
}
