/* mg-sink.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mg-sink.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

void
mg_sink_init (MgSink        *sink,
              int            fd,
              GOutputStream *stream,
              GByteArray    *memory)
{
  memset (sink, 0, sizeof *sink);
  sink->fd = fd;
  sink->stream = stream;
  sink->memory = memory;
  sink->buf = g_malloc (MG_SINK_BLOCK);
}

void
mg_sink_put (MgSink     *sink,
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

void
mg_sink_flush (MgSink *sink)
{
  mg_sink_put (sink, sink->buf, sink->len);
  sink->len = 0;
}

/* Flushes; returns FALSE with @error set when anything failed. */
gboolean
mg_sink_finish (MgSink  *sink,
                GError **error)
{
  mg_sink_flush (sink);
  g_clear_pointer (&sink->buf, g_free);
  if (sink->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sink->error));
      return FALSE;
    }
  return TRUE;
}

void
mg_sink_str (MgSink     *sink,
             const char *text)
{
  mg_sink_write (sink, text, strlen (text));
}

void
mg_sink_uint (MgSink  *sink,
              guint64  value)
{
  char digits[24];
  int n = sizeof digits;

  do
    digits[--n] = '0' + value % 10;
  while ((value /= 10) > 0);
  mg_sink_write (sink, digits + n, sizeof digits - n);
}

void
mg_sink_int (MgSink *sink,
             gint64  value)
{
  if (value < 0)
    {
      mg_sink_c (sink, '-');
      mg_sink_uint (sink, -(guint64) value);
    }
  else
    mg_sink_uint (sink, value);
}

/* The shortest decimal that reads back as @value; null where JSON has no
 * number for it. */
void
mg_sink_double (MgSink *sink,
                double  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

  if (!isfinite (value))
    {
      mg_sink_str (sink, "null");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  mg_sink_str (sink, buf);
}

/* A time to the microsecond, as recordings keep it: "12.3456" for what
 * round(t × 10⁶) / 10⁶ holds, which reads back as that very double; with
 * @six_digits, always six decimals ("12.345600"), as CSV has them. */
void
mg_sink_time_digits (MgSink   *sink,
                     double    seconds,
                     gboolean  six_digits)
{
  gint64 us;
  char frac[7];
  int n = 6;

  if (!isfinite (seconds) || fabs (seconds) >= 1e12)
    {
      mg_sink_double (sink, round (seconds * 1e6) / 1e6);
      return;
    }
  us = llround (seconds * 1e6);
  if (us < 0)
    {
      mg_sink_c (sink, '-');
      us = -us;
    }
  mg_sink_uint (sink, us / 1000000);
  us %= 1000000;
  for (int i = 5; i >= 0; i--, us /= 10)
    frac[i] = '0' + us % 10;
  while (!six_digits && n > 1 && frac[n - 1] == '0')
    n--;
  mg_sink_c (sink, '.');
  mg_sink_write (sink, frac, n);
}

void
mg_sink_time (MgSink *sink,
              double  seconds)
{
  mg_sink_time_digits (sink, seconds, FALSE);
}

/* A JSON string; @text is valid UTF-8. */
void
mg_sink_json_string (MgSink     *sink,
                     const char *text)
{
  const char *run = text;

  mg_sink_c (sink, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;
      char esc[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      mg_sink_write (sink, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':
          mg_sink_str (sink, "\\\"");
          break;
        case '\\':
          mg_sink_str (sink, "\\\\");
          break;
        case '\n':
          mg_sink_str (sink, "\\n");
          break;
        case '\t':
          mg_sink_str (sink, "\\t");
          break;
        case '\r':
          mg_sink_str (sink, "\\r");
          break;
        default:
          g_snprintf (esc, sizeof esc, "\\u%04x", c);
          mg_sink_str (sink, esc);
          break;
        }
    }
  mg_sink_str (sink, run);
  mg_sink_c (sink, '"');
}
