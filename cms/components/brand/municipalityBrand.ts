import type { Payload } from 'payload'
import type { Media, SiteSetting } from '../../payload-types'

export interface MunicipalityBrand {
  name: string
  officeName: string
  logoUrl: string | null
}

/** The municipality's name and logo from «Datos del municipio», for the admin's own graphics. */
export async function municipalityBrand(payload: Payload): Promise<MunicipalityBrand> {
  try {
    const settings: SiteSetting = await payload.findGlobal({ slug: 'site-settings', depth: 1 })
    const logo = typeof settings.logo === 'object' && settings.logo ? (settings.logo as Media) : null
    return { name: settings.municipalityName, officeName: settings.officeName, logoUrl: logo?.sizes?.['w480-webp']?.url ?? logo?.url ?? null }
  } catch {
    // Before the first migration (or with the database down) the login page must still render.
    return { name: 'Comunicación Social', officeName: '', logoUrl: null }
  }
}
