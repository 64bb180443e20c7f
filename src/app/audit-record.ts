import type { AuditRecordDto } from '../contract/audit';
import type { RegistryDeps } from './context';
import { notFound } from './errors';

/** One audit record by its sequence number, as sealed (the record detail view). */
export async function getAuditRecord(input: { seq: number }, deps: RegistryDeps): Promise<AuditRecordDto> {
  const [found] = await deps.audit.readFrom(input.seq, 1);
  if (!found || found.keySeq !== input.seq)
    throw notFound(`The audit log has no record #${String(input.seq)}.`);
  return found.record;
}
