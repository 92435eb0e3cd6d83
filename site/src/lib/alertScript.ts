/**
 * The one script every page with an alert carries, inline right after the banners so it runs before the rest of
 * the page is read: an alert already seen in this browser loses `role="alert"` (announced once, not on every
 * page), and an alert its reader closed stays closed on the next pages (both per alert id, in localStorage).
 * Without JavaScript, or with storage refused, the role stays and closing lasts for the page. The portal server's
 * CSP allows exactly this text by its hash (startPortalServer): change it only here.
 */
export const ALERT_SCRIPT =
  "(function(){var s;try{s=window.localStorage;s.getItem('pregon')}catch(e){return}" +
  "var all=document.querySelectorAll('[data-alerta]');for(var i=0;i<all.length;i++)(function(a){" +
  "var id=a.getAttribute('data-alerta'),d=a.querySelector('details'),seen='pregon-alerta-vista:'+id,closed='pregon-alerta-cerrada:'+id;" +
  "try{if(s.getItem(seen))a.removeAttribute('role');else s.setItem(seen,'1');" +
  "if(d){if(s.getItem(closed))d.open=false;d.addEventListener('toggle',function(){try{if(d.open)s.removeItem(closed);else s.setItem(closed,'1')}catch(e){}})}}catch(e){}" +
  "})(all[i])})()"
