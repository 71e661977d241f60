/* mg-format-private.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the formats share besides the series of samples (mg-field.h): the
 * members of a recording and of a comparison, sinks to write into, inputs
 * to read from, and the entry points of each reader and writer.
 */
#pragma once

#include <gio/gio.h>

#include "mg-export.h"
#include "mg-sink.h"
#include "mg-field.h"

G_BEGIN_DECLS

/* The members of a recording that the reader streams, and of a comparison:
 * the lists, one element at a time, and the samples, array by array. */
typedef enum
{
  MG_LIST_PROCESSES,
  MG_LIST_MARKERS,
  MG_LIST_UNREADABLE,
  MG_LIST_OUTPUT,
  MG_N_LISTS
} MgListKind;

static const char * const mg_list_keys[MG_N_LISTS] = {
  "processes", "markers", "unreadable", "output"
};

#define MG_SAMPLES_KEY "samples"
#define MG_RUNS_KEY    "runs"
#define MG_LABELS_KEY  "labels"
#define MG_SUMMARY_KEY "summary"

/* Nesting a reader accepts: a recording needs 5 levels (a comparison's
 * runs, a run, its processes, a process, its exit). Deeper input is refused
 * before anything recurses over it. */
#define MG_JSON_MAX_DEPTH 64

/* What the formats share: mg-sink.c, mg-file.c, mg-format-json.c, mg-format-csv.c
 * and mg-image.c. */

/* A document to write: runs (one, or compared with labels) in a format,
 * or an image drawn beforehand. */
typedef struct
{
  MgRecording **runs;
  const char  **labels;
  guint         n_runs;
  GBytes       *bytes;   /* an image, drawn beforehand */
  MgExportFormat format;
} MgDocument;

GBytes      *mg_document_bytes           (MgDocument         *doc);

/* The writers (mg-format-json.c, mg-format-csv.c). */
void         mg_format_json_write        (MgSink             *sink,
                                          MgDocument         *doc);
void         mg_format_csv_write         (MgSink             *sink,
                                          MgRecording        *recording);
void         mg_format_csv_write_compare (MgSink             *sink,
                                          MgRecording       **runs,
                                          const char        **labels,
                                          guint               n_runs);

/* Images (mg-image.c). */
typedef void (*MgRenderFunc) (cairo_t           *cr,
                            int                width,
                            int                height,
                            const MgPlotStyle *style,
                            gpointer           data);

typedef struct
{
  MgRecording **runs;
  const char  **labels;
  guint         n_runs;
} MgImageComparison;

GBytes      *mg_image_bytes              (MgExportFormat      format,
                                          const MgPlotStyle  *style,
                                          int                 width,
                                          int                 height,
                                          MgRenderFunc        render,
                                          gpointer            data,
                                          GError            **error);
void         mg_image_render_comparison  (cairo_t            *cr,
                                          int                 width,
                                          int                 height,
                                          const MgPlotStyle  *style,
                                          gpointer            data);

/* Inputs (mg-file.c): bytes in memory, or a regular file read in blocks. */

#define MG_INPUT_BLOCK (64 * 1024)

typedef struct
{
  const guint8 *mem;         /* the whole input, or NULL */
  gsize         mem_size;
  int           fd;          /* or a regular file, read with pread(), not owned */
  guint8       *buf;
  const guint8 *win;         /* the bytes at hand are [win, end), the next one at p */
  const guint8 *p;
  const guint8 *end;
  goffset       base;        /* where win is in the input */
  int           read_errno;
} MgInput;

void         mg_input_init_memory        (MgInput            *in,
                                          const guint8       *data,
                                          gsize               size);
void         mg_input_init_fd            (MgInput            *in,
                                          int                 fd);
void         mg_input_init_at            (MgInput            *in,
                                          const MgInput      *of,
                                          goffset             offset);
void         mg_input_clear              (MgInput            *in);
gboolean     mg_input_fill               (MgInput            *in);

/* The next byte, not consumed, or -1 at the end. */
static inline int
mg_input_peek (MgInput *in)
{
  if (G_LIKELY (in->p < in->end))
    return *in->p;
  return mg_input_fill (in) ? *in->p : -1;
}

static inline goffset
mg_input_tell (const MgInput *in)
{
  return in->base + (in->p - in->win);
}

/* The readers (mg-import.c, mg-format-json.c, mg-format-csv.c). */
gboolean     mg_import_fail              (GError            **error,
                                          int                 code,
                                          const char         *name,
                                          const char         *format,
                                          ...) G_GNUC_PRINTF (4, 5);
void         mg_strv_add_owned           (GStrvBuilder       *builder,
                                          char               *text);
MgRecording *mg_format_csv_read          (MgInput            *in,
                                          const char         *name,
                                          GError            **error);
MgRecording *mg_format_stream_read       (MgInput            *in,
                                          const char         *name,
                                          GError            **error);
GPtrArray   *mg_format_json_read_runs    (MgInput            *in,
                                          const char         *name,
                                          gboolean            comparisons,
                                          GStrv              *labels,
                                          GError            **error);


/* What the stream reader (mg-format-stream.c) shares with the JSON reader. */
typedef struct _JsonNode JsonNode;
typedef struct _JsonObject JsonObject;

JsonNode    *mg_format_json_parse_line   (const char         *data,
                                          gsize               len,
                                          const char         *name,
                                          GError            **error);
gboolean     mg_format_json_convert_process (JsonNode        *element,
                                             MgProcess       *process,
                                             const char      *name,
                                             GError         **error);
gboolean     mg_format_json_read_exit    (JsonObject         *root,
                                          MgExit             *exit_info,
                                          const char         *name,
                                          GError            **error);
gboolean     mg_format_json_restore_summary (MgRecording     *recording,
                                             JsonObject      *root,
                                             const char      *name,
                                             GError         **error);
gboolean     mg_json_node_number         (JsonNode           *node,
                                          double             *out);
const char  *mg_json_string_member       (JsonObject         *object,
                                          const char         *key,
                                          const char         *fallback);
gboolean     mg_json_boolean_member      (JsonObject         *object,
                                          const char         *key);

G_END_DECLS
