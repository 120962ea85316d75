// Inputs for every API method, generated from the contract's own schemas (zod → JSON Schema →
// fast-check), salted with what an attacker would send: reserved keys as ids and as object keys,
// unknown fields, markup, control characters, paths, huge and empty strings.
import fc from 'fast-check'
import { z } from 'zod'
import { contract, type MethodName } from '../../src/shared/api/contract'

interface JsonSchema {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  pattern?: string
  default?: unknown
}

export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'colour', 'toString', 'hasOwnProperty']
export const HOSTILE_STRINGS = [
  '__proto__',
  'constructor',
  'prototype',
  '<script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '\u0000\u0007\u001b[31mred\r',
  '\u202eevil',
  '../../../../etc/passwd',
  '[[claim:__proto__]]',
  '{{constructor.constructor("alert(1)")()}}',
  '---\ntitle: x\n---',
  '',
  ' ',
  'Ω≈ç√ Хабар алаң ё',
  'x'.repeat(5000)
]

/** An own property, as JSON.parse makes it: `obj.__proto__ = v` would set the prototype instead. */
function withOwn(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true })
  return obj
}

function fromSchema(schema: JsonSchema, ids: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if (schema.const !== undefined) return fc.constant(schema.const)
  const options = schema.anyOf ?? schema.oneOf
  if (options) return fc.oneof(...options.map((o) => fromSchema(o, ids, depth + 1)))
  if (schema.allOf?.[0]) return fromSchema(schema.allOf[0], ids, depth + 1)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string': {
      const max = Math.min(schema.maxLength ?? 200, 200)
      if (schema.pattern === '^[A-Za-z0-9_-]+$') {
        return fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 8 }, { arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'nope'), weight: 1 }, { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), weight: 1 })
      }
      return fc.oneof({ arbitrary: fc.string({ minLength: schema.minLength ?? 0, maxLength: max }), weight: 3 }, { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 1 })
    }
    case 'integer':
      return fc.oneof(fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 10_000, 10_000) }), fc.constantFrom(-1, 0, 2 ** 31))
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constantFrom(-1, 0, 1.5))
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      if (depth > 6) return fc.constant([])
      const item = schema.items ? fromSchema(schema.items, ids, depth + 1) : fc.anything()
      return fc.array(item, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) })
    }
    case 'object': {
      if (depth > 6) return fc.constant({})
      const props = Object.entries(schema.properties ?? {})
      const required = new Set(schema.required ?? [])
      const fields = props.map(([key, s]) => fc.tuple(fc.constant(key), required.has(key) ? fromSchema(s, ids, depth + 1).map((v) => ({ v })) : fc.option(fromSchema(s, ids, depth + 1).map((v) => ({ v })), { nil: undefined })))
      return fc.tuple(fc.tuple(...fields), fc.oneof({ arbitrary: fc.constant(undefined), weight: 7 }, { arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_KEYS), fc.anything()), weight: 1 })).map(([pairs, extra]) => {
        const obj: Record<string, unknown> = {}
        for (const [key, value] of pairs) if (value) withOwn(obj, key, value.v)
        if (extra) withOwn(obj, extra[0], extra[1])
        return obj
      })
    }
    default:
      return fc.anything()
  }
}

/** Inputs for one method: mostly shaped like its schema, sometimes anything at all. */
export function inputFor(method: MethodName, ids: readonly string[]): fc.Arbitrary<unknown> {
  const schema = z.toJSONSchema(contract[method].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  return fc.oneof({ arbitrary: fromSchema(schema, ids), weight: 19 }, { arbitrary: fc.anything(), weight: 1 })
}
