/**
 * Copies text to the clipboard. `navigator.clipboard` may be missing (plain http on a LAN
 * address is not a secure context) or denied (Electron without a permission grant), so the
 * fallback selects the text in an off-screen textarea and uses `execCommand('copy')`.
 * Resolves true when one of them worked; the caller then says "Copied", else asks the operator
 * to select the text (always shown selectable) and press Ctrl+C.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* denied: try the old way */
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.left = '-9999px';
  document.body.appendChild(area);
  const active = document.activeElement as HTMLElement | null;
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  active?.focus?.();
  return ok;
}

/** Selects the text content of an element so the operator can copy it by hand. */
export function selectContents(el: HTMLElement | null): void {
  if (!el) return;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    el.focus();
    el.select();
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(el);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
}
