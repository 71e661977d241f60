/* mg-export.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PNG, SVG, PDF, CSV and JSON from a recording, without a display. Files
 * are replaced atomically: a failed write leaves what was there. CSV and
 * JSON are written as streams, a block at a time, straight from the packed
 * samples, one function per section; the reader is mg-import.c, and the
 * keys of the series come from mg-format-private.h.
 */
#include "config.h"

#include "mg-export.h"
#include "mg-units.h"
#include "mg-compare.h"
#include "mg-format-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
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

/* Sinks: where a document goes as it is written, in blocks, so that no
 * format ever holds the whole document: a file descriptor, a GIO stream,
 * or memory (for the *_bytes functions). */

#define SINK_BLOCK (64 * 1024)

typedef struct
{
  int            fd;       /* or -1 */
  GOutputStream *stream;   /* or NULL */
  GByteArray    *memory;   /* or NULL */
  char          *buf;
  gsize          len;
  GError        *error;    /* the first failure; what follows is not written */
} Sink;

static void
sink_init (Sink          *sink,
           int            fd,
           GOutputStream *stream,
           GByteArray    *memory)
{
  memset (sink, 0, sizeof *sink);
  sink->fd = fd;
  sink->stream = stream;
  sink->memory = memory;
  sink->buf = g_malloc (SINK_BLOCK);
}

static void
sink_put (Sink       *sink,
          const void *data,
          gsize       size)
{
  const guint8 *p = data;

  if (sink->error != NULL)
    return;
  if (sink->memory != NULL)
    {
      g_byte_array_append (sink->memory, p, size);
      return;
    }
  if (sink->stream != NULL)
    {
      g_output_stream_write_all (sink->stream, p, size, NULL, NULL, &sink->error);
      return;
    }
  while (size > 0)
    {
      gssize n = write (sink->fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error_literal (&sink->error, G_IO_ERROR, g_io_error_from_errno (saved),
                               g_strerror (saved));
          return;
        }
      p += n;
      size -= n;
    }
}

static void
sink_flush (Sink *sink)
{
  sink_put (sink, sink->buf, sink->len);
  sink->len = 0;
}

/* Flushes; returns FALSE with @error set when anything failed. */
static gboolean
sink_finish (Sink    *sink,
             GError **error)
{
  sink_flush (sink);
  g_clear_pointer (&sink->buf, g_free);
  if (sink->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sink->error));
      return FALSE;
    }
  return TRUE;
}

static inline void
sink_write (Sink       *sink,
            const char *text,
            gsize       len)
{
  if (G_UNLIKELY (sink->len + len > SINK_BLOCK))
    {
      sink_flush (sink);
      if (len > SINK_BLOCK)
        {
          sink_put (sink, text, len);
          return;
        }
    }
  memcpy (sink->buf + sink->len, text, len);
  sink->len += len;
}

static inline void
sink_c (Sink *sink,
        char  c)
{
  if (G_UNLIKELY (sink->len == SINK_BLOCK))
    sink_flush (sink);
  sink->buf[sink->len++] = c;
}

static void
sink_str (Sink       *sink,
          const char *text)
{
  sink_write (sink, text, strlen (text));
}

static void
sink_uint (Sink    *sink,
           guint64  value)
{
  char digits[24];
  int n = sizeof digits;

  do
    digits[--n] = '0' + value % 10;
  while ((value /= 10) > 0);
  sink_write (sink, digits + n, sizeof digits - n);
}

static void
sink_int (Sink   *sink,
          gint64  value)
{
  if (value < 0)
    {
      sink_c (sink, '-');
      sink_uint (sink, -(guint64) value);
    }
  else
    sink_uint (sink, value);
}

/* The shortest decimal that reads back as @value; null where JSON has no
 * number for it. */
