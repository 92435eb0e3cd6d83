// Starts Pagefind's search box on /buscar/ (an external file: the portal's CSP allows no inline script).
// Pagefind is loaded through /buscar/pagefind.js, which merges in the index of what was published since the full
// index was built. A query in the address (?q=…) is searched at once, so the form also works as a link.
window.addEventListener('DOMContentLoaded', () => {
  const ui = new PagefindUI({ element: '#buscador', bundlePath: '/buscar/', showSubResults: true, showImages: false, resetStyles: false })
  const query = new URLSearchParams(window.location.search).get('q')
  if (query) ui.triggerSearch(query)
  document.getElementById('buscar-sin-js')?.remove()
})

// When a search finds nothing, say so plainly and suggest what to try (the event comes from /buscar/pagefind.js).
window.addEventListener('pregon:busqueda', (event) => {
  const status = document.getElementById('buscar-estado')
  const template = document.getElementById('buscar-sin-resultados')
  if (!status || !template) return
  const { term, count } = event.detail
  status.replaceChildren()
  if (count > 0 || !term.trim()) return
  const help = template.content.cloneNode(true)
  help.querySelector('.sin-resultados__termino').textContent = term.trim()
  status.append(help)
})
// Emptying the box (or «Limpiar») starts no search: take the suggestions away with the results.
const clearStatus = () => document.getElementById('buscar-estado')?.replaceChildren()
document.addEventListener('input', (event) => {
  if (event.target instanceof HTMLInputElement && event.target.matches('.pagefind-ui__search-input') && !event.target.value.trim()) clearStatus()
})
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('.pagefind-ui__search-clear')) clearStatus()
})
