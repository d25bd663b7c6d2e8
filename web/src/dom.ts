// A tiny element builder: text is always set as text, never parsed as HTML.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.className = String(value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element: Element): void {
  element.replaceChildren();
}

export function loading(text = 'กำลังโหลดข้อมูล…'): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, text);
}

/** A select whose options are [value, label] pairs. */
export function select(
  attrs: Attrs,
  options: readonly (readonly [string, string])[],
  selected: string | undefined,
  onChange: (value: string) => void,
): HTMLSelectElement {
  const element = h('select', attrs, ...options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
  element.addEventListener('change', () => onChange(element.value));
  return element;
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || 'f-' + Math.random().toString(36).slice(2, 9);
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
}