static void
sink_double (Sink   *sink,
             double  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

  if (!isfinite (value))
    {
      sink_str (sink, "null");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  sink_str (sink, buf);
}

/* A time to the microsecond, as recordings keep it: "12.3456" for what
 * round(t × 10⁶) / 10⁶ holds, which reads back as that very double; with
 * @six_digits, always six decimals ("12.345600"), as CSV has them. */
static void
sink_time_digits (Sink     *sink,
                  double    seconds,
                  gboolean  six_digits)
{
  gint64 us;
  char frac[7];
  int n = 6;

  if (!isfinite (seconds) || fabs (seconds) >= 1e12)
    {
      sink_double (sink, round (seconds * 1e6) / 1e6);
      return;
    }
  us = llround (seconds * 1e6);
  if (us < 0)
    {
      sink_c (sink, '-');
      us = -us;
    }
  sink_uint (sink, us / 1000000);
  us %= 1000000;
  for (int i = 5; i >= 0; i--, us /= 10)
    frac[i] = '0' + us % 10;
  while (!six_digits && n > 1 && frac[n - 1] == '0')
    n--;
  sink_c (sink, '.');
  sink_write (sink, frac, n);
}

static void
sink_time (Sink   *sink,
           double  seconds)
{
  sink_time_digits (sink, seconds, FALSE);
}

/* A JSON string; @text is valid UTF-8. */
static void
sink_json_string (Sink       *sink,
                  const char *text)
{
  const char *run = text;

  sink_c (sink, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;
      char esc[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      sink_write (sink, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':
          sink_str (sink, "\\\"");
          break;
        case '\\':
          sink_str (sink, "\\\\");
          break;
        case '\n':
          sink_str (sink, "\\n");
          break;
        case '\t':
          sink_str (sink, "\\t");
          break;
        case '\r':
          sink_str (sink, "\\r");
          break;
        default:
          g_snprintf (esc, sizeof esc, "\\u%04x", c);
          sink_str (sink, esc);
          break;
        }
    }
  sink_str (sink, run);
  sink_c (sink, '"');
}

/* JSON written as it goes: commas and nesting are tracked here, so each
 * section is a plain list of members. */

#define JSON_MAX_DEPTH 8

typedef struct
{
  Sink     *sink;
  guint     depth;
  gboolean  first[JSON_MAX_DEPTH + 1];
  gboolean  after_key;
} JsonOut;

static void
json_out_init (JsonOut *w,
               Sink    *sink)
{
  memset (w, 0, sizeof *w);
  w->sink = sink;
  w->first[0] = TRUE;
}

/* Before any value: a comma unless it is the first of its container. */
static inline void
jw_value (JsonOut *w)
{
  if (w->after_key)
    w->after_key = FALSE;
  else if (!w->first[w->depth])
    sink_c (w->sink, ',');
  w->first[w->depth] = FALSE;
}

static void
jw_key (JsonOut    *w,
        const char *key)
{
  jw_value (w);
  sink_json_string (w->sink, key);
  sink_c (w->sink, ':');
  w->after_key = TRUE;
}

static void
jw_begin (JsonOut *w,
          char     open)
{
  g_assert (w->depth < JSON_MAX_DEPTH);
  jw_value (w);
  sink_c (w->sink, open);
  w->first[++w->depth] = TRUE;
}

static void
jw_end (JsonOut *w,
        char     close)
{
  g_assert (w->depth > 0);
  w->depth--;
  sink_c (w->sink, close);
}

static void
jw_int (JsonOut *w,
        gint64   value)
{
  jw_value (w);
  sink_int (w->sink, value);
}

static void
jw_double (JsonOut *w,
           double   value)
{
  jw_value (w);
  sink_double (w->sink, value);
}

static void
jw_time (JsonOut *w,
         double   seconds)
{
  jw_value (w);
  sink_time (w->sink, seconds);
}

static void
jw_string (JsonOut    *w,
           const char *text)
{
  jw_value (w);
  sink_json_string (w->sink, text);
}

static void
jw_bool (JsonOut  *w,
         gboolean  value)
{
  jw_value (w);
  sink_str (w->sink, value ? "true" : "false");
}

static void
jw_null (JsonOut *w)
{
  jw_value (w);
  sink_str (w->sink, "null");
}

/* A member with a value, in one call. */
static void
jw_member_int (JsonOut    *w,
               const char *key,
               gint64      value)
{
  jw_key (w, key);
  jw_int (w, value);
}

static void
jw_member_time (JsonOut    *w,
                const char *key,
                double      seconds)
{
  jw_key (w, key);
  jw_time (w, seconds);
}

static void
jw_member_string (JsonOut    *w,
                  const char *key,
                  const char *text)
{
  jw_key (w, key);
  jw_string (w, text);
}

static void
jw_member_bool (JsonOut    *w,
                const char *key,
                gboolean    value)
{
  jw_key (w, key);
  jw_bool (w, value);
}

/* CSV */

static void
write_csv (Sink        *sink,
           MgRecording *recording)
{
  MgSamples *samples = mg_recording_get_samples (recording);
  guint n = mg_recording_get_n_samples (recording);
  gboolean wanted[MG_N_FIELDS];

  sink_str (sink, MG_FIELD_TIME_KEY);
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      wanted[f] = mg_recording_has_field (recording, f);
      if (wanted[f])
        {
          sink_c (sink, ',');
          sink_str (sink, mg_fields[f].column);
        }
    }
  sink_c (sink, '\n');

  for (guint i = 0; i < n && sink->error == NULL; i++)
    {
      const MgSample *x = mg_samples_peek (samples, i);

      /* Locale-independent: a comma decimal separator would break the CSV. */
      sink_time_digits (sink, x->time_s, TRUE);
      for (MgField f = 0; f < MG_N_FIELDS; f++)
        if (wanted[f])
          {
            guint64 v = mg_field_get (x, f);

            sink_c (sink, ',');
            /* An empty cell where PSS was not read. */
            if (!(mg_fields[f].nullable && v == MG_NO_VALUE))
              sink_uint (sink, v);
          }
      sink_c (sink, '\n');
    }
}

static void
write_compare_csv (Sink         *sink,
                   MgRecording **runs,
                   const char  **labels,
                   guint         n_runs)
{
  sink_str (sink, "run,time_s,rss_bytes,vsz_bytes\n");
  for (guint r = 0; r < n_runs; r++)
    {
      MgSamples *samples = mg_recording_get_samples (runs[r]);
      g_autofree char *label = g_strdup (labels[r]);

      /* Commas would split the cell. */
      g_strdelimit (label, ",\n", ' ');
      for (guint i = 0; i < mg_recording_get_n_samples (runs[r]) && sink->error == NULL; i++)
        {
          const MgSample *x = mg_samples_peek (samples, i);

          sink_str (sink, label);
          sink_c (sink, ',');
          sink_time_digits (sink, x->time_s, TRUE);
          sink_c (sink, ',');
          sink_uint (sink, x->rss_bytes);
          sink_c (sink, ',');
          sink_uint (sink, x->vsz_bytes);
          sink_c (sink, '\n');
        }
    }
}

/* JSON: one function per section of a recording, in the order written. */

static void
write_exit_members (JsonOut *w,
                    int      wait_status)
{
  if (WIFSIGNALED (wait_status))
    {
      jw_member_int (w, "signal", WTERMSIG (wait_status));
      jw_member_string (w, "signal_name", mg_signal_name (WTERMSIG (wait_status)));
    }
  else
    jw_member_int (w, "status", WEXITSTATUS (wait_status));
}

static void
write_head (JsonOut     *w,
            MgRecording *recording)
{
  const char * const *argv = mg_recording_get_argv (recording);
  g_autofree char *started = g_date_time_format_iso8601 (mg_recording_get_started (recording));

  jw_key (w, "command");
  jw_begin (w, '[');
  /* Arguments are bytes; JSON is UTF-8: invalid sequences become U+FFFD. */
  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_autofree char *arg = g_utf8_make_valid (argv[i], -1);

      jw_string (w, arg);
    }
  jw_end (w, ']');

  jw_key (w, "directory");
  if (mg_recording_get_directory (recording) != NULL)
    {
      g_autofree char *directory = g_utf8_make_valid (mg_recording_get_directory (recording), -1);

      jw_string (w, directory);
    }
  else
    jw_null (w);

  jw_key (w, "interval_s");
  jw_double (w, mg_recording_get_interval (recording));
  jw_member_string (w, "started", started);
  jw_member_time (w, "duration_s", mg_recording_get_duration (recording));
}

