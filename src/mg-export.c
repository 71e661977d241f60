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
#include "mg-compare.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sys/wait.h>
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
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return MG_EXPORT_SVG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return MG_EXPORT_PDF;
  return MG_EXPORT_UNKNOWN;
}

/**
 * mg_export_format_extension:
 *
 * Returns: (transfer none): ".png", ".svg", ".pdf", ".csv" or ".json"
 */
const char *
mg_export_format_extension (MgExportFormat format)
{
  switch (format)
    {
    case MG_EXPORT_CSV:
      return ".csv";
    case MG_EXPORT_JSON:
      return ".json";
    case MG_EXPORT_SVG:
      return ".svg";
    case MG_EXPORT_PDF:
      return ".pdf";
    case MG_EXPORT_PNG:
    case MG_EXPORT_UNKNOWN:
    default:
      return ".png";
    }
}

/**
 * mg_export_parse_size:
 * @text: "WIDTHxHEIGHT", such as "1200x700"
 * @width: (out): the width
 * @height: (out): the height
 *
 * Returns: %TRUE when @text is two whole numbers from 100 to 16384
 */
gboolean
mg_export_parse_size (const char *text,
                      int        *width,
                      int        *height)
{
  guint64 w, h;
  char *end;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  w = g_ascii_strtoull (text, &end, 10);
  if (*end != 'x' && *end != 'X')
    return FALSE;
  if (!g_ascii_isdigit (end[1]))
    return FALSE;
  h = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || w < 100 || h < 100 || w > 16384 || h > 16384)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef void (*RenderFunc) (cairo_t           *cr,
                            int                width,
                            int                height,
                            const MgPlotStyle *style,
                            gpointer           data);

/* Draws with @render into a PNG of @width × @height pixels, or an SVG or
 * PDF of that many points (with no pixel density: scale 1). */
static GBytes *
image_bytes (MgExportFormat     format,
             const MgPlotStyle *style,
             int                width,
             int                height,
             RenderFunc         render,
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

typedef struct
{
  MgRecording **runs;
  const char  **labels;
  guint         n_runs;
} Comparison;

static void
render_comparison (cairo_t           *cr,
                   int                width,
                   int                height,
                   const MgPlotStyle *style,
                   gpointer           data)
{
  Comparison *c = data;

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

  return image_bytes (MG_EXPORT_PNG, style, width, height, render_recording, recording, error);
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

  return image_bytes (format, style, width, height, render_recording, recording, error);
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
 * Returns: (transfer full): a header and one row per sample: time, RSS,
 *   VSZ, RSS by kind and swap, then the interval maximum and PSS/USS when
 *   they were measured (an empty cell where PSS was not read)
 */
GBytes *
mg_export_csv_bytes (MgRecording *recording)
{
  MgSamples *samples;
  gboolean envelope, pss;
  guint n;
  GString *s;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  samples = mg_recording_get_samples (recording);
  n = mg_recording_get_n_samples (recording);
  envelope = mg_recording_has_envelope (recording);
  pss = mg_recording_has_pss (recording);
  s = g_string_sized_new (100 + n * 80);

  g_string_append (s, "time_s,rss_bytes,vsz_bytes,anon_bytes,file_bytes,shmem_bytes,swap_bytes");
  if (envelope)
    g_string_append (s, ",rss_max_bytes");
  if (pss)
    g_string_append (s, ",pss_bytes,uss_bytes");
  g_string_append_c (s, '\n');

  for (guint i = 0; i < n; i++)
    {
      const MgSample *x = mg_samples_peek (samples, i);

      append_double (s, x->time_s);
      g_string_append_printf (s, ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT
                              ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT,
                              x->rss_bytes, x->vsz_bytes, x->anon_bytes, x->file_bytes,
                              x->shmem_bytes, x->swap_bytes);
      if (envelope)
        g_string_append_printf (s, ",%" G_GUINT64_FORMAT, x->rss_max_bytes);
      if (pss)
        {
          if (x->pss_bytes == MG_NO_VALUE)
            g_string_append (s, ",,");
          else
            g_string_append_printf (s, ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT,
                                    x->pss_bytes, x->uss_bytes);
        }
      g_string_append_c (s, '\n');
    }

  return g_string_free_to_bytes (s);
}

static double
round_us (double seconds)
{
  return round (seconds * 1e6) / 1e6;
}

static void
add_series (JsonBuilder    *b,
            const char     *name,
            MgSamples      *samples,
            guint           n,
            gsize           offset)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      guint64 v = mg_samples_get_value (samples, i, offset);

      if (v == MG_NO_VALUE)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, (gint64) v);
    }
  json_builder_end_array (b);
}

