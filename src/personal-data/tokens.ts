/** The `PersonalDataVault`. */
export const PERSONAL_DATA_VAULT = Symbol('PersonalDataVault');
