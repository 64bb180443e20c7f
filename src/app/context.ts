import type { ActorKind, SourceKind } from '../contract/audit';
import type {
  AccountStore,
  AuditLog,
  CallerPermissions,
  Clock,
  Directory,
  SettingsStore,
  WebhookSecretStore,
} from './ports';

/** Who is acting and from where: the audit trail's "who" and "where from". */
export interface Invocation {
  actorId: string | null;
  actorKind: ActorKind;
  source: { kind: SourceKind; module: string; key: string };
}

/** Everything the registry use cases need, as ports. */
export interface RegistryDeps {
  accounts: AccountStore;
  audit: AuditLog;
  directory: Directory;
  settings: SettingsStore;
  secrets: WebhookSecretStore;
  clock: Clock;
}

export type { CallerPermissions };
