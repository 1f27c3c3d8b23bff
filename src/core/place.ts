// Where something was seen, as every face prints it: "src/train.py:40", "notebooks/a.ipynb cell 3:2".

export function placeOf(p: { file?: string; line?: number; cell?: number }): string {
  if (!p.file) return '';
  return `${p.file}${p.cell !== undefined ? ` cell ${p.cell + 1}` : ''}${p.line ? `:${p.line}` : ''}`;
}
