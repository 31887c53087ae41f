import * as fs from 'fs';

interface NotebookCell {
  readonly cell_type: string;
  readonly metadata?: { readonly tags?: readonly string[] };
  readonly source: string | readonly string[];
}

interface NotebookDocument {
  readonly nbformat: number;
  readonly cells: readonly NotebookCell[];
}

export class NotebookParametersError extends Error {}

/**
 * Names the notebook's `parameters` cell declares (papermill's convention: the first cell
 * tagged `parameters`). A declaration is a top-level assignment, optionally annotated:
 * `name = value` or `name: type = value`.
 */
export function declaredParameters(notebookPath: string): string[] {
  let notebook: NotebookDocument;
  try {
    notebook = JSON.parse(fs.readFileSync(notebookPath, 'utf8')) as NotebookDocument;
  } catch (error) {
    throw new NotebookParametersError(`cannot read notebook ${notebookPath}: ${(error as Error).message}`);
  }
  const cell = notebook.cells.find((c) => c.cell_type === 'code' && (c.metadata?.tags ?? []).includes('parameters'));
  if (!cell) {
    throw new NotebookParametersError(`notebook ${notebookPath} has no code cell tagged 'parameters'`);
  }
  const source = typeof cell.source === 'string' ? cell.source : cell.source.join('');
  const names: string[] = [];
  for (const line of source.split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]+)?=(?!=)/.exec(line);
    if (match && !names.includes(match[1])) names.push(match[1]);
  }
  return names;
}
