import { main } from '../../scripts/import.js';

/** `npm run import` in-process: its exit code and what it printed. */
export async function runImport(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, env, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progress: undefined });
  return { code, stdout, stderr };
}