static void
write_exit (JsonOut     *w,
            MgRecording *recording)
{
  const MgExit *exit_info = mg_recording_get_exit (recording);

  jw_key (w, "exit");
  jw_begin (w, '{');
  switch (exit_info->kind)
    {
    case MG_EXIT_STATUS:
      jw_member_int (w, "status", exit_info->code);
      break;
    case MG_EXIT_SIGNAL:
      jw_member_int (w, "signal", exit_info->code);
      jw_member_string (w, "signal_name", mg_signal_name (exit_info->code));
      jw_member_bool (w, "core_dumped", exit_info->core_dumped);
      break;
    case MG_EXIT_ERROR:
      jw_member_string (w, "error", exit_info->message ? exit_info->message : "");
      break;
    case MG_EXIT_UNKNOWN:
      jw_member_bool (w, "unknown", TRUE);
      break;
    case MG_EXIT_RUNNING:
    default:
      jw_member_bool (w, "running", TRUE);
      break;
    }
  jw_end (w, '}');
}

static void
write_peak (JsonOut     *w,
            MgRecording *recording)
{
  double from, to;
  guint64 upper;

  jw_key (w, "peak");
  jw_begin (w, '{');
  jw_member_int (w, "rss_bytes", (gint64) mg_recording_get_peak_rss (recording));
  jw_member_string (w, "rss_source",
                    mg_peak_source_to_string (mg_recording_get_peak_source (recording)));
  jw_member_bool (w, "rss_exact", mg_recording_get_peak_is_exact (recording));
  jw_key (w, "rss_upper_bytes");
  if (mg_recording_get_peak_upper (recording, &upper))
    jw_int (w, (gint64) upper);
  else
    jw_null (w);
  jw_member_bool (w, "unseen", mg_recording_get_unseen (recording));
  jw_member_bool (w, "followed", mg_recording_get_following (recording) == MG_FOLLOW_ON);
  jw_member_int (w, "sampled_rss_bytes", (gint64) mg_recording_get_sampled_peak_rss (recording));
  jw_member_time (w, "rss_time_s", mg_recording_get_peak_rss_time (recording));
  if (mg_recording_get_peak_window (recording, &from, &to))
    {
      jw_key (w, "rss_between_s");
      jw_begin (w, '[');
      jw_time (w, from);
      jw_time (w, to);
      jw_end (w, ']');
    }
  /* The peaks of the other series that have one in the summary: VSZ, the
   * kinds of RSS, swap, and PSS when it was measured. */
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    if (mg_fields[f].summarized && mg_recording_has_field (recording, f))
      jw_member_int (w, mg_fields[f].key, (gint64) mg_recording_get_field_peak (recording, f));
  jw_end (w, '}');
}

