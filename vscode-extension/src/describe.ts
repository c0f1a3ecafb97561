/** `* describe: ...` lines, as spice_lsp.editor.features.describe_request reads them. */

const DESCRIBE = /^\s*[*;]\s*describe\s*:\s*\S/i;

export function isDescribeLine(text: string): boolean {
  return DESCRIBE.test(text);
}

/**
 * The describe line a command should act on: the cursor's line when it is one, else the only
 * describe line of the document; undefined when that is ambiguous or there is none.
 */
export function findDescribeLine(lines: string[], cursorLine: number): number | undefined {
  if (cursorLine >= 0 && cursorLine < lines.length && isDescribeLine(lines[cursorLine])) {
    return cursorLine;
  }
  const all = lines.flatMap((text, i) => (isDescribeLine(text) ? [i] : []));
  return all.length === 1 ? all[0] : undefined;
}
