/* mg-export.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PNG, CSV and JSON from a recording, without a display. Files are replaced
 * atomically: a failed write leaves what was there.
 */
#include "config.h"

#include "mg-export.h"
#include "mg-units.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/**
 * mg_export_format_for_path:
 * @path: a file name
 *
 * Returns: the format its extension names, case-insensitively
 */
MgExportFormat
mg_export_format_for_path (const char *path)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, MG_EXPORT_UNKNOWN);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, '/') != NULL)
    return MG_EXPORT_UNKNOWN;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return MG_EXPORT_PNG;
  if (g_ascii_strcasecmp (dot, ".csv") == 0)
    return MG_EXPORT_CSV;
  if (g_ascii_strcasecmp (dot, ".json") == 0)
    return MG_EXPORT_JSON;
  return MG_EXPORT_UNKNOWN;
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
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
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (width <= 0 || height <= 0 || width > 32767 || height > 32767)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("An image of %d × %d pixels cannot be made"), width, height);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  mg_plot_render (cr, width, height, recording, style);
  cairo_destroy (cr);

  bytes = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_to_byte_array, bytes);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not encode the image: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
append_double (GString *s,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Locale-independent: a comma decimal separator would break the CSV. */
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.6f", value));
}

/**
 * mg_export_csv_bytes:
 *
 * Returns: (transfer full): a header `time_s,rss_bytes,vsz_bytes` and one
 *   row per sample
 */
GBytes *
mg_export_csv_bytes (MgRecording *recording)
{
  const MgSample *samples;
  guint n;
  GString *s;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  samples = mg_recording_get_samples (recording);
  n = mg_recording_get_n_samples (recording);
  s = g_string_sized_new (32 + n * 40);

  g_string_append (s, "time_s,rss_bytes,vsz_bytes\n");
  for (guint i = 0; i < n; i++)
    {
      append_double (s, samples[i].time_s);
      g_string_append_printf (s, ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT "\n",
                              samples[i].rss_bytes, samples[i].vsz_bytes);
    }

  return g_string_free_to_bytes (s);
}

static double
round_us (double seconds)
{
  return round (seconds * 1e6) / 1e6;
}

/**
 * mg_export_json_bytes:
 *
 * Returns: (transfer full): the recording as a JSON object; see README.md
 *   for the fields
 */
GBytes *
mg_export_json_bytes (MgRecording *recording)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *started = NULL;
  const char * const *argv;
  const MgSample *samples;
  const MgExit *exit_info;
  guint n;
  char *text;
  gsize len;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  argv = mg_recording_get_argv (recording);
  samples = mg_recording_get_samples (recording);
  n = mg_recording_get_n_samples (recording);
  exit_info = mg_recording_get_exit (recording);
  started = g_date_time_format_iso8601 (mg_recording_get_started (recording));

  json_builder_begin_object (b);

  json_builder_set_member_name (b, "command");
  json_builder_begin_array (b);
  for (guint i = 0; argv[i] != NULL; i++)
    json_builder_add_string_value (b, argv[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "directory");
  if (mg_recording_get_directory (recording) != NULL)
    json_builder_add_string_value (b, mg_recording_get_directory (recording));
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "interval_s");
  json_builder_add_double_value (b, mg_recording_get_interval (recording));
  json_builder_set_member_name (b, "started");
  json_builder_add_string_value (b, started);
  json_builder_set_member_name (b, "duration_s");
  json_builder_add_double_value (b, round_us (mg_recording_get_duration (recording)));

  json_builder_set_member_name (b, "exit");
  json_builder_begin_object (b);
  switch (exit_info->kind)
    {
    case MG_EXIT_STATUS:
      json_builder_set_member_name (b, "status");
      json_builder_add_int_value (b, exit_info->code);
      break;
    case MG_EXIT_SIGNAL:
      json_builder_set_member_name (b, "signal");
      json_builder_add_int_value (b, exit_info->code);
      json_builder_set_member_name (b, "signal_name");
      json_builder_add_string_value (b, mg_signal_name (exit_info->code));
      json_builder_set_member_name (b, "core_dumped");
      json_builder_add_boolean_value (b, exit_info->core_dumped);
      break;
    case MG_EXIT_ERROR:
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, exit_info->message ? exit_info->message : "");
      break;
    case MG_EXIT_RUNNING:
    default:
      json_builder_set_member_name (b, "running");
      json_builder_add_boolean_value (b, TRUE);
      break;
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "peak");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rss_bytes");
  json_builder_add_int_value (b, (gint64) mg_recording_get_peak_rss (recording));
  json_builder_set_member_name (b, "vsz_bytes");
  json_builder_add_int_value (b, (gint64) mg_recording_get_peak_vsz (recording));
  json_builder_set_member_name (b, "rss_time_s");
  json_builder_add_double_value (b, round_us (mg_recording_get_peak_rss_time (recording)));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "samples");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "time_s");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (b, round_us (samples[i].time_s));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rss_bytes");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (b, (gint64) samples[i].rss_bytes);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "vsz_bytes");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (b, (gint64) samples[i].vsz_bytes);
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  return g_bytes_new_take (text, len);
}

/**
 * mg_export_write:
 * @file: where to write; replaced atomically
 * @format: what to write
 * @style: for PNG, the plot style (its scale gives the pixel density)
 * @error: return location for a #GError
 *
 * Writes a PNG of MG_EXPORT_DEFAULT_WIDTH × MG_EXPORT_DEFAULT_HEIGHT logical
 * pixels, or the samples as CSV or JSON.
 *
 * Returns: %TRUE on success; on failure an existing file is left intact
 */
gboolean
mg_export_write (MgRecording        *recording,
                 GFile              *file,
                 MgExportFormat      format,
                 const MgPlotStyle  *style,
                 GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MG_IS_RECORDING (recording), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  switch (format)
    {
    case MG_EXPORT_PNG:
      g_return_val_if_fail (style != NULL, FALSE);
      bytes = mg_export_png_bytes (recording, style,
                                   (int) (MG_EXPORT_DEFAULT_WIDTH * style->scale),
                                   (int) (MG_EXPORT_DEFAULT_HEIGHT * style->scale), error);
      if (bytes == NULL)
        return FALSE;
      break;
    case MG_EXPORT_CSV:
      bytes = mg_export_csv_bytes (recording);
      break;
    case MG_EXPORT_JSON:
      bytes = mg_export_json_bytes (recording);
      break;
    case MG_EXPORT_UNKNOWN:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Unknown file type: use a name ending in .png, .csv or .json"));
      return FALSE;
    }

  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}
