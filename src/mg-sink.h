/* mg-sink.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the writers put what they write, in blocks. GLib and GIO only, so
 * that the recorder (memgraph-record) writes its stream with it too.
 */
#pragma once

#include <gio/gio.h>
#include <string.h>

G_BEGIN_DECLS

/* Sinks: where a document goes as it is written, in blocks, so
 * that no format ever holds the whole document: a file descriptor, a GIO
 * stream, or memory (for the *_bytes functions). */

#define MG_SINK_BLOCK (64 * 1024)

typedef struct
{
  int            fd;       /* or -1 */
  GOutputStream *stream;   /* or NULL */
  GByteArray    *memory;   /* or NULL */
  char          *buf;
  gsize          len;
  GError        *error;    /* the first failure; what follows is not written */
} MgSink;

void         mg_sink_init                (MgSink             *sink,
                                          int                 fd,
                                          GOutputStream      *stream,
                                          GByteArray         *memory);
void         mg_sink_put                 (MgSink             *sink,
                                          const void         *data,
                                          gsize               size);
void         mg_sink_flush               (MgSink             *sink);
gboolean     mg_sink_finish              (MgSink             *sink,
                                          GError            **error);
void         mg_sink_str                 (MgSink             *sink,
                                          const char         *text);
void         mg_sink_uint                (MgSink             *sink,
                                          guint64             value);
void         mg_sink_int                 (MgSink             *sink,
                                          gint64              value);
void         mg_sink_double              (MgSink             *sink,
                                          double              value);
void         mg_sink_time_digits         (MgSink             *sink,
                                          double              seconds,
                                          gboolean            six_digits);
void         mg_sink_time                (MgSink             *sink,
                                          double              seconds);
void         mg_sink_json_string         (MgSink             *sink,
                                          const char         *text);

static inline void
mg_sink_write (MgSink       *sink,
               const char *text,
               gsize       len)
{
  if (G_UNLIKELY (sink->len + len > MG_SINK_BLOCK))
    {
      mg_sink_flush (sink);
      if (len > MG_SINK_BLOCK)
        {
          mg_sink_put (sink, text, len);
          return;
        }
    }
  memcpy (sink->buf + sink->len, text, len);
  sink->len += len;
}

static inline void
mg_sink_c (MgSink *sink,
           char  c)
{
  if (G_UNLIKELY (sink->len == MG_SINK_BLOCK))
    mg_sink_flush (sink);
  sink->buf[sink->len++] = c;
}

G_END_DECLS