static void
write_interval (JsonOut     *w,
                MgRecording *recording)
{
  double median, worst;

  jw_key (w, "interval");
  jw_begin (w, '{');
  jw_key (w, "requested_s");
  jw_double (w, mg_recording_get_interval (recording));
  if (mg_recording_get_achieved_interval (recording, &median, &worst))
    {
      jw_member_time (w, "median_s", median);
      jw_member_time (w, "worst_s", worst);
    }
  jw_end (w, '}');
}

static void
write_processes (JsonOut     *w,
                 MgRecording *recording)
{
  jw_key (w, mg_list_keys[MG_LIST_PROCESSES]);
  jw_begin (w, '[');
  for (guint i = 0; i < mg_recording_get_n_processes (recording); i++)
    {
      const MgProcess *p = mg_recording_get_process (recording, i);

      jw_begin (w, '{');
      jw_member_int (w, "pid", p->pid);
      jw_member_int (w, "ppid", p->ppid);
      jw_member_string (w, "name", p->name);
      jw_member_string (w, "cmdline", p->cmdline);
      jw_member_time (w, "start_s", p->start_s);
      jw_key (w, "end_s");
      if (p->end_s >= 0)
        jw_time (w, p->end_s);
      else
        jw_null (w);
      jw_member_int (w, "peak_rss_bytes", (gint64) p->peak_rss);
      jw_member_string (w, "peak_rss_source", mg_peak_source_to_string (p->peak_source));
      jw_member_string (w, "peak_source", mg_peak_source_to_string (p->peak_source));
      jw_member_bool (w, "peak_exact", p->peak_exact);
      jw_member_int (w, "start_ticks", (gint64) p->start_ticks);
      if (p->exited)
        {
          jw_key (w, "exit");
          jw_begin (w, '{');
          write_exit_members (w, p->wait_status);
          jw_end (w, '}');
        }
      jw_end (w, '}');
    }
  jw_end (w, ']');
}

