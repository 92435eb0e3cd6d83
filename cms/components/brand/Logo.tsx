import type { ServerProps } from 'payload'
import { municipalityBrand } from './municipalityBrand'

/** The login page's logo: the municipality's emblem and name, not Payload's. */
export async function Logo({ payload }: ServerProps) {
  const brand = await municipalityBrand(payload)
  return (
    <div className="brand-logo">
      {brand.logoUrl ? <img className="brand-logo__image" src={brand.logoUrl} alt="" /> : <Emblem className="brand-logo__image" />}
      <div>
        <p className="brand-logo__name">{brand.name}</p>
        {brand.officeName ? <p className="brand-logo__office">{brand.officeName}</p> : null}
      </div>
    </div>
  )
}

/** A plain civic emblem (a speaking trumpet: «pregón») for a municipality that has not uploaded its own. */
export function Emblem({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="currentColor" opacity="0.12" />
      <path d="M7 13h4l10-5v16l-10-5H7z" fill="currentColor" />
      <path d="M11 19l1.5 6h3L14 19.6" fill="currentColor" />
    </svg>
  )
}
