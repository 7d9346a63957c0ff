const DRAFTS = 'complaint-console.drafts';

/**
 * What was typed in a command's form and not sent, by user, case and command: kept for the tab
 * (sessionStorage), so that a refresh, a case left and come back to, or signing in again after the token
 * expired finds it. Gone once sent or cancelled, and on signing out.
 */
export const formDrafts = {
  get(userId: string, caseId: string, command: string): Record<string, unknown> | undefined {
    return readDrafts()[draftKey(userId, caseId, command)];
  },
  set(userId: string, caseId: string, command: string, value: Record<string, unknown>): void {
    writeDrafts({ ...readDrafts(), [draftKey(userId, caseId, command)]: value });
  },
  delete(userId: string, caseId: string, command: string): void {
    const { [draftKey(userId, caseId, command)]: _gone, ...rest } = readDrafts();
    writeDrafts(rest);
  },
  clear(): void {
    sessionStorage.removeItem(DRAFTS);
  },
};

const draftKey = (userId: string, caseId: string, command: string) => JSON.stringify([userId, caseId, command]);

function readDrafts(): Record<string, Record<string, unknown>> {
  try {
    const stored = JSON.parse(sessionStorage.getItem(DRAFTS) ?? '{}') as unknown;
    return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, Record<string, unknown>>) : {};
  } catch {
    return {};
  }
}

function writeDrafts(drafts: Record<string, Record<string, unknown>>): void {
  try {
    sessionStorage.setItem(DRAFTS, JSON.stringify(drafts));
  } catch {
    // A full storage keeps the drafts of this page only: typing goes on.
  }
}
