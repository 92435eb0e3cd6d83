import type { DateField } from 'payload'

type Appearance = NonNullable<NonNullable<NonNullable<DateField['admin']>['date']>['pickerAppearance']>

// date-fns patterns, read with the admin's Spanish locale: «1 de dic. de 2026, 14:30».
const DISPLAY_FORMATS: Record<Appearance, string> = {
  default: "d 'de' MMM 'de' yyyy",
  dayOnly: "d 'de' MMM 'de' yyyy",
  dayAndTime: "d 'de' MMM 'de' yyyy, HH:mm",
  timeOnly: 'HH:mm',
  monthOnly: 'MMMM yyyy',
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
