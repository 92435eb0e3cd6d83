// mjml 5 ships no types; @types/mjml describes the synchronous 4.x API. This is the part Pregón uses.
declare module 'mjml' {
  interface MjmlError {
    line: number
    message: string
    tagName: string
    formattedMessage: string
  }
  interface MjmlOptions {
    validationLevel?: 'strict' | 'soft' | 'skip'
    minify?: boolean
    keepComments?: boolean
  }
  export default function mjml2html(input: string, options?: MjmlOptions): Promise<{ html: string; errors: MjmlError[] }>
}
