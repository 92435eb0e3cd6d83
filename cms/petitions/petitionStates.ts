/** A petition's states in their order; a petition only moves forward through them. */
export const PETITION_STATES = [
  { value: 'recibida', label: 'Recibida', public: 'La oficina recibió su petición y la revisará.' },
  { value: 'turnada', label: 'Turnada', public: 'Se envió a la dependencia que debe atenderla.' },
  { value: 'atendida', label: 'Atendida', public: 'La dependencia la atendió.' },
  { value: 'cerrada', label: 'Cerrada', public: 'El trámite de su petición terminó.' },
] as const

export type PetitionState = (typeof PETITION_STATES)[number]['value']

/** Where a petition came from: the portal's form, or a network or desk where staff saw it. */
export const PETITION_CHANNELS = [
  { value: 'portal', label: 'Portal (formulario)' },
  { value: 'facebook', label: 'Facebook' },
  { value: 'whatsapp', label: 'WhatsApp' },
  { value: 'instagram', label: 'Instagram' },
  { value: 'x', label: 'X' },
  { value: 'tiktok', label: 'TikTok' },
  { value: 'phone', label: 'Teléfono' },
  { value: 'in-person', label: 'En persona' },
  { value: 'other', label: 'Otro' },
] as const