static void
add_exit_members (JsonBuilder *b,
                  int          wait_status)
{
  if (WIFSIGNALED (wait_status))
    {
      json_builder_set_member_name (b, "signal");
      json_builder_add_int_value (b, WTERMSIG (wait_status));
      json_builder_set_member_name (b, "signal_name");
      json_builder_add_string_value (b, mg_signal_name (WTERMSIG (wait_status)));
    }
  else
    {
      json_builder_set_member_name (b, "status");
      json_builder_add_int_value (b, WEXITSTATUS (wait_status));
    }
}

static void
add_processes (JsonBuilder *b,
               MgRecording *recording)
{
  json_builder_set_member_name (b, "processes");
  json_builder_begin_array (b);
  for (guint i = 0; i < mg_recording_get_n_processes (recording); i++)
    {
      const MgProcess *p = mg_recording_get_process (recording, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "pid");
      json_builder_add_int_value (b, p->pid);
      json_builder_set_member_name (b, "ppid");
      json_builder_add_int_value (b, p->ppid);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_set_member_name (b, "cmdline");
      json_builder_add_string_value (b, p->cmdline);
      json_builder_set_member_name (b, "start_s");
      json_builder_add_double_value (b, round_us (p->start_s));
      json_builder_set_member_name (b, "end_s");
      if (p->end_s >= 0)
        json_builder_add_double_value (b, round_us (p->end_s));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "peak_rss_bytes");
      json_builder_add_int_value (b, (gint64) p->peak_rss);
      json_builder_set_member_name (b, "peak_rss_source");
      json_builder_add_string_value (b, mg_peak_source_to_string (p->peak_source));
      json_builder_set_member_name (b, "peak_source");
      json_builder_add_string_value (b, mg_peak_source_to_string (p->peak_source));
      json_builder_set_member_name (b, "peak_exact");
      json_builder_add_boolean_value (b, p->peak_exact);
      json_builder_set_member_name (b, "start_ticks");
      json_builder_add_int_value (b, (gint64) p->start_ticks);
      if (p->exited)
        {
          json_builder_set_member_name (b, "exit");
          json_builder_begin_object (b);
          add_exit_members (b, p->wait_status);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_markers (JsonBuilder *b,
             MgRecording *recording)
{
  json_builder_set_member_name (b, "markers");
  json_builder_begin_array (b);
  for (guint i = 0; i < mg_recording_get_n_markers (recording); i++)
    {
      const MgMarker *m = mg_recording_get_marker (recording, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "time_s");
      json_builder_add_double_value (b, round_us (m->time_s));
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, m->label);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_unreadable (JsonBuilder *b,
                MgRecording *recording)
{
  guint n = mg_recording_get_n_unreadable (recording);

  if (n == 0)
    return;
  json_builder_set_member_name (b, "unreadable");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      const MgUnreadable *u = mg_recording_get_unreadable (recording, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "pid");
      json_builder_add_int_value (b, u->pid);
      json_builder_set_member_name (b, "what");
      json_builder_add_string_value (b, u->what == MG_UNREADABLE_PROCESS ? "process" : "pss");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_output (JsonBuilder *b,
            MgRecording *recording)
{
  guint n = mg_recording_get_n_output (recording);

  if (n == 0)
    return;
  json_builder_set_member_name (b, "output");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      const MgOutputLine *line = mg_recording_get_output (recording, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "time_s");
      json_builder_add_double_value (b, round_us (line->time_s));
      json_builder_set_member_name (b, "stream");
      json_builder_add_string_value (b, line->stream == MG_OUTPUT_STDERR ? "stderr" : "stdout");
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, line->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* One recording as a JSON object, into @b. */
static void
build_recording (JsonBuilder *b,
                 MgRecording *recording)
{
  g_autofree char *started = NULL;
  const char * const *argv;
  MgSamples *samples;
  const MgExit *exit_info;
  static const struct { const char *name; gsize offset; } kinds[] = {
    { "anon_bytes", G_STRUCT_OFFSET (MgSample, anon_bytes) },
    { "file_bytes", G_STRUCT_OFFSET (MgSample, file_bytes) },
    { "shmem_bytes", G_STRUCT_OFFSET (MgSample, shmem_bytes) },
    { "swap_bytes", G_STRUCT_OFFSET (MgSample, swap_bytes) },
  };
  double peak_from, peak_to, median, worst;
  guint64 upper;
  guint n;

  argv = mg_recording_get_argv (recording);
  samples = mg_recording_get_samples (recording);
  n = mg_recording_get_n_samples (recording);
  exit_info = mg_recording_get_exit (recording);
  started = g_date_time_format_iso8601 (mg_recording_get_started (recording));

  json_builder_begin_object (b);

  json_builder_set_member_name (b, "command");
  json_builder_begin_array (b);
  /* Arguments are bytes; JSON is UTF-8: invalid sequences become U+FFFD. */
  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_autofree char *arg = g_utf8_make_valid (argv[i], -1);
      json_builder_add_string_value (b, arg);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "directory");
  if (mg_recording_get_directory (recording) != NULL)
    {
      g_autofree char *directory = g_utf8_make_valid (mg_recording_get_directory (recording), -1);
      json_builder_add_string_value (b, directory);
    }
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
    case MG_EXIT_UNKNOWN:
      json_builder_set_member_name (b, "unknown");
      json_builder_add_boolean_value (b, TRUE);
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
  json_builder_set_member_name (b, "rss_source");
  json_builder_add_string_value (b, mg_peak_source_to_string (mg_recording_get_peak_source (recording)));
  json_builder_set_member_name (b, "rss_exact");
  json_builder_add_boolean_value (b, mg_recording_get_peak_is_exact (recording));
  json_builder_set_member_name (b, "rss_upper_bytes");
  if (mg_recording_get_peak_upper (recording, &upper))
    json_builder_add_int_value (b, (gint64) upper);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "unseen");
  json_builder_add_boolean_value (b, mg_recording_get_unseen (recording));
  json_builder_set_member_name (b, "followed");
  json_builder_add_boolean_value (b, mg_recording_get_following (recording) == MG_FOLLOW_ON);
  json_builder_set_member_name (b, "sampled_rss_bytes");
  json_builder_add_int_value (b, (gint64) mg_recording_get_sampled_peak_rss (recording));
  json_builder_set_member_name (b, "rss_time_s");
  json_builder_add_double_value (b, round_us (mg_recording_get_peak_rss_time (recording)));
  if (mg_recording_get_peak_window (recording, &peak_from, &peak_to))
    {
      json_builder_set_member_name (b, "rss_between_s");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, round_us (peak_from));
      json_builder_add_double_value (b, round_us (peak_to));
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "vsz_bytes");
  json_builder_add_int_value (b, (gint64) mg_recording_get_peak_vsz (recording));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      json_builder_set_member_name (b, kinds[i].name);
      json_builder_add_int_value (b, (gint64) mg_recording_get_peak_of (recording, kinds[i].offset));
    }
  if (mg_recording_has_pss (recording))
    {
      json_builder_set_member_name (b, "pss_bytes");
      json_builder_add_int_value (b, (gint64) mg_recording_get_peak_of (recording,
                                                                        G_STRUCT_OFFSET (MgSample, pss_bytes)));
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "interval");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "requested_s");
  json_builder_add_double_value (b, mg_recording_get_interval (recording));
  if (mg_recording_get_achieved_interval (recording, &median, &worst))
    {
      json_builder_set_member_name (b, "median_s");
      json_builder_add_double_value (b, round_us (median));
      json_builder_set_member_name (b, "worst_s");
      json_builder_add_double_value (b, round_us (worst));
    }
  json_builder_end_object (b);

  add_processes (b, recording);

  json_builder_set_member_name (b, "samples");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "time_s");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (b, round_us (mg_samples_get_time (samples, i)));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rss_bytes");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (b, (gint64) mg_samples_get_value (samples, i, G_STRUCT_OFFSET (MgSample, rss_bytes)));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "vsz_bytes");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (b, (gint64) mg_samples_get_value (samples, i, G_STRUCT_OFFSET (MgSample, vsz_bytes)));
  json_builder_end_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    add_series (b, kinds[i].name, samples, n, kinds[i].offset);
  if (mg_recording_has_envelope (recording))
    add_series (b, "rss_max_bytes", samples, n, G_STRUCT_OFFSET (MgSample, rss_max_bytes));
  if (mg_recording_has_pss (recording))
    {
      add_series (b, "pss_bytes", samples, n, G_STRUCT_OFFSET (MgSample, pss_bytes));
      add_series (b, "uss_bytes", samples, n, G_STRUCT_OFFSET (MgSample, uss_bytes));
    }
  json_builder_end_object (b);

  add_markers (b, recording);
  add_unreadable (b, recording);
  add_output (b, recording);

  json_builder_end_object (b);
}

