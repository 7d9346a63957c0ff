import { useEffect, useState } from 'preact/hooks';
import { useUi } from './context';
import { FIRST_YEAR, parseQuarter, parseYear } from './quarter';

/**
 * A quarter (`2011-Q3`) or a year (`2011`) of the reports, as a filter that applies as soon as what is
 * typed is one: any from 1970 to now, the recent ones offered as suggestions. What is not one is said
 * beside the field and changes nothing.
 */
export function PeriodFilter({
  id,
  label,
  kind,
  value,
  onChange,
  recent,
  firstYear = FIRST_YEAR,
}: {
  id: string;
  label: string;
  kind: 'quarter' | 'year';
  value: string;
  onChange: (value: string) => void;
  recent: readonly string[];
  /** The first year the page's report takes (a year beside the one before it starts a year later). */
  firstYear?: number;
}) {
  const { t } = useUi();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const parse = (typed: string) => (kind === 'quarter' ? parseQuarter(typed) : parseYear(typed, new Date(), firstYear)?.toString());
  const invalid = parse(text) === undefined;
  const hint = kind === 'quarter' ? t('period.quarterHint') : t('period.yearHint', { first: firstYear });
  return (
    <form class="filters panel" onSubmit={(e) => e.preventDefault()}>
      <div class="field">
        <label for={id}>{label}</label>
        <input
          id={id}
          class="period"
          value={text}
          list={`${id}-recent`}
          inputMode={kind === 'year' ? 'numeric' : 'text'}
          autocomplete="off"
          aria-invalid={invalid}
          aria-describedby={`${id}-hint`}
          onInput={(e) => {
            const typed = e.currentTarget.value;
            setText(typed);
            const period = parse(typed);
            if (period !== undefined && period !== value) onChange(period);
          }}
        />
        <datalist id={`${id}-recent`}>
          {recent.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <p id={`${id}-hint`} class={invalid ? 'field-error' : 'help'}>
          {invalid ? t('period.invalid', { hint }) : hint}
        </p>
      </div>
    </form>
  );
}
