// Small DOM helpers shared by the panels: element creation, lookup, and yielding to the event loop.

/** document.getElementById, failing loudly when the page and the script disagree. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`playground: no element #${id}`);
  return element;
}

/**
 * Creates an element: h('button', { type: 'button', onclick }, 'Run').
 * Attributes starting with "on" become listeners; `dataset` and `className` are set as properties.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'className' || name === 'value' || name === 'textContent') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Lets the browser run other tasks (input, rendering) before the caller continues. */
export function yieldToEventLoop() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve));
}

/** Fills a <select> with options, keeping the current choice when it is still offered. */
export function setOptions(select, values, { empty } = {}) {
  const current = select.value;
  select.replaceChildren(
    ...(empty !== undefined ? [new Option(empty, '')] : []),
    ...values.map((value) => (typeof value === 'string' ? new Option(value, value) : new Option(value.label, value.value))),
  );
  if ([...select.options].some((option) => option.value === current)) select.value = current;
}

/** Parses a JSON text field; an empty field gives `fallback`. Errors name the field. */
export function readJson(textarea, fallback = undefined, label = textarea.dataset.label ?? textarea.id) {
  const text = textarea.value.trim();
  if (text === '') return fallback;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw Object.assign(new Error(`${label} is not valid JSON: ${error.message}`), { name: 'InvalidJSON', field: textarea });
  }
}