static GBytes *
builder_to_bytes (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  gsize len;
  char *text;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  return g_bytes_new_take (text, len);
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

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  build_recording (b, recording);
  return builder_to_bytes (b);
}

/**
 * mg_export_compare_json_bytes:
 * @runs: (array length=n_runs): the compared runs, the first the reference
 * @labels: (array length=n_runs): their names
 *
 * Returns: (transfer full): {"labels": [...], "summary": [...], "runs": [...]}
 *   where each run is a recording as mg_export_json_bytes() writes it
 */
GBytes *
mg_export_compare_json_bytes (MgRecording **runs,
                              const char  **labels,
                              guint         n_runs)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(GStrv) summary = mg_compare_summary (runs, labels, n_runs);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_runs; i++)
    json_builder_add_string_value (b, labels[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "summary");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_runs; i++)
    json_builder_add_string_value (b, summary[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "runs");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_runs; i++)
    build_recording (b, runs[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return builder_to_bytes (b);
}

/* Writes @bytes to a new file beside @path and renames it over @path once
 * every byte is on disk; on any failure the new file goes and @path keeps
 * what it had. (g_file_replace_contents () renames its temporary file into
 * place even after a failed write: a full disk would leave a truncated
 * file where the old one was.) */
static gboolean
replace_local_file (const char  *path,
                    GBytes      *bytes,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  struct stat st;
  int fd, saved;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  /* Keep the permissions of the file it replaces. */
  if (stat (path, &st) == 0 && S_ISREG (st.st_mode))
    fchmod (fd, st.st_mode & 07777);
  while (size > 0)
    {
      gssize n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto failed;
      data += n;
      size -= n;
    }
  /* Blocks a file system allocates late are allocated now. */
  if (fsync (fd) != 0)
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;
  if (rename (tmp, path) != 0)
    goto failed;
  return TRUE;

failed:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
  return FALSE;
}

/* The same through GIO, for a file that has no local path. */
static gboolean
replace_remote_file (GFile    *file,
                     GBytes   *bytes,
                     GError  **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return FALSE;
  if (g_output_stream_write_all (G_OUTPUT_STREAM (out), data, size, NULL, NULL, error))
    return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
  /* A cancelled close abandons the new file instead of putting it in place. */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
  return FALSE;
}

/* Replaces @file atomically with @bytes; an error names the file. */
static gboolean
replace_file (GFile   *file,
              GBytes  *bytes,
              GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (file);
  gboolean ok;

  ok = path != NULL ? replace_local_file (path, bytes, &local_error)
                    : replace_remote_file (file, bytes, &local_error);
  if (!ok)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * mg_export_compare_write:
 * @runs: (array length=n_runs): the compared runs
 * @labels: (array length=n_runs): their names
 * @file: where to write; replaced atomically
 * @format: PNG, SVG or PDF draw the runs overlaid; JSON holds them all; CSV
 *   has one row per sample of each run, named in a first column
 *
 * Returns: %TRUE on success
 */
gboolean
mg_export_compare_write (MgRecording      **runs,
                         const char       **labels,
                         guint              n_runs,
                         GFile             *file,
                         MgExportFormat     format,
                         const MgPlotStyle *style,
                         int                width,
                         int                height,
                         GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (n_runs > 0, FALSE);

  switch (format)
    {
    case MG_EXPORT_PNG:
    case MG_EXPORT_SVG:
    case MG_EXPORT_PDF:
      {
        Comparison c = { runs, labels, n_runs };
        double scale = format == MG_EXPORT_PNG ? style->scale : 1;

        bytes = image_bytes (format, style, (int) (width * scale), (int) (height * scale),
                             render_comparison, &c, error);
        if (bytes == NULL)
          return FALSE;
      }
      break;

    case MG_EXPORT_JSON:
      bytes = mg_export_compare_json_bytes (runs, labels, n_runs);
      break;

    case MG_EXPORT_CSV:
      {
        GString *csv = g_string_new ("run,time_s,rss_bytes,vsz_bytes\n");

        for (guint r = 0; r < n_runs; r++)
          {
            MgSamples *samples = mg_recording_get_samples (runs[r]);
            g_autofree char *label = g_strdup (labels[r]);

            /* Commas would split the cell. */
            g_strdelimit (label, ",\n", ' ');
            for (guint i = 0; i < mg_recording_get_n_samples (runs[r]); i++)
              {
                const MgSample *x = mg_samples_peek (samples, i);

                g_string_append_printf (csv, "%s,", label);
                append_double (csv, x->time_s);
                g_string_append_printf (csv, ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT "\n",
                                        x->rss_bytes, x->vsz_bytes);
              }
          }
        bytes = g_string_free_to_bytes (csv);
      }
      break;

    case MG_EXPORT_UNKNOWN:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Unknown file type: use a name ending in .png, .svg, .pdf, .csv or .json"));
      return FALSE;
    }

  return replace_file (file, bytes, error);
}

/**
 * mg_export_write:
 * @file: where to write; replaced atomically
 * @format: what to write
 * @style: for images, the plot style; PNG is @width × @height times its
 *   scale in pixels (2 for sharp images in HiDPI documents)
 * @width: for images, the width in logical pixels (points for SVG and PDF)
 * @height: for images, the height
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; on failure an existing file is left intact
 */
gboolean
mg_export_write (MgRecording        *recording,
                 GFile              *file,
                 MgExportFormat      format,
                 const MgPlotStyle  *style,
                 int                 width,
                 int                 height,
                 GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (MG_IS_RECORDING (recording), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  switch (format)
    {
    case MG_EXPORT_PNG:
      g_return_val_if_fail (style != NULL, FALSE);
      bytes = mg_export_png_bytes (recording, style, (int) (width * style->scale),
                                   (int) (height * style->scale), error);
      if (bytes == NULL)
        return FALSE;
      break;
    case MG_EXPORT_SVG:
    case MG_EXPORT_PDF:
      g_return_val_if_fail (style != NULL, FALSE);
      bytes = mg_export_vector_bytes (recording, format, style, width, height, error);
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
                   _("Unknown file type: use a name ending in .png, .svg, .pdf, .csv or .json"));
      return FALSE;
    }

  return replace_file (file, bytes, error);
}
