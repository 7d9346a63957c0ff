import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type FieldError } from './api';
import { calendarInstant } from './calendar-zone';
import { fieldLabel } from './components';
import { useUi } from './context';
import { knownRule } from './portal-rules';

/** The part of JSON Schema the API's request bodies use (class-validator-jsonschema's output). */
export interface Schema {
  type?: string;
  enum?: string[];
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  items?: Schema;
  oneOf?: Schema[];
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/**
 * Arrays of nested objects come out of the generator as `items: {$ref: ".../Array"}`, naming no
 * class: these say which schema their items are, until the API's description names it itself.
 */
const ITEM_SCHEMAS: Record<string, string> = { 'RecordFindingsBody.subjects': 'SubjectFindingBody', 'ReceiveBody.subjects': 'SubjectBody' };

export function refName(schema: Schema | undefined): string | undefined {
  return schema?.$ref?.split('/').pop();
}

/** The request body schema of `POST path` in the API description. */
export function requestSchemaName(doc: OpenApi, path: string): string | undefined {
  const content = doc.paths[path]?.post?.requestBody?.content?.['application/json'];
  return refName(content?.schema);
}

/** Choices for a field, by its schema and name (`SubjectFindingBody.reason`), its path (`route.body`), or its name (`department`), the first found. */
export type Options = Record<string, { value: string; label: string }[]>;
export type Value = Record<string, unknown>;

interface Ctx {
  doc: OpenApi;
  formId: string;
  options: Options;
  errors: Map<string, string[]>;
  /** Fields marked required beyond the schema's (`EvaluationDraftBody.quarter`). */
  needed: ReadonlySet<string>;
  /** A hint under a field, by its path: the format it takes. */
  hints: Record<string, string>;
  /** Fields left out, by schema and name. */
  omit: ReadonlySet<string>;
  /** Values offered for a free-text field, by name as `options`: any other value may still be typed. */
  suggestions: Options;
}

const isDate = (s: Schema) => s.format === 'date-time' || (s.oneOf?.some((o) => o.format === 'date-time') ?? false);
/** A calendar date (`2027-03-31`, a due date): the browser's date picker gives it as the API takes it. */
const isDay = (s: Schema) => s.format === 'date';
const inputId = (formId: string, path: string) => `${formId}-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
/** The API names nested fields `a.b` and `a[0].b`; the form names them `a.b` and `a.0.b`. */
const normalise = (field: string) => field.replace(/\[(\d+)\]/g, '.$1');

/**
 * A form for one request body, built from its schema in the API description: each field with its
 * label, the API's 400 answers shown beside the fields they name, and a summary at the top.
 */
export function SchemaForm(props: {
  doc: OpenApi;
  schemaName: string;
  formId: string;
  submitLabel: string;
  options?: Options;
  /** Values offered for a free-text field (`handler`: the department's handlers), by name as `options`; others may be typed. */
  suggestions?: Options;
  /** What the form starts with (the decision's basis when communicating it). */
  initial?: Value;
  /** Fields the form asks for though the API would default them (`EvaluationDraftBody.quarter`): marked required. */
  needed?: string[];
  /** A hint under a field, by its path (`quarter`): the format it takes. */
  hints?: Record<string, string>;
  /** Fields left out of the form, by schema and name (`CompensationBody.exception`): ones this user may not give. */
  omit?: string[];
  send: (body: Value) => Promise<void>;
  onError: (error: unknown) => void;
  onCancel?: () => void;
  /** Each change of what is typed: a page that remounts the form (a reload) gives it back as `initial`. */
  onChange?: (value: Value) => void;
}) {
  const { t, tl, language } = useUi();
  const schema = props.doc.components?.schemas?.[props.schemaName];
  // The API words its rules in English: on the Korean page the common ones read in Korean (the portal's table), others as the API gives them.
  const ruleText = (rule: string) => (language === 'ko' ? (knownRule('ko', rule) ?? rule) : rule);
  const [value, setValue] = useState<Value>(props.initial ?? {});
  useEffect(() => props.onChange?.(value), [value]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  if (!schema) return <p class="message error">{t('form.unknownCommand', { command: props.schemaName })}</p>;

  const byField = new Map<string, string[]>();
  for (const e of errors) byField.set(normalise(e.field), [...(byField.get(normalise(e.field)) ?? []), ruleText(e.rule)]);
  const ctx: Ctx = { doc: props.doc, formId: props.formId, options: props.options ?? {}, errors: byField, needed: new Set(props.needed ?? []), hints: props.hints ?? {}, omit: new Set(props.omit ?? []), suggestions: props.suggestions ?? {} };

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      await props.send(bodyOf(props.doc, props.schemaName, schema!, value) ?? {});
      setErrors([]);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.fieldErrors.length > 0) {
        setErrors(error.fieldErrors);
        window.setTimeout(() => summary.current?.focus(), 0);
      } else {
        setErrors([]);
        props.onError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="schema-form" id={props.formId} onSubmit={submit} noValidate>
      {errors.length > 0 && (
        <div class="message error" role="alert" tabIndex={-1} ref={summary}>
          <p>{t('error.fields')}</p>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>
                <a href={`#${inputId(props.formId, normalise(e.field))}`} onClick={(ev) => { ev.preventDefault(); document.getElementById(inputId(props.formId, normalise(e.field)))?.focus(); }}>
                  {fieldLabel(tl, normalise(e.field))}
                </a>
                : {ruleText(e.rule)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Fields ctx={ctx} owner={props.schemaName} schema={schema} path="" value={value} onChange={setValue} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('form.sending') : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function resolve(doc: OpenApi, schema: Schema): Schema {
  const name = refName(schema);
  return (name && doc.components?.schemas?.[name]) || schema;
}

function itemSchema(doc: OpenApi, owner: string, key: string, schema: Schema): { name: string; schema: Schema } | undefined {
  const named = refName(schema.items);
  const name = named && named !== 'Array' && doc.components?.schemas?.[named] ? named : ITEM_SCHEMAS[`${owner}.${key}`];
  const found = name ? doc.components?.schemas?.[name] : undefined;
  return name && found ? { name, schema: found } : undefined;
}

/**
 * Fields the API needs though the schema cannot say so (an assessment that excludes the case needs
 * neither): marked required, left to the API to judge.
 */
const NEEDED_BY_API = new Set(['AssessBody.severity', 'AssessBody.safetyIssue']);

/**
 * Bodies that are one thing or another: an initial assessment either assesses the case (severity and
 * safety needed, priority optional) or excludes it (the reason and a note, nothing else: the API refuses
 * both at once). Once `when` is chosen, `hides` are neither shown nor sent; until then `only` are not.
 */
const ALTERNATIVES: Record<string, { when: string; hides: string[]; only: string[] }> = {
  AssessBody: { when: 'exclusion', hides: ['severity', 'safetyIssue', 'priority'], only: ['note'] },
};

/** The fields of `owner` left out for what is chosen in `value` (ALTERNATIVES). */
function leftOut(owner: string, value: Value): ReadonlySet<string> {
  const alternative = ALTERNATIVES[owner];
  if (!alternative) return new Set();
  const chosen = value[alternative.when] !== undefined && value[alternative.when] !== '';
  return new Set(chosen ? alternative.hides : alternative.only);
}

/** `optional`: the fields of an optional group (a decision's compensation): none of them is required unless the group is given. */
function Fields({ ctx, owner, schema, path, value, onChange, optional = false }: { ctx: Ctx; owner: string; schema: Schema; path: string; value: Value; onChange: (v: Value) => void; optional?: boolean }) {
  const required = new Set(optional ? [] : (schema.required ?? []));
  const hidden = leftOut(owner, value);
  // An alternative's own fields, once it is chosen, are needed (an exclusion's note).
  const chosenNeeds = new Set((ALTERNATIVES[owner]?.only ?? []).filter((key) => !hidden.has(key)));
  return (
    <>
      {Object.entries(schema.properties ?? {}).filter(([key]) => !ctx.omit.has(`${owner}.${key}`) && !hidden.has(key)).map(([key, property]) => (
        <Field
          key={key}
          ctx={ctx}
          owner={owner}
          name={key}
          path={path ? `${path}.${key}` : key}
          schema={property}
          required={required.has(key)}
          marked={required.has(key) || NEEDED_BY_API.has(`${owner}.${key}`) || chosenNeeds.has(key) || ctx.needed.has(`${owner}.${key}`)}
          value={value[key]}
          onChange={(v) => onChange({ ...value, [key]: v })}
        />
      ))}
    </>
  );
}

function Field(props: { ctx: Ctx; owner: string; name: string; path: string; schema: Schema; required: boolean; marked: boolean; value: unknown; onChange: (v: unknown) => void }) {
  const { t, tl } = useUi();
  const { ctx, path, required } = props;
  const schema = resolve(ctx.doc, props.schema);
  const id = inputId(ctx.formId, path);
  const label = fieldLabel(tl, path, props.owner);
  const errors = ctx.errors.get(path) ?? [];
  const errorId = `${id}-error`;
  const hint = ctx.hints[path];
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : undefined, errors.length > 0 ? errorId : undefined].filter(Boolean).join(' ');
  const described = { ...(errors.length > 0 ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
  const errorText = errors.length > 0 && (
    <p class="field-error" id={errorId}>
      {errors.join('; ')}
    </p>
  );
  const mark = props.marked && <span class="required"> ({t('form.required')})</span>;
  /** An object or a list: its fields under the field's name as the legend, its errors first. */
  const group = (children: ComponentChildren) => (
    <fieldset class="group" id={id} tabIndex={-1}>
      <legend>
        {label}
        {mark}
      </legend>
      {errorText}
      {children}
    </fieldset>
  );

  if (schema.type === 'object' && schema.properties) {
    const owner = refName(props.schema) ?? props.owner;
    return group(<Fields ctx={ctx} owner={owner} schema={schema} path={path} value={(props.value as Value) ?? {}} onChange={props.onChange} optional={!required} />);
  }

  if (schema.type === 'array' && resolve(ctx.doc, schema.items ?? {}).type === 'string') {
    // A list of plain values (e.g. cooperating departments): one field per entry, a choice where the form offers them.
    const entries = (props.value as string[] | undefined) ?? [];
    const choices = ctx.options[`${props.owner}.${props.name}`] ?? ctx.options[props.name];
    return group(
      <>
        {entries.map((entry, i) => {
          const entryId = inputId(ctx.formId, `${path}.${i}`);
          const set = (v: string) => props.onChange(entries.map((old, j) => (j === i ? v : old)));
          return (
            <div class="field item" key={i}>
              <label for={entryId}>{t('form.item', { n: i + 1 })}</label>
              {choices ? (
                <select id={entryId} value={entry} onChange={(e) => set(e.currentTarget.value)}>
                  <option value="">{t('form.choose')}</option>
                  {choices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input id={entryId} type="text" value={entry} onInput={(e) => set(e.currentTarget.value)} />
              )}
              <button type="button" onClick={() => props.onChange(entries.filter((_, j) => j !== i))}>
                {t('form.remove', { item: label, n: i + 1 })}
              </button>
            </div>
          );
        })}
        <button type="button" onClick={() => props.onChange([...entries, ''])}>
          {t('form.add', { item: label })}
        </button>
      </>,
    );
  }

  if (schema.type === 'array') {
    const item = itemSchema(ctx.doc, props.owner, props.name, schema);
    const items = (props.value as Value[] | undefined) ?? [];
    const itemName = props.name === 'subjects' ? tl('field', 'subject') : label;
    return group(
      <>
        {item &&
          items.map((entry, i) => (
            <fieldset class="group item" key={i}>
              <legend>{t('form.item', { n: i + 1 })}</legend>
              <Fields ctx={ctx} owner={item.name} schema={item.schema} path={`${path}.${i}`} value={entry} onChange={(v) => props.onChange(items.map((old, j) => (j === i ? v : old)))} />
              <button type="button" onClick={() => props.onChange(items.filter((_, j) => j !== i))}>
                {t('form.remove', { item: itemName, n: i + 1 })}
              </button>
            </fieldset>
          ))}
        {item && (
          <button type="button" onClick={() => props.onChange([...items, {}])}>
            {t('form.add', { item: itemName })}
          </button>
        )}
      </>,
    );
  }

  const text = (props.value as string | undefined) ?? '';
  const set = (e: Event) => props.onChange((e.currentTarget as HTMLInputElement).value);
  // The body's own choices first (a reassignment's departments are not a receipt's), then the field's path, then its name.
  const choices = ctx.options[`${props.owner}.${props.name}`] ?? ctx.options[path] ?? ctx.options[props.name] ?? schema.enum?.map((v) => ({ value: v, label: tl('value', v) }));
  const suggested = ctx.suggestions[`${props.owner}.${props.name}`] ?? ctx.suggestions[props.name];
  let control;
  if (schema.type === 'boolean' && required) {
    return (
      <div class="field check">
        <input type="checkbox" id={id} checked={props.value === true} onChange={(e) => props.onChange(e.currentTarget.checked)} {...described} />
        <label for={id}>{label}</label>
        {errorText}
      </div>
    );
  } else if (schema.type === 'boolean') {
    control = (
      <select id={id} value={props.value === undefined ? '' : String(props.value)} onChange={(e) => props.onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'true')} {...described}>
        <option value="">{t('common.unset')}</option>
        <option value="true">{t('common.yes')}</option>
        <option value="false">{t('common.no')}</option>
      </select>
    );
  } else if (choices) {
    control = (
      <select id={id} value={text} onChange={set} required={required} {...described}>
        <option value="">{required ? t('form.choose') : t('common.unset')}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    );
  } else if (schema.type === 'integer' || schema.type === 'number') {
    control = (
      <input
        id={id}
        type="number"
        inputMode={schema.type === 'integer' ? 'numeric' : 'decimal'}
        step={schema.type === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum}
        value={text}
        onInput={set}
        required={required}
        {...described}
      />
    );
  } else if (isDate(schema)) {
    control = <input id={id} type="datetime-local" value={text} onInput={set} required={required} {...described} />;
  } else if (isDay(schema)) {
    control = <input id={id} type="date" value={text} onInput={set} required={required} {...described} />;
  } else if ((schema.maxLength ?? 0) >= 2000) {
    control = <textarea id={id} rows={3} value={text} onInput={set} required={required} {...described} />;
  } else {
    control =
      schema.format === 'email' ? (
        <input id={id} type="email" value={text} onInput={set} required={required} {...described} />
      ) : (
        <input id={id} type="text" value={text} onInput={set} required={required} list={suggested ? `${id}-suggestions` : undefined} {...described} />
      );
  }
  return (
    <div class="field">
      <label for={id}>
        {label}
        {mark}
      </label>
      {control}
      {suggested && (
        <datalist id={`${id}-suggestions`}>
          {suggested.map((s) => (
            <option key={s.value} value={s.value} label={s.label} />
          ))}
        </datalist>
      )}
      {hint && (
        <p class="help" id={hintId}>
          {hint}
        </p>
      )}
      {errorText}
    </div>
  );
}

/**
 * The JSON body the form's values stand for: empty fields are left out (an optional object with
 * nothing filled in too; a required one is sent empty), numbers are numbers and local date-times,
 * read in the calendar's time zone, become ISO instants with its offset. Anything
 * else is sent as typed, for the API to judge.
 */
export function bodyOf(doc: OpenApi, owner: string, schema: Schema, value: Value): Value | undefined {
  const body: Value = {};
  const required = new Set(schema.required ?? []);
  const hidden = leftOut(owner, value);
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (hidden.has(key)) continue;
    const resolved = resolve(doc, property);
    // A required list or group that was left alone is an empty one: the API judges whether that will do.
    const raw = value[key] ?? (required.has(key) && resolved.type === 'object' ? {} : required.has(key) && resolved.type === 'array' ? [] : undefined);
    // An unticked box of a required yes/no is a no.
    if (raw === undefined && resolved.type === 'boolean' && required.has(key)) body[key] = false;
    if (raw === undefined || raw === '') continue;
    if (resolved.type === 'object' && resolved.properties) {
      const nested = bodyOf(doc, refName(property) ?? owner, resolved, raw as Value);
      // A required group with nothing filled in is sent empty (an anonymous complainant: `{}`), for the API to judge.
      if (nested) body[key] = nested;
      else if (required.has(key)) body[key] = {};
    } else if (resolved.type === 'array') {
      const item = itemSchema(doc, owner, key, resolved);
      // A plain value left empty is no entry.
      body[key] = (raw as unknown[]).filter((entry) => entry !== '').map((entry) => (item ? (bodyOf(doc, item.name, item.schema, entry as Value) ?? {}) : entry));
    } else if ((resolved.type === 'integer' || resolved.type === 'number') && typeof raw === 'string') {
      body[key] = raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    } else if (isDate(resolved) && typeof raw === 'string') {
      // Typed in the calendar's time zone, as every time is shown, whatever the browser's zone.
      body[key] = calendarInstant(raw) ?? raw;
    } else {
      body[key] = raw;
    }
  }
  return Object.keys(body).length > 0 ? body : undefined;
}
