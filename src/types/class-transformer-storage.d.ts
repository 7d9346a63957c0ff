// class-transformer keeps the @Type metadata in a module it does not export a type path for.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage.js';
}
