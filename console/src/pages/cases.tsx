import { InboxPage } from './inbox';

/** Every case, for those who read rather than handle them (auditors, managers). */
export function CasesPage() {
  return <InboxPage mode="cases" />;
}
