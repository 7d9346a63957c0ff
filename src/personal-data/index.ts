export { complainantCasesReadModel } from './complainant-cases.read-model.js';
export { loadMasterKey } from './master-key.js';
export { openCodec } from './open-codec.js';
export { PersonalDataVault } from './vault.js';
