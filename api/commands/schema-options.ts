// CLI options and arguments derived from a use case's zod request schema, so the command line shows
// and enforces the same description, limits, choices and default as the HTTP and MCP schemas.
// A value the schema refuses is a one-line usage error (exit 2) naming the flag, worded the same on
// every command; the use case still parses the whole request, so a default applies in one place.
import { Argument, Option, type Command } from 'commander';
import { z } from 'zod';
import { PolicyGraphError } from '../../app/errors.js';

/** The part of a field's JSON Schema (zod's own z.toJSONSchema) a flag is declared from. */
export interface FieldLimits {
  type: 'integer' | 'number' | 'string' | 'boolean';
  /** Repeatable, comma-separable flag for an array field. */
  list: boolean;
  description?: string;
  default?: unknown;
  choices?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
}

/** A flag (or positional argument) bound to a field of the request; `field` is a dotted path (filters.theme). */
export interface FieldFlag {
  flag: string;
  field: string;
  /** CLI wording when the schema's description speaks of something else; limits still come from the schema. */
  description?: string;
}

interface JsonField {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  items?: JsonField;
  properties?: Record<string, JsonField>;
  anyOf?: JsonField[];
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** The bound flags of declared options, for the parity test (CLI limits = schema limits = HTTP limits). */
const boundFields = new WeakMap<Option | Argument, { field: string; limits: FieldLimits }>();

export function boundFieldOf(option: Option | Argument): { field: string; limits: FieldLimits } | undefined {
  return boundFields.get(option);
}

function usage(message: string): PolicyGraphError {
  return new PolicyGraphError('BAD_REQUEST', message);
}

/** The zod schema at a dotted path, with optional/default wrappers taken off. */
function zodAt(schema: AnyObject, path: string): z.ZodType {
  let current: z.ZodType = schema;
  for (const key of path.split('.')) {
    current = unwrap(current);
    const shape = (current as AnyObject).shape as Record<string, z.ZodType> | undefined;
    if (!shape?.[key]) throw new Error(`no field "${path}" in the request schema`);
    current = shape[key];
  }
  return unwrap(current);
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema as z.ZodType & { def: { type: string; innerType?: z.ZodType } };
  while (['optional', 'default', 'nullable', 'prefault'].includes(current.def.type) && current.def.innerType) current = current.def.innerType as typeof current;
  return current;
}

function jsonAt(json: JsonField, path: string): JsonField {
  let current = json;
  for (const key of path.split('.')) {
    const object = current.properties ? current : current.anyOf?.find((a) => a.properties);
    const next = object?.properties?.[key];
    if (!next) throw new Error(`no field "${path}" in the request schema`);
    current = next;
  }
  return current;
}

const jsonSchemas = new WeakMap<AnyObject, JsonField>();

/** The request's JSON Schema, input side (defaults included), made once per schema. */
function jsonSchemaOf(schema: AnyObject): JsonField {
  let json = jsonSchemas.get(schema);
  if (!json) jsonSchemas.set(schema, (json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonField));
  return json;
}

/** What a request field allows, read from the schema's JSON Schema. */
export function fieldLimits(schema: AnyObject, path: string): FieldLimits {
  const json = jsonAt(jsonSchemaOf(schema), path);
  const list = json.type === 'array';
  const item = list ? (json.items ?? {}) : json;
  const type = item.type === 'integer' || item.type === 'number' || item.type === 'boolean' ? item.type : 'string';
  const limits: FieldLimits = { type, list };
  const set = <K extends keyof FieldLimits>(key: K, value: FieldLimits[K] | undefined) => {
    if (value !== undefined) limits[key] = value;
  };
  set('description', json.description ?? item.description);
  set('default', json.default);
  set('choices', item.enum?.map(String));
  set('minimum', item.minimum);
  set('maximum', item.maximum);
  set('minLength', item.minLength);
  set('maxLength', item.maxLength);
  set('maxItems', list ? json.maxItems : undefined);
  return limits;
}

/** The limits as the help shows them: "1–100, default 10", "hybrid | dense | lexical". */
export function describeLimits(limits: FieldLimits): string {
  const parts: string[] = [];
  if (limits.choices) parts.push(limits.choices.join(' | '));
  else if (limits.minimum !== undefined && limits.maximum !== undefined) parts.push(`${limits.minimum}–${limits.maximum}`);
  else if (limits.maxLength !== undefined) parts.push(`at most ${limits.maxLength} characters`);
  if (limits.list) parts.push(`repeatable or comma-separated${limits.maxItems !== undefined ? `, at most ${limits.maxItems}` : ''}`);
  if (limits.default !== undefined && limits.type !== 'boolean') parts.push(`default ${String(limits.default)}`);
  return parts.join('; ');
}

/** The one wording of a refused value, from the field's limits. */
function refusal(name: string, limits: FieldLimits, raw: string): string {
  if (limits.choices) return `${name} must be one of ${limits.choices.join(', ')}, got "${raw}"`;
  if (limits.type === 'integer' || limits.type === 'number') {
    const kind = limits.type === 'integer' ? 'an integer' : 'a number';
    const range = limits.minimum !== undefined && limits.maximum !== undefined ? ` from ${limits.minimum} to ${limits.maximum}` : '';
    return `${name} must be ${kind}${range}, got "${raw}"`;
  }
  const min = Math.max(1, limits.minLength ?? 0);
  return `${name} must be ${min} to ${limits.maxLength ?? '∞'} characters of text, got ${raw.trim().length}`;
}

/** Parses one command-line value into the field's type and checks it with the field's own schema. */
function valueParser(name: string, item: z.ZodType, limits: FieldLimits): (raw: string) => unknown {
  return (raw) => {
    const value = limits.type === 'integer' || limits.type === 'number' ? (raw.trim() === '' ? NaN : Number(raw)) : raw;
    const parsed = item.safeParse(value);
    if (!parsed.success) throw usage(refusal(name, limits, raw));
    return parsed.data;
  };
}

function splitList(raw: string): string[] {
  return raw
    .split(/[,，]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A positional argument bound to a request field (`<query>`, `[query]`). */
export function schemaArgument(schema: AnyObject, spec: FieldFlag): Argument {
  const limits = fieldLimits(schema, spec.field);
  const name = spec.flag.replace(/[<>[\]]/g, '');
  const argument = new Argument(spec.flag, helpText(spec, limits)).argParser(valueParser(name, zodAt(schema, spec.field), limits));
  boundFields.set(argument, { field: spec.field, limits });
  return argument;
}

function helpText(spec: FieldFlag, limits: FieldLimits): string {
  const description = spec.description ?? limits.description;
  if (!description) throw new Error(`field "${spec.field}" has no description for ${spec.flag}: describe it in the schema or the flag`);
  const shown = describeLimits(limits);
  return shown ? `${description} (${shown})` : description;
}

/** A field's option: `--k <n>` for a value, `--strict` for a boolean that defaults off, `--no-x` for one that defaults on. */
export function schemaOption(schema: AnyObject, spec: FieldFlag): Option {
  const limits = fieldLimits(schema, spec.field);
  let option: Option;
  if (limits.type === 'boolean') {
    const negated = limits.default === true;
    // the schema describes the field, which a --no- flag turns off: the CLI words that itself
    if (negated && !spec.description) throw new Error(`${spec.flag} turns off "${spec.field}", which defaults on: give the --no- flag its own description`);
    option = new Option(negated ? `--no-${spec.flag.replace(/^--/, '')}` : spec.flag, helpText(spec, limits));
  } else {
    const placeholder = limits.type === 'integer' || limits.type === 'number' ? 'n' : spec.field.split('.').pop()!;
    option = new Option(`${spec.flag} <${placeholder}>`, helpText(spec, limits));
    const schemaAt = zodAt(schema, spec.field) as z.ZodType & { def: { element?: z.ZodType } };
    if (limits.list) {
      const parseItem = valueParser(spec.flag, unwrap(schemaAt.def.element!), limits);
      option.argParser((raw: string, previous: unknown[] = []) => {
        const values = [...previous, ...splitList(raw).map(parseItem)];
        if (limits.maxItems !== undefined && values.length > limits.maxItems) throw usage(`${spec.flag} takes at most ${limits.maxItems} values, got ${values.length}`);
        return values;
      });
    } else {
      option.argParser(valueParser(spec.flag, schemaAt, limits));
    }
  }
  boundFields.set(option, { field: spec.field, limits });
  return option;
}

/**
 * The flags of one use case's request: declares them on a command and turns the parsed options
 * back into the request (dotted fields nested; unset ones left out, so the schema's defaults apply).
 */
export class SchemaOptions {
  private readonly options: { spec: FieldFlag; option: Option }[];

  constructor(
    readonly schema: AnyObject,
    specs: FieldFlag[],
  ) {
    this.options = specs.map((spec) => ({ spec, option: schemaOption(schema, spec) }));
  }

  addTo(command: Command): Command {
    for (const { option } of this.options) command.addOption(option);
    return command;
  }

  argument(spec: FieldFlag): Argument {
    return schemaArgument(this.schema, spec);
  }

  /** The request fields the options set (plus `extra`, e.g. the positional query). */
  request(opts: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const request: Record<string, unknown> = { ...extra };
    for (const { spec, option } of this.options) {
      const value = opts[option.attributeName()];
      // a boolean flag that defaults on is only sent when turned off; others when given
      if (value === undefined || (option.negate && value === true)) continue;
      const keys = spec.field.split('.');
      let target = request;
      for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
      target[keys.at(-1)!] = value;
    }
    return request;
  }
}
