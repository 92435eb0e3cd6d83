import type { ServerProps } from 'payload'
import { Emblem } from './Logo'
import { municipalityBrand } from './municipalityBrand'

/** The navigation's icon (the link back to the dashboard): the municipality's emblem, named for screen readers. */
export async function Icon({ payload }: ServerProps) {
  const brand = await municipalityBrand(payload)
  return (
    <span className="brand-icon" title={brand.name}>
      {brand.logoUrl ? <img className="brand-icon__image" src={brand.logoUrl} alt="" /> : <Emblem className="brand-icon__image" />}
      <span className="brand-icon__name">{brand.name}</span>
    </span>
  )
}
