/** Graphviz HTML-like labels: text must be escaped, and every cell is written the same way. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface Cell {
  text: string;
  fill?: string;
  ink?: string;
  bold?: boolean;
  strike?: boolean;
  colspan?: number;
  align?: 'left' | 'center' | 'right';
  size?: number;
}

export function cell(c: Cell): string {
  let inner = esc(c.text);
  // Graphviz rejects an empty <font> or <b> and then silently draws an empty box.
  if (inner === '') return `<td${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}> </td>`;
  if (c.bold) inner = `<b>${inner}</b>`;
  if (c.strike) inner = `<s>${inner}</s>`;
  const font = [c.ink ? ` color="${c.ink}"` : '', c.size ? ` point-size="${c.size}"` : ''].join('');
  if (font) inner = `<font${font}>${inner}</font>`;
  const attrs = [
    c.fill ? ` bgcolor="${c.fill}"` : '',
    c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : '',
    ` align="${c.align ?? 'left'}"`,
  ].join('');
  return `<td${attrs}>${inner}</td>`;
}

export function row(cells: Cell[]): string {
  return `<tr>${cells.map(cell).join('')}</tr>`;
}

/** A box as a table: rows of cells, a border colour and a background. */
export function table(rows: string[], options: { border?: string; fill?: string; dashed?: boolean } = {}): string {
  const attrs = [
    ' border="1" cellborder="0" cellspacing="2" cellpadding="3"',
    options.border ? ` color="${options.border}"` : '',
    options.fill ? ` bgcolor="${options.fill}"` : '',
    options.dashed ? ' style="dashed"' : '',
  ].join('');
  return `<<table${attrs}>${rows.join('')}</table>>`;
}
