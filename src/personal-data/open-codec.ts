import { ComplaintCodec } from '../complaint-stream/index.js';
import type { SqlClient } from '../sql/index.js';
import { PersonalDataVault } from './vault.js';

/**
 * The vault (its key table created if missing) and the codec over it, for tools that work without the
 * service. Refuses, as the service does, a master key that opens none of the store's data keys.
 */
export async function openCodec({ sql, schema }: { sql: SqlClient; schema: string }, masterKey: Buffer): Promise<{ vault: PersonalDataVault; codec: ComplaintCodec }> {
  const vault = await PersonalDataVault.open(sql, `"${schema}"`, masterKey);
  await vault.assertMasterKeyOpens();
  return { vault, codec: new ComplaintCodec(vault) };
}
