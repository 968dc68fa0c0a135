/**
 * A translated sentence with elements inside it: `fillNodes(t('key.paste', …), { file: <code>…</code> })`
 * splits the text at `{file}` and puts the element there, so translators keep the word order and
 * the code stays a `<code>`. Placeholders without a node stay as written.
 */
import { Fragment, type ReactNode } from 'react';

export function fillNodes(text: string, nodes: Record<string, ReactNode>): ReactNode[] {
  return text.split(/(\{\w+\})/).map((part, i) => {
    const m = /^\{(\w+)\}$/.exec(part);
    const node = m && m[1] in nodes ? nodes[m[1]] : part;
    return <Fragment key={i}>{node}</Fragment>;
  });
}
