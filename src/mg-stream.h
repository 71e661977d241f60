/* mg-stream.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recording as a stream: JSON Lines, one event a line, written as the
 * run goes (mg-stream.c, GLib only, in memgraph-record too) and read as
 * it arrives (mg-format-stream.c). The format is in the man page, section
 * STREAM FORMAT.
 */
#pragma once

#include <gio/gio.h>

#include "mg-recording.h"
#include "mg-sink.h"

G_BEGIN_DECLS

/* The major version written; a reader refuses another. */
#define MG_STREAM_VERSION 1

/* What a stream's first line begins with. */
#define MG_STREAM_MAGIC "{\"memgraph_stream\""

/* The longest line a reader takes, newline excluded. */
#define MG_STREAM_LINE_MAX (64 * 1024 * 1024)

typedef struct _MgStreamWriter MgStreamWriter;

MgStreamWriter *mg_stream_writer_new     (MgRecording    *recording,
                                          int             fd,
                                          GOutputStream  *stream);
gboolean        mg_stream_writer_get_error (MgStreamWriter *writer,
                                            GError        **error);
guint64         mg_stream_writer_get_bytes (MgStreamWriter *writer);
void            mg_stream_writer_free    (MgStreamWriter *writer);
void            mg_stream_write_sink     (MgSink         *sink,
                                          MgRecording    *recording);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgStreamWriter, mg_stream_writer_free)

typedef struct _MgStreamReader MgStreamReader;

/* Fills @recording (which may be one made from the local argv/interval: the
 * header's values — started time, interval, attached, directory — are
 * applied to it). */
MgStreamReader *mg_stream_reader_new     (MgRecording    *recording);
/* Applies every complete line in @data; keeps a partial last line for the
 * next call. FALSE with @error on a line that is not a stream (first line
 * not a header, unknown major version); a malformed line later is skipped
 * and counted (not fatal). Memory: bounded by the longest line
 * (MG_STREAM_LINE_MAX: longer is an error). */
gboolean        mg_stream_reader_feed    (MgStreamReader *reader,
                                          const char     *data,
                                          gsize           len,
                                          GError        **error);
/* At end of input. If the end event was read: TRUE, the recording is
 * finished as the stream says. Else the recording is finished with what it
 * holds, its exit of kind MG_EXIT_UNKNOWN with @cut_message (or, when NULL,
 * one saying when the stream was cut), and FALSE is returned (no error). */
gboolean        mg_stream_reader_finish  (MgStreamReader *reader,
                                          const char     *cut_message);
void            mg_stream_reader_set_name (MgStreamReader *reader,
                                           const char     *name);
gboolean        mg_stream_reader_got_header (MgStreamReader *reader);
gboolean        mg_stream_reader_got_end (MgStreamReader *reader);
guint64         mg_stream_reader_get_n_malformed (MgStreamReader *reader);
gsize           mg_stream_reader_get_held_bytes (MgStreamReader *reader);
MgRecording    *mg_stream_reader_get_recording (MgStreamReader *reader);
void            mg_stream_reader_free    (MgStreamReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgStreamReader, mg_stream_reader_free)

/* A whole file or bytes. */
MgRecording    *mg_import_stream         (GBytes         *bytes,
                                          const char     *name,
                                          GError        **error);
gboolean        mg_stream_bytes_look_like (const guint8  *data,
                                           gsize          len);

G_END_DECLS
