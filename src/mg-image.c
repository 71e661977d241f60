/* mg-image.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PNG, SVG and PDF of a recording or a comparison, drawn by mg-plot without a
 * display.
 */
#include "config.h"

#include "mg-format-private.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws with @render into a PNG of @width × @height pixels, or an SVG or
 * PDF of that many points (with no pixel density: scale 1). */
GBytes *
mg_image_bytes (MgExportFormat     format,
                const MgPlotStyle *style,
                int                width,
                int                height,
                MgRenderFunc         render,
                gpointer           data,
                GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  MgPlotStyle image_style = *style;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || width > 32767 || height > 32767)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("An image of %d × %d cannot be made"), width, height);
      return NULL;
    }

  if (format == MG_EXPORT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else
    {
      image_style.scale = 1;
      surface = format == MG_EXPORT_SVG
                  ? cairo_svg_surface_create_for_stream (append_to_byte_array, bytes, width, height)
                  : cairo_pdf_surface_create_for_stream (append_to_byte_array, bytes, width, height);
    }
  cr = cairo_create (surface);
  render (cr, width, height, &image_style, data);
  cairo_destroy (cr);

  if (format == MG_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_to_byte_array, bytes);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the image: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
render_recording (cairo_t           *cr,
                  int                width,
                  int                height,
                  const MgPlotStyle *style,
                  gpointer           recording)
{
  mg_plot_render (cr, width, height, recording, style);
}

void
mg_image_render_comparison (cairo_t           *cr,
                            int                width,
                            int                height,
                            const MgPlotStyle *style,
                            gpointer           data)
{
  MgImageComparison *c = data;

  mg_plot_render_compare (cr, width, height, c->runs, c->labels, c->n_runs, style, NULL);
}

/**
 * mg_export_png_bytes:
 * @width: image width in pixels
 * @height: image height in pixels
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the PNG file's bytes, or %NULL with @error set
 */
GBytes *
mg_export_png_bytes (MgRecording        *recording,
                     const MgPlotStyle  *style,
                     int                 width,
                     int                 height,
                     GError            **error)
{
  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  return mg_image_bytes (MG_EXPORT_PNG, style, width, height, render_recording, recording, error);
}

/**
 * mg_export_vector_bytes:
 * @format: %MG_EXPORT_SVG or %MG_EXPORT_PDF
 * @width: width in points
 * @height: height in points
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the document, drawn by the same code as the
 *   screen, or %NULL with @error set
 */
GBytes *
mg_export_vector_bytes (MgRecording        *recording,
                        MgExportFormat      format,
                        const MgPlotStyle  *style,
                        int                 width,
                        int                 height,
                        GError            **error)
{
  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);
  g_return_val_if_fail (format == MG_EXPORT_SVG || format == MG_EXPORT_PDF, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  return mg_image_bytes (format, style, width, height, render_recording, recording, error);
}
