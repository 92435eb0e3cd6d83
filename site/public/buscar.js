// Starts Pagefind's search box on /buscar/ (an external file: the portal's CSP allows no inline script).
// A query in the address (?q=…) is searched at once, so the form also works as a link.
window.addEventListener('DOMContentLoaded', () => {
  const ui = new PagefindUI({ element: '#buscador', showSubResults: true, showImages: false, resetStyles: false })
  const query = new URLSearchParams(window.location.search).get('q')
  if (query) ui.triggerSearch(query)
  document.getElementById('buscar-sin-js')?.remove()
})
