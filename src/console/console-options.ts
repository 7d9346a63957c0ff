import type { Catalog } from '../../domain/catalog.js';

/** Injection token of {@link ConsoleOptions}. */
export const CONSOLE_OPTIONS = Symbol('ConsoleOptions');

export interface ConsoleOptions {
  production: boolean;
  catalog: Catalog;
  /** The built console (index.html and assets/); the package's dist/console unless a test says otherwise. */
  directory: string;
}
