// The rules every environment variable follows. No imports: src/telemetry.ts reads its variables with
// these before the rest of the service loads.

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** The environment variable at fault. */
    readonly variable: string,
    rule: string,
  ) {
    super(`configuration ${variable}: ${rule}`);
  }
}

/**
 * The environment as the service reads it: a variable whose value is empty (or only spaces) is unset,
 * and takes its default. Templating (Helm, a ConfigMap) writes `PORT=` for a value left out; read as
 * it is, an empty value turns into 0 or '' and a feature off without a word.
 */
export function settingsOf(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

/** The values of NODE_ENV the service knows; `test` (what Jest sets) counts as unset. */
export const NODE_ENVS = ['production', 'development', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/**
 * NODE_ENV: `production`, `development` or `test`, or unset. Any other value is refused: `Production` or
 * `prod` read as "not production" would start a production node as a development one.
 */
export function nodeEnvOf(env: NodeJS.ProcessEnv): NodeEnv | undefined {
  const value = settingsOf(env).NODE_ENV;
  if (value === undefined || (NODE_ENVS as readonly string[]).includes(value)) return value as NodeEnv | undefined;
  throw new ConfigError(
    'NODE_ENV',
    `must be production, development or test (lower case), or unset, not ${JSON.stringify(value)}: production refuses to start without its secrets; development lets a node generate them into DATA_DIR`,
  );
}