/* One array per series, written from the packed samples in order. */
static void
write_samples (JsonOut     *w,
               MgRecording *recording)
{
  MgSamples *samples = mg_recording_get_samples (recording);
  guint n = mg_recording_get_n_samples (recording);

  jw_key (w, MG_SAMPLES_KEY);
  jw_begin (w, '{');
  jw_key (w, MG_FIELD_TIME_KEY);
  jw_begin (w, '[');
  for (guint i = 0; i < n && w->sink->error == NULL; i++)
    jw_time (w, mg_samples_get_time (samples, i));
  jw_end (w, ']');
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      if (!mg_recording_has_field (recording, f))
        continue;
      jw_key (w, mg_fields[f].key);
      jw_begin (w, '[');
      for (guint i = 0; i < n && w->sink->error == NULL; i++)
        {
          guint64 v = mg_samples_get_value (samples, i, mg_fields[f].offset);

          if (v == MG_NO_VALUE)
            jw_null (w);
          else
            jw_int (w, (gint64) v);
        }
      jw_end (w, ']');
    }
  jw_end (w, '}');
}

static void
write_markers (JsonOut     *w,
               MgRecording *recording)
{
  jw_key (w, mg_list_keys[MG_LIST_MARKERS]);
  jw_begin (w, '[');
  for (guint i = 0; i < mg_recording_get_n_markers (recording); i++)
    {
      const MgMarker *m = mg_recording_get_marker (recording, i);

      jw_begin (w, '{');
      jw_member_time (w, "time_s", m->time_s);
      jw_member_string (w, "label", m->label);
      jw_end (w, '}');
    }
  jw_end (w, ']');
}

static void
write_unreadable (JsonOut     *w,
                  MgRecording *recording)
{
  guint n = mg_recording_get_n_unreadable (recording);

  if (n == 0)
    return;
  jw_key (w, mg_list_keys[MG_LIST_UNREADABLE]);
  jw_begin (w, '[');
  for (guint i = 0; i < n; i++)
    {
      const MgUnreadable *u = mg_recording_get_unreadable (recording, i);

      jw_begin (w, '{');
      jw_member_int (w, "pid", u->pid);
      jw_member_string (w, "what", u->what == MG_UNREADABLE_PROCESS ? "process" : "pss");
      jw_end (w, '}');
    }
  jw_end (w, ']');
}

static void
write_output (JsonOut     *w,
              MgRecording *recording)
{
  guint n = mg_recording_get_n_output (recording);
  guint64 dropped_lines = mg_recording_get_output_dropped_lines (recording);
  guint64 dropped_bytes = mg_recording_get_output_dropped_bytes (recording);

  if (n == 0 && dropped_lines == 0 && dropped_bytes == 0)
    return;
  /* The counts before the lines, so that a reader knows where the head
   * ends as it streams them. */
  if (dropped_lines > 0)
    jw_member_int (w, "output_head_lines",
                   mg_output_get_n_head (mg_recording_get_output_store (recording)));
  jw_member_int (w, "output_dropped_lines", dropped_lines);
  jw_member_int (w, "output_dropped_bytes", dropped_bytes);
  jw_key (w, mg_list_keys[MG_LIST_OUTPUT]);
  jw_begin (w, '[');
  for (guint i = 0; i < n && w->sink->error == NULL; i++)
    {
      const MgOutputLine *line = mg_recording_get_output (recording, i);

      jw_begin (w, '{');
      jw_member_time (w, "time_s", line->time_s);
      jw_member_string (w, "stream", line->stream == MG_OUTPUT_STDERR ? "stderr" : "stdout");
      jw_member_string (w, "text", line->text);
      if (line->full_length > line->length)
        /* Only its start was kept: how long it was. */
        jw_member_int (w, "length", line->full_length);
      jw_end (w, '}');
    }
  jw_end (w, ']');
}

