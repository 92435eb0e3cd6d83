import type { DateField } from 'payload'

type Appearance = NonNullable<NonNullable<NonNullable<DateField['admin']>['date']>['pickerAppearance']>

// Numbers only, day first as Mexico writes dates («01/12/2026 14:30»): Payload registers its Spanish month names
// only after the first render, so a name in the pattern shows in English («Dec») on read-only fields.
const DISPLAY_FORMATS: Record<Appearance, string> = {
  default: 'dd/MM/yyyy',
  dayOnly: 'dd/MM/yyyy',
  dayAndTime: 'dd/MM/yyyy HH:mm',
  timeOnly: 'HH:mm',
  monthOnly: 'MM/yyyy',
}

/**
 * Payload's date picker defaults to US forms (`h:mm aa`, «10:00 AM») and react-datepicker's «Time» caption.
 * Every date field in the admin gets the 24-hour clock, a Spanish display and «Hora», unless it sets its own.
 */
export function spanishDateAdmin(admin: DateField['admin'] = {}): DateField['admin'] {
  const date: { pickerAppearance?: Appearance; displayFormat?: string; timeFormat?: string; overrides?: object } = admin.date ?? {}
  const appearance: Appearance = date.pickerAppearance ?? 'default'
  return {
    ...admin,
    date: {
      ...date,
      displayFormat: date.displayFormat ?? DISPLAY_FORMATS[appearance],
      ...(appearance === 'dayAndTime' || appearance === 'timeOnly' ? { timeFormat: date.timeFormat ?? 'HH:mm' } : {}),
      overrides: { timeCaption: 'Hora', ...date.overrides },
    } as NonNullable<DateField['admin']>['date'],
  }
}
