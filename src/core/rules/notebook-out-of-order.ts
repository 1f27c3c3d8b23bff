import type { FileRule } from '../rule';

export const notebookOutOfOrder: FileRule = {
  id: 'notebook-out-of-order',
  pillar: 'code-quality',
  severity: 'info',
  weight: 1,
  title: 'Notebook cells were executed out of order',
  scope: 'file',
  kinds: ['notebook'],
  check(file, report) {
    let previous = -1; // a first cell may be saved as [0]
    for (const cell of file.notebook?.cells ?? []) {
      if (cell.type !== 'code' || cell.executionCount === null) continue;
      if (cell.executionCount <= previous) {
        const firstLine = cell.source.split('\n')[0] ?? '';
        report({
          range: { line: 1, column: 1, endLine: 1, endColumn: Math.max(2, firstLine.length + 1) },
          cell: cell.index,
          message:
            cell.executionCount === previous
              ? // Two cells saved with one count: one of them ran in another kernel session, or was pasted in with its output.
                `Cell ran as [${cell.executionCount}], the same count as an earlier cell: the two outputs come from different kernel sessions, so "Run All" would not reproduce them. Restart the kernel and run all cells top to bottom.`
              : `Cell ran as [${cell.executionCount}] after a cell that ran as [${previous}]: the saved results come from an order that "Run All" would not reproduce. Restart the kernel and run all cells top to bottom.`,
        });
        return;
      }
      previous = cell.executionCount;
    }
  },
};
