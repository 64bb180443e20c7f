/** Custom Entity definitions (manifest `app.storage.entities`) and value validation (FORGE-FACTS §4.3). */
import { badRequest } from './errors.js';

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export interface EntityDefinition {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes?: (string | { name: string; partition?: string[]; range: string[] })[];
}

export interface IndexDef {
  name: string;
  partition: string[];
  /** The one range attribute; `'key'` for the built-in `by-key` index. */
  range: string;
}

export interface Entity {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: Map<string, IndexDef>;
}

export const BY_KEY = 'by-key';

/** Compiles the manifest shape; a malformed definition is a programming error, so it throws at construction. */
export function compileEntity(def: EntityDefinition): Entity {
  const attributes = new Map(Object.entries(def.attributes).map(([n, a]) => [n, a.type] as const));
  const indexes = new Map<string, IndexDef>();
  for (const raw of def.indexes ?? []) {
    const ix: IndexDef =
      typeof raw === 'string'
        ? { name: raw, partition: [], range: raw }
        : { name: raw.name, partition: raw.partition ?? [], range: raw.range[0] ?? '' };
    if (typeof raw !== 'string' && raw.range.length !== 1)
      throw new Error(`entity ${def.name} index ${ix.name}: exactly one range attribute expected`);
    for (const a of [...ix.partition, ix.range]) {
      const t = attributes.get(a);
      if (t === undefined || t === 'any')
        throw new Error(`entity ${def.name} index ${ix.name}: attribute ${a} is not an indexable attribute`);
    }
    if (indexes.has(ix.name) || ix.name === BY_KEY)
      throw new Error(`entity ${def.name}: duplicate index ${ix.name}`);
    indexes.set(ix.name, ix);
  }
  return { name: def.name, attributes, indexes };
}

/** Does `v` have the given attribute type? (`any` accepts every JSON value except null.) */
export function hasType(v: unknown, type: AttributeType): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'float':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'any':
      return v !== null && v !== undefined;
  }
}

/** An entity value is an object whose properties are declared attributes of the right type. */
export function checkEntityValue(entity: Entity, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest('INVALID_ENTITY_VALUE', `A value of entity ${entity.name} must be an object`);
  for (const [name, v] of Object.entries(value)) {
    const type = entity.attributes.get(name);
    if (type === undefined)
      throw badRequest(
        'INVALID_ENTITY_ATTRIBUTE',
        `Attribute ${name} is not defined on entity ${entity.name}`,
      );
    if (!hasType(v, type))
      throw badRequest(
        'INVALID_ENTITY_VALUE',
        `Attribute ${name} of entity ${entity.name} must be of type ${type}`,
      );
  }
  return value as Record<string, unknown>;
}

/** Entity name rules (FORGE-FACTS §4.3) and lookup; unknown names → `INVALID_ENTITY_TYPE`. */
export function lookupEntity(entities: Map<string, Entity>, name: unknown): Entity {
  if (typeof name !== 'string') throw badRequest('INVALID_ENTITY_TYPE', 'entityName must be a string');
  if (name.length < 3)
    throw badRequest('ENTITY_TYPE_TOO_SHORT', 'The entity name needs to be at least 3 characters.');
  if (name.length > 60)
    throw badRequest('ENTITY_TYPE_TOO_LARGE', 'The entity name has exceeded the maximum 60 characters.');
  const entity = entities.get(name);
  if (!entity) throw badRequest('INVALID_ENTITY_TYPE', `Entity ${name} is not defined in the manifest`);
  return entity;
}
