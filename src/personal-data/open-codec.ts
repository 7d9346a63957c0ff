import { ComplaintCodec } from '../complaint-stream/index.js';
import type { SqlClient } from '../sql/index.js';
import { PersonalDataVault } from './vault.js';

/** The vault (its key table created if missing) and the codec over it, for tools that work without the service. */
export async function openCodec({ sql, schema }: { sql: SqlClient; schema: string }, masterKey: Buffer): Promise<{ vault: PersonalDataVault; codec: ComplaintCodec }> {
  const vault = await PersonalDataVault.open(sql, `"${schema}"`, masterKey);
  return { vault, codec: new ComplaintCodec(vault) };
}
