<?xml version="1.0" encoding="UTF-8"?>
<!--
  How a feed looks when a person opens it in a browser: a short Spanish explanation of what a feed is and the
  latest items as links. Feed readers ignore the stylesheet and read the RSS itself.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat" />
  <xsl:template match="/">
    <html lang="es-MX">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>Fuente RSS: <xsl:value-of select="/rss/channel/title" /></title>
        <style>
          body { margin: 0; font: 1.05rem/1.55 system-ui, sans-serif; color: #1d1d1f; background: #fff; }
          header { background: #6b1d3a; color: #fff; }
          .wrap { max-width: 46rem; margin: 0 auto; padding: 1rem; }
          a { color: #6b1d3a; text-underline-offset: 0.15em; }
          h1 { font-size: clamp(1.4rem, 4vw, 2rem); line-height: 1.2; margin: 0.25rem 0; }
          .about { border-left: 4px solid #6b1d3a; background: #f6eef1; padding: 0.75rem 1rem; border-radius: 0 0.5rem 0.5rem 0; }
          ul { list-style: none; padding: 0; }
          li { padding: 0.75rem 0; border-bottom: 1px solid #ddd; }
          h2 { font-size: 1.2rem; line-height: 1.3; margin: 0; }
          .meta { color: #555; font-size: 0.95rem; margin: 0.25rem 0; }
          p { margin: 0.25rem 0; }
        </style>
      </head>
      <body>
        <header>
          <div class="wrap">
            <p>Fuente RSS</p>
            <h1><xsl:value-of select="/rss/channel/title" /></h1>
          </div>
        </header>
        <main class="wrap">
          <div class="about">
            <p><strong>Esta es una fuente RSS (suscripción de noticias).</strong> No es una página para leer aquí: sirve para que un lector de noticias te avise de cada boletín nuevo.</p>
            <p>Para suscribirte, copia la dirección de esta página (la de la barra del navegador) y pégala en tu lector de noticias, por ejemplo Feedly, Inoreader, NetNewsWire o el de tu programa de correo.</p>
            <p>También puedes leer los boletines en el portal: <a href="{/rss/channel/link}"><xsl:value-of select="/rss/channel/link" /></a></p>
          </div>
          <h2 style="margin-top: 1.5rem">Lo más reciente</h2>
          <ul>
            <xsl:for-each select="/rss/channel/item">
              <li>
                <h2><a href="{link}"><xsl:value-of select="title" /></a></h2>
                <p class="meta"><xsl:call-template name="date"><xsl:with-param name="rfc822" select="pubDate" /></xsl:call-template></p>
                <p><xsl:value-of select="description" /></p>
              </li>
            </xsl:for-each>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- "Mon, 23 Nov 2026 16:00:00 GMT" → "23 de noviembre de 2026" (the day in UTC, as the feed states it). -->
  <xsl:template name="date">
    <xsl:param name="rfc822" />
    <xsl:variable name="index" select="string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring($rfc822, 9, 3))) div 3" />
    <xsl:value-of select="number(substring($rfc822, 6, 2))" />
    <xsl:text> de </xsl:text>
    <xsl:value-of select="normalize-space(substring('enero     febrero   marzo     abril     mayo      junio     julio     agosto    septiembreoctubre   noviembre diciembre ', $index * 10 + 1, 10))" />
    <xsl:text> de </xsl:text>
    <xsl:value-of select="substring($rfc822, 13, 4)" />
  </xsl:template>
</xsl:stylesheet>