/* The sections of a recording, in the order they are written. */
static void (* const recording_sections[]) (JsonOut *, MgRecording *) = {
  write_head,
  write_exit,
  write_peak,
  write_interval,
  write_processes,
  write_samples,
  write_markers,
  write_unreadable,
  write_output,
};

/* One recording as a JSON object. */
static void
write_recording (JsonOut     *w,
                 MgRecording *recording)
{
  jw_begin (w, '{');
  for (guint i = 0; i < G_N_ELEMENTS (recording_sections); i++)
    recording_sections[i] (w, recording);
  jw_end (w, '}');
}

typedef struct
{
  MgRecording **runs;
  const char  **labels;
  guint         n_runs;
  GBytes       *bytes;   /* an image, drawn beforehand */
  MgExportFormat format;
} Document;

/* Writes @doc to @sink in its format. */
static void
write_document (Sink     *sink,
                Document *doc)
{
  JsonOut w;

  json_out_init (&w, sink);
  if (doc->bytes != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (doc->bytes, &size);

      sink_write (sink, data, size);
    }
  else if (doc->format == MG_EXPORT_CSV && doc->labels == NULL)
    write_csv (sink, doc->runs[0]);
  else if (doc->format == MG_EXPORT_CSV)
    write_compare_csv (sink, doc->runs, doc->labels, doc->n_runs);
  else if (doc->labels == NULL)
    write_recording (&w, doc->runs[0]);
  else
    {
      g_auto(GStrv) summary = mg_compare_summary (doc->runs, doc->labels, doc->n_runs);

      jw_begin (&w, '{');
      jw_key (&w, MG_LABELS_KEY);
      jw_begin (&w, '[');
      for (guint i = 0; i < doc->n_runs; i++)
        jw_string (&w, doc->labels[i]);
      jw_end (&w, ']');
      jw_key (&w, MG_SUMMARY_KEY);
      jw_begin (&w, '[');
      for (guint i = 0; i < doc->n_runs; i++)
        jw_string (&w, summary[i]);
      jw_end (&w, ']');
      jw_key (&w, MG_RUNS_KEY);
      jw_begin (&w, '[');
      for (guint i = 0; i < doc->n_runs; i++)
        write_recording (&w, doc->runs[i]);
      jw_end (&w, ']');
      jw_end (&w, '}');
    }
}

static GBytes *
document_bytes (Document *doc)
{
  GByteArray *memory = g_byte_array_new ();
  Sink sink;

  sink_init (&sink, -1, NULL, memory);
  write_document (&sink, doc);
  sink_finish (&sink, NULL);
  return g_byte_array_free_to_bytes (memory);
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
  Document doc = { &recording, NULL, 1, NULL, MG_EXPORT_CSV };

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  return document_bytes (&doc);
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
  Document doc = { &recording, NULL, 1, NULL, MG_EXPORT_JSON };

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  return document_bytes (&doc);
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
  Document doc = { runs, labels, n_runs, NULL, MG_EXPORT_JSON };

  g_return_val_if_fail (n_runs > 0, NULL);

  return document_bytes (&doc);
}

/* The file a path names in the end, through any symbolic links, so that
 * replacing it keeps the links. */
static char *
resolve_links (const char  *path,
               GError     **error)
{
  g_autofree char *current = g_strdup (path);

  /* As many links as the kernel follows (MAXSYMLINKS). */
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *target = NULL;
      struct stat st;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      target = g_file_read_link (current, NULL);
      if (target == NULL)
        return g_steal_pointer (&current);
      if (g_path_is_absolute (target))
        {
          g_free (current);
          current = g_steal_pointer (&target);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, target, NULL);
        }
    }
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (ELOOP), g_strerror (ELOOP));
  return NULL;
}

/* Writes into a pipe or a device as it is: it cannot be replaced, and its
 * reader waits on it. */
