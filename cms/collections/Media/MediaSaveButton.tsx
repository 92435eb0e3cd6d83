'use client'
import { SaveButton, toast, useForm, useFormFields, useFormProcessing } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react'
import { ALT_TEXT_LABEL, validateAltText } from './altText'

const megabytes = new Intl.NumberFormat('es-MX', { maximumFractionDigits: 1 })

/**
 * Payload's save button for media, with two things it lacks for a photo sent from a phone:
 * - the alt text is checked BEFORE the file is sent (Payload validates only on the server, after the whole upload):
 *   without it the field is marked with the Spanish rule, focused, and nothing leaves the browser;
 * - while the file goes up, a status line says what is being sent, its size and the seconds elapsed. Payload sends
 *   the form with fetch, which reports no upload progress, so this is a live sign of work, not a percentage.
 */
export function MediaSaveButton(props: { label?: string }) {
  const { dispatchFields, setSubmitted } = useForm()
  const alt = useFormFields(([fields]) => fields.alt?.value)
  const file = useFormFields(([fields]) => fields.file?.value)
  const isProcessing = useFormProcessing()
  const wrapper = useRef<HTMLSpanElement>(null)
  const altRef = useRef(alt)
  altRef.current = alt

  const stopWithoutAlt = useCallback(
    (event: Event | SyntheticEvent) => {
      const verdict = validateAltText(altRef.current)
      if (verdict === true) return
      event.preventDefault()
      event.stopPropagation()
      dispatchFields({ type: 'UPDATE', path: 'alt', valid: false, errorMessage: verdict })
      setSubmitted(true)
      // The server's own words for the same refusal, then what to do.
      toast.error(`El siguiente campo es inválido: ${ALT_TEXT_LABEL}. Escríbelo y vuelve a guardar; el archivo aún no se ha enviado.`)
      document.querySelector<HTMLInputElement>('#field-alt')?.focus()
    },
    [dispatchFields, setSubmitted],
  )

  // Enter in a text field submits the form without the button: stop that too, before React's own listener.
  useEffect(() => {
    const form = wrapper.current?.closest('form')
    if (!form) return
    form.addEventListener('submit', stopWithoutAlt, true)
    return () => form.removeEventListener('submit', stopWithoutAlt, true)
  }, [stopWithoutAlt])

  return (
    <span ref={wrapper} className="media-save" onClickCapture={stopWithoutAlt}>
      <SaveButton {...props} />
      {isProcessing && file instanceof File ? <UploadStatus file={file} /> : null}
    </span>
  )
}

function UploadStatus({ file }: { file: File }) {
  const [seconds, setSeconds] = useState(0)
  useEffect(() => {
    const started = Date.now()
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000)
    return () => clearInterval(timer)
  }, [])
  return (
    <p className="media-upload-status" role="status">
      <span className="media-upload-status__bar" aria-hidden="true" />
      Subiendo «{file.name}» ({megabytes.format(file.size / 1024 / 1024)} MB)… {seconds} s. No cierres esta página.
    </p>
  )
}
