import type { ComponentChildren } from 'preact';

/** One column of a {@link DataTable}. */
export interface Column<T> {
  /** The column's name: its header, and on a responsive table each cell's `data-label` (shown beside the value on narrow screens). */
  label: string;
  /** What the header shows, where it is more than the label. */
  header?: ComponentChildren;
  cell: (row: T) => ComponentChildren;
  /** More attributes of each cell (`data-value`). */
  cellProps?: (row: T) => Record<string, string | number>;
}

/**
 * A table of rows in the console's one markup: scrolled sideways in its own box, a caption (hidden
 * unless asked for), column headers, and the first column as each row's header. `responsive` adds the
 * class and the `data-label`s that turn the rows into cards on narrow screens.
 */
export function DataTable<T>(props: {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Attributes of each row (`data-case`, `data-clause`: what tests and styles find a row by). */
  rowProps?: (row: T) => Record<string, string>;
  caption?: string;
  captionVisible?: boolean;
  responsive?: boolean;
  class?: string;
  id?: string;
}) {
  const { columns, responsive = false } = props;
  const tableClass = [props.class, responsive && 'responsive'].filter(Boolean).join(' ');
  return (
    <div class="table-wrap">
      <table class={tableClass || undefined} id={props.id}>
        {props.caption !== undefined && <caption class={props.captionVisible ? undefined : 'visually-hidden'}>{props.caption}</caption>}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column.header ?? column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)} {...props.rowProps?.(row)}>
              {columns.map((column, i) => {
                const Cell = i === 0 ? 'th' : 'td';
                return (
                  <Cell key={i} scope={i === 0 ? 'row' : undefined} data-label={responsive ? column.label : undefined} {...column.cellProps?.(row)}>
                    {column.cell(row)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
