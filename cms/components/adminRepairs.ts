/**
 * Names and roles that Payload's own widgets leave out, found by axe (serious or critical) on the pages editors and
 * approvers use, at 390 and 1280 px (tests/e2e/adminQuality.test.ts asserts there are none left). Payload ships
 * these widgets in a minified bundle without props for them, so the page is repaired after it renders. Each repair
 * matches only elements still missing what it adds: running them again changes nothing. React leaves attributes it
 * does not render alone, and re-renders with unchanged props do not touch the DOM.
 *
 * Remove a repair when Payload's own markup gets it right (the e2e test then still passes without it).
 */
export interface AdminRepair {
  /** What is wrong, in axe's words. */
  finding: string
  selector: string
  apply(element: HTMLElement): void
}

const labelled = (text: string) => (element: HTMLElement) => element.setAttribute('aria-label', text)

/** The visible label of the field an element belongs to, without the «required» asterisk. */
function fieldLabel(element: HTMLElement): string | null {
  const text = element.closest('.field-type')?.querySelector('label')?.textContent?.replace(/\*\s*$/, '').trim()
  return text || null
}

/** A region that scrolls by itself, reachable with the keyboard to scroll it. */
const scrollableRegion = (name: string) => (element: HTMLElement) => {
  element.setAttribute('tabindex', '0')
  element.setAttribute('role', 'region')
  element.setAttribute('aria-label', name)
}

export const adminRepairs: readonly AdminRepair[] = [
  {
    // react-select hides its indicators from screen readers but Payload made the chevron and the «×» focusable;
    // the combobox itself opens with the arrow keys and clears with Backspace.
    finding: 'aria-hidden-focus: the chevron and the clear «×» of every select',
    selector: '.dropdown-indicator[aria-hidden="true"]:not([tabindex="-1"]), .clear-indicator[aria-hidden="true"]:not([tabindex="-1"])',
    apply: (element) => element.setAttribute('tabindex', '-1'),
  },
  {
    finding: 'label: the dashboard picker in the breadcrumbs',
    selector: '.dashboard-breadcrumb-select input[role="combobox"]:not([aria-label])',
    apply: labelled('Elegir panel'),
  },
  {
    // The field's <label> points at the field's wrapper; the combobox inside has only react-select's own id.
    finding: 'label: the combobox of select and relationship fields',
    selector: '.react-select input[role="combobox"]:not([aria-label])',
    apply: (element) => element.setAttribute('aria-label', fieldLabel(element) ?? 'Elegir'),
  },
  {
    // A chosen value of a sortable multi-select is a focusable «button» (to drag it) holding its own «×» button.
    finding: 'nested-interactive: the chosen values of sortable selects',
    selector: '.rs__multi-value[role="button"][aria-roledescription]',
    apply: (element) => {
      element.setAttribute('role', 'group')
      element.setAttribute('aria-label', element.textContent?.trim() ?? '')
    },
  },
  {
    finding: 'aria-input-field-name: the rich-text editor',
    selector: '[data-lexical-editor][role="textbox"]:not([aria-label])',
    apply: (element) => element.setAttribute('aria-label', fieldLabel(element) ?? 'Texto'),
  },
  {
    finding: 'button-name: edit and remove on a chosen file',
    selector: '.upload-relationship-details__edit:not([aria-label])',
    apply: labelled('Editar el archivo'),
  },
  {
    finding: 'button-name: edit and remove on a chosen file',
    selector: '.upload-relationship-details__remove:not([aria-label])',
    apply: labelled('Quitar el archivo'),
  },
  {
    finding: 'button-name: the list pagination arrows',
    selector: '.clickable-arrow--left:not([aria-label])',
    apply: labelled('Página anterior'),
  },
  {
    finding: 'button-name: the list pagination arrows',
    selector: '.clickable-arrow--right:not([aria-label])',
    apply: labelled('Página siguiente'),
  },
  {
    // Named by itself (aria-labelledby pointing at its own id) with an empty aria-label: only its title remains.
    finding: 'label-title-only: «select all» in lists',
    selector: 'input#select-all[aria-labelledby="select-all"]',
    apply: (element) => {
      element.removeAttribute('aria-labelledby')
      element.setAttribute('aria-label', 'Seleccionar todas las filas')
    },
  },
  {
    finding: 'label: the checkbox of each list row',
    selector: '.table tbody input[type="checkbox"][aria-label=""]',
    apply: (element) => {
      const title = element.closest('tr')?.querySelector('a')?.textContent?.trim()
      element.setAttribute('aria-label', title ? `Seleccionar «${title}»` : 'Seleccionar fila')
    },
  },
  {
    finding: 'button-name: the «⋯» menu of the document controls',
    selector: '.doc-controls .popup-button:not([aria-label])',
    apply: labelled('Más acciones'),
  },
  {
    finding: 'label: date inputs (the field label points at the wrapper, not the input)',
    selector: '.date-time-picker input:not([aria-label])',
    apply: (element) => element.setAttribute('aria-label', fieldLabel(element) ?? 'Fecha'),
  },
  {
    finding: 'button-name: the date clear button',
    selector: '.date-time-picker__clear-button:not([aria-label])',
    apply: (element) => element.setAttribute('aria-label', `Borrar ${fieldLabel(element)?.toLowerCase() ?? 'la fecha'}`),
  },
  {
    // «Versiones 3» shows the count; the name said only «Versiones».
    finding: 'label-content-name-mismatch: document tabs with a count',
    selector: 'a.doc-tab[aria-label]',
    apply: (element) => {
      const text = element.textContent?.replace(/\s+/g, ' ').trim() ?? ''
      if (text && text !== element.getAttribute('aria-label')) element.removeAttribute('aria-label')
    },
  },
  {
    // A <ul> whose items are buttons and links, not <li>.
    finding: 'list: the document tabs',
    selector: 'ul.doc-tabs__tabs:not([role])',
    apply: (element) => {
      element.setAttribute('role', 'group')
      element.setAttribute('aria-label', 'Vistas del documento')
    },
  },
  {
    // The sidebar scrolls on its own; with every field read-only nothing in it takes the keyboard's focus.
    finding: 'scrollable-region-focusable: the document sidebar',
    selector: '.document-fields__sidebar:not([tabindex])',
    apply: scrollableRegion('Barra lateral del documento'),
  },
  {
    // On a phone the state and the buttons scroll sideways in one row.
    finding: 'scrollable-region-focusable: the document controls on a phone',
    selector: '.doc-controls__content:not([tabindex])',
    apply: scrollableRegion('Estado y acciones'),
  },
]