static gboolean
write_into (const char  *path,
            Document    *doc,
            GError     **error)
{
  sigset_t pipe_signal, old_mask;
  gboolean ok;
  Sink sink;
  int fd, saved;

  do
    fd = open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  /* A reader that goes away must not kill us with SIGPIPE: the write gets
   * EPIPE, and the signal it raised in this thread is taken back. */
  sigemptyset (&pipe_signal);
  sigaddset (&pipe_signal, SIGPIPE);
  pthread_sigmask (SIG_BLOCK, &pipe_signal, &old_mask);
  sink_init (&sink, fd, NULL, NULL);
  write_document (&sink, doc);
  ok = sink_finish (&sink, error);
  if (!sigismember (&old_mask, SIGPIPE))
    {
      struct timespec zero = { 0, 0 };

      while (sigtimedwait (&pipe_signal, NULL, &zero) == SIGPIPE)
        ;
    }
  pthread_sigmask (SIG_SETMASK, &old_mask, NULL);
  if (!ok)
    {
      close (fd);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Writes @doc to a new file beside @path and renames it over @path once
 * every byte is on disk; on any failure the new file goes and @path keeps
 * what it had. (g_file_replace_contents () renames its temporary file into
 * place even after a failed write: a full disk would leave a truncated
 * file where the old one was.) A symbolic link stays a link: the file it
 * points to is replaced. A pipe or a device is written into. */
static gboolean
replace_local_file (const char  *link_path,
                    Document    *doc,
                    GError     **error)
{
  g_autofree char *path = resolve_links (link_path, error);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  struct stat st;
  gboolean exists;
  Sink sink;
  int fd, saved;

  if (path == NULL)
    return FALSE;
  exists = stat (path, &st) == 0;
  if (exists && (S_ISFIFO (st.st_mode) || S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode)))
    return write_into (path, doc, error);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  /* Keep the permissions of the file it replaces. */
  if (exists && S_ISREG (st.st_mode))
    fchmod (fd, st.st_mode & 07777);
  sink_init (&sink, fd, NULL, NULL);
  write_document (&sink, doc);
  if (!sink_finish (&sink, error))
    {
      close (fd);
      g_unlink (tmp);
      return FALSE;
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
replace_remote_file (GFile     *file,
                     Document  *doc,
                     GError   **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  Sink sink;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return FALSE;
  sink_init (&sink, -1, G_OUTPUT_STREAM (out), NULL);
  write_document (&sink, doc);
  if (sink_finish (&sink, error))
    return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
  /* A cancelled close abandons the new file instead of putting it in place. */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
  return FALSE;
}

/* Replaces @file atomically with @doc, written as a stream; an error names
 * the file. */
static gboolean
replace_file (GFile     *file,
              Document  *doc,
              GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (file);
  gboolean ok;

  ok = path != NULL ? replace_local_file (path, doc, &local_error)
                    : replace_remote_file (file, doc, &local_error);
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
  Document doc = { runs, labels, n_runs, NULL, format };

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
        doc.bytes = bytes;
      }
      break;

    case MG_EXPORT_JSON:
    case MG_EXPORT_CSV:
      break;

    case MG_EXPORT_UNKNOWN:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Unknown file type: use a name ending in .png, .svg, .pdf, .csv or .json"));
      return FALSE;
    }

  return replace_file (file, &doc, error);
}

/**
 * mg_export_write:
 * @file: where to write; replaced atomically (a symbolic link stays one,
 *   the file it points to is replaced; a pipe or a device is written into)
 * @format: what to write
 * @style: for images, the plot style; PNG is @width × @height times its
 *   scale in pixels (2 for sharp images in HiDPI documents)
 * @width: for images, the width in logical pixels (points for SVG and PDF)
 * @height: for images, the height
 * @error: return location for a #GError
 *
 * CSV and JSON are written as streams, straight from the packed samples:
 * the document is never whole in memory.
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
  Document doc = { &recording, NULL, 1, NULL, format };

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
      doc.bytes = bytes;
      break;
    case MG_EXPORT_SVG:
    case MG_EXPORT_PDF:
      g_return_val_if_fail (style != NULL, FALSE);
      bytes = mg_export_vector_bytes (recording, format, style, width, height, error);
      if (bytes == NULL)
        return FALSE;
      doc.bytes = bytes;
      break;
    case MG_EXPORT_CSV:
    case MG_EXPORT_JSON:
      break;
    case MG_EXPORT_UNKNOWN:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Unknown file type: use a name ending in .png, .svg, .pdf, .csv or .json"));
      return FALSE;
    }

  return replace_file (file, &doc, error);
}
