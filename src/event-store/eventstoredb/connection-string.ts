/** Connection strings, apart from the client so that checking a setting does not load gRPC. */
const CONNECTION_STRING = /^(esdb|esdb\+discover):\/\/[^\s]+$/;

/** The 6.x client understands `esdb://` (nodes listed) and `esdb+discover://` (cluster DNS). */
export const isEventStoreDbConnectionString = (url: string): boolean => CONNECTION_STRING.test(url);

/** The connection string without credentials, for logs and health details. */
export function redactConnectionString(url: string): string {
  return url.replace(/^([a-z+]+:\/\/)[^@/?]*@/i, '$1***@');
}
