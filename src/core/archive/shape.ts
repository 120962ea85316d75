import { z } from 'zod'
import { ArchiveIndexSchema } from '../../shared/model'

/**
 * What the store needs to know about the index, read from `ArchiveIndexSchema` itself so that a
 * new field or a new top-level collection needs no change here: every top-level array of objects
 * with an `id` is a collection, saved record by record; everything else (settings, the format
 * version, the revision) is a value, saved whole when it changes.
 */
export interface IndexShape {
  /** Collection name → the schema of one of its records. */
  readonly collections: ReadonlyMap<string, z.ZodType>
  /** Value name → its schema. */
  readonly values: ReadonlyMap<string, z.ZodType>
}

type Wrapper = { unwrap(): z.ZodType }

/** Looks through `.default()`, `.optional()`, `.nullable()`, `z.lazy()` and the like to the schema inside. */
function inner(schema: z.ZodType): z.ZodType {
  let current = schema
  while (
    current instanceof z.ZodDefault ||
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable ||
    current instanceof z.ZodPrefault ||
    current instanceof z.ZodReadonly ||
    current instanceof z.ZodCatch ||
    current instanceof z.ZodLazy
  ) {
    current = (current as unknown as Wrapper).unwrap()
  }
  return current
}

export function shapeOf(schema: z.ZodObject): IndexShape {
  const collections = new Map<string, z.ZodType>()
  const values = new Map<string, z.ZodType>()
  for (const [key, field] of Object.entries(schema.shape) as Array<[string, z.ZodType]>) {
    const list = inner(field)
    if (list instanceof z.ZodArray) {
      const element = list.element as z.ZodType
      const record = inner(element)
      if (record instanceof z.ZodObject && 'id' in record.shape) {
        collections.set(key, element)
        continue
      }
    }
    values.set(key, field)
  }
  return { collections, values }
}

export const indexShape: IndexShape = shapeOf(ArchiveIndexSchema)

/** The fields the store itself keeps: never saved as a value change of their own. */
export const MANAGED_VALUES: ReadonlySet<string> = new Set(['revision'])
