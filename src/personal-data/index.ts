export { complainantCasesReadModel } from './complainant-cases.read-model.js';
export { loadMasterKey } from './master-key.js';
export { openCodec } from './open-codec.js';
export { PersonalDataModule } from './personal-data.module.js';
export { PERSONAL_DATA_VAULT } from './tokens.js';
export { PersonalDataVault, type SealedPersonalData } from './vault.js';
