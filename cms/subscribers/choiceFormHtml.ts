import { FREQUENCIES, FREQUENCY_LABELS, type SubscriptionChoice } from '@pregon/core/subscriptions'
import { BULLETIN_KINDS, KIND_LABELS } from '../collections/Bulletins/fields/contentFields'
import { escapeHtml } from '../pressContacts/unsubscribePage'
import { FORM_FIELDS } from './readSubscriptionForm'

export interface Department {
  id: number
  name: string
}

const checkbox = (name: string, value: string, label: string, isChecked: boolean) =>
  `<label><input type="checkbox" name="${name}" value="${escapeHtml(value)}"${isChecked ? ' checked' : ''}>${escapeHtml(label)}</label>`

/**
 * The preferences as form fields (the manage page's; the portal's form uses the same names: FORM_FIELDS):
 * what to receive, how often, and which departments and kinds — none ticked means all.
 */
export function choiceFormHtml({ choice, departments }: { choice: SubscriptionChoice; departments: Department[] }): string {
  return `<fieldset><legend>Qué quieres recibir</legend>
${checkbox(FORM_FIELDS.includeBulletins, 'si', 'Boletines, comunicados y avisos', choice.includeBulletins)}
${checkbox(FORM_FIELDS.includePrograms, 'si', 'Programas y convocatorias a los que puedes aplicar', choice.includePrograms)}
${checkbox(FORM_FIELDS.emergencies, 'si', 'Alertas de emergencia (llegan al momento, elijas la frecuencia que elijas)', choice.emergencies)}
</fieldset>
<fieldset><legend>Cada cuándo</legend>
${FREQUENCIES.map((value) => `<label><input type="radio" name="${FORM_FIELDS.frequency}" value="${value}"${choice.frequency === value ? ' checked' : ''}>${escapeHtml(FREQUENCY_LABELS[value])}</label>`).join('\n')}
</fieldset>
<fieldset><legend>Dependencias (si no marcas ninguna, recibes de todas)</legend>
${departments.map((d) => checkbox(FORM_FIELDS.departments, String(d.id), d.name, choice.departments.includes(d.id))).join('\n')}
</fieldset>
<fieldset><legend>Tipos de publicación (si no marcas ninguno, recibes todos)</legend>
${BULLETIN_KINDS.map((kind) => checkbox(FORM_FIELDS.kinds, kind, KIND_LABELS[kind], choice.kinds.includes(kind))).join('\n')}
</fieldset>`
}
