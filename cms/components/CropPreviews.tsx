'use client'
import { useFormFields, useUploadEdits } from '@payloadcms/ui'
import { useEffect, useState } from 'react'
import { cropRegion, CENTRE, type FocalPoint } from '@pregon/media/planRenditions'
import { CROPS, THUMBNAIL_RENDITION, responsiveName } from '@pregon/media/renditions'

const PREVIEW_SOURCE = responsiveName(960, 'webp')

interface LocalImage {
  url: string
  width: number
  height: number
}

/** A photo chosen but not yet sent, read in the browser: its address and its upright size. */
function useLocalImage(file: unknown): LocalImage | null {
  const [image, setImage] = useState<LocalImage | null>(null)
  useEffect(() => {
    if (!(file instanceof File) || !file.type.startsWith('image/')) {
      setImage(null)
      return
    }
    const url = URL.createObjectURL(file)
    const probe = new Image()
    probe.onload = () => setImage({ url, width: probe.naturalWidth, height: probe.naturalHeight })
    probe.onerror = () => setImage(null)
    probe.src = url
    return () => URL.revokeObjectURL(url)
  }, [file])
  return image
}

/**
 * Every network crop of the image, as it will be cut: computed here with the same geometry the server uses
 * (@pregon/media), so moving the focal point updates every preview at once. A photo just chosen is previewed
 * from the file in the browser, before it is sent; after saving, each crop links to its real file.
 */
export function CropPreviews() {
  const { uploadEdits } = useUploadEdits()
  const fields = useFormFields(([state]) => ({
    url: state.url?.value,
    mimeType: state.mimeType?.value,
    width: state.width?.value,
    height: state.height?.value,
    focalX: state.focalX?.value,
    focalY: state.focalY?.value,
    saved: Object.fromEntries(
      Object.keys(CROPS).map((name) => [
        name,
        { url: state[`sizes.${name}.url`]?.value, width: state[`sizes.${name}.width`]?.value, height: state[`sizes.${name}.height`]?.value },
      ]),
    ),
    newFile: state.file?.value,
    preview: state[`sizes.${PREVIEW_SOURCE}.url`]?.value ?? state[`sizes.${THUMBNAIL_RENDITION}.url`]?.value,
  }))
  const local = useLocalImage(fields.newFile)
  const isNewFile = fields.newFile instanceof File
  const width = local ? local.width : Number(fields.width)
  const height = local ? local.height : Number(fields.height)
  const savedSource = typeof fields.preview === 'string' ? fields.preview : typeof fields.url === 'string' ? fields.url : null
  const source = local ? local.url : isNewFile ? null : savedSource
  if (isNewFile && !local) return null // a document, or a photo still being read
  if (!local && !String(fields.mimeType ?? '').startsWith('image/')) return null
  if (!source || !width || !height) {
    return <p className="crop-previews__hint">Guarda la imagen para ver cómo quedará recortada en cada red.</p>
  }
  const focal: FocalPoint = uploadEdits?.focalPoint
    ? { x: Number(uploadEdits.focalPoint.x), y: Number(uploadEdits.focalPoint.y) }
    : { x: Number(fields.focalX ?? CENTRE.x), y: Number(fields.focalY ?? CENTRE.y) }
  return (
    <section className="crop-previews" aria-labelledby="crop-previews-title">
      <h3 id="crop-previews-title">Recortes para cada red</h3>
      <p className="crop-previews__hint">
        {local ? 'Así se cortará la foto que elegiste al guardarla. ' : ''}Se cortan alrededor del punto focal ({Math.round(focal.x)} %, {Math.round(focal.y)} %). Para moverlo, usa «Editar imagen»; los
        recortes se vuelven a generar al guardar.
      </p>
      <ul className="crop-previews__list">
        {Object.entries(CROPS).map(([name, crop]) => {
          const region = cropRegion({ width, height, focal, aspect: crop.width / crop.height })
          const saved = local ? undefined : fields.saved[name]
          const fileUrl = saved?.url
          // The file's real size once made: smaller than the network's on a small image, never enlarged.
          const size = saved?.width && saved?.height ? `${String(saved.width)} × ${String(saved.height)}` : `${crop.width} × ${crop.height}`
          return (
            <li key={name} className="crop-previews__item">
              <div className="crop-previews__frame" style={{ aspectRatio: `${crop.width} / ${crop.height}` }}>
                <img
                  src={source}
                  alt=""
                  style={{
                    width: `${(width / region.width) * 100}%`,
                    left: `${(-region.left / region.width) * 100}%`,
                    top: `${(-region.top / region.height) * 100}%`,
                  }}
                />
              </div>
              <p>
                <strong>{crop.label}</strong> · {size}
                {typeof fileUrl === 'string' ? (
                  <>
                    {' · '}
                    <a href={fileUrl} target="_blank" rel="noreferrer">
                      ver archivo
                    </a>
                  </>
                ) : null}
              </p>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
