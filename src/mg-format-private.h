/* mg-format-private.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the JSON and CSV writers (mg-export.c) and readers (mg-import.c)
 * share besides the series of samples (mg-field.h): the members of a
 * recording and of a comparison.
 */
#pragma once

#include <gio/gio.h>

#include "mg-export.h"
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

/* What the formats share (mg-file.c, mg-format-json.c, mg-format-csv.c,
 * mg-image.c). */

/* Writing. */
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

void     sink_init        (Sink          *sink,
                           int            fd,
                           GOutputStream *stream,
                           GByteArray    *memory);
void     sink_put         (Sink          *sink,
                           const void    *data,
                           gsize          size);
void     sink_flush       (Sink          *sink);
gboolean sink_finish      (Sink          *sink,
                           GError       **error);
void     sink_str         (Sink          *sink,
                           const char    *text);
void     sink_uint        (Sink          *sink,
                           guint64        value);
void     sink_int         (Sink          *sink,
                           gint64         value);
void     sink_double      (Sink          *sink,
                           double         value);
void     sink_time_digits (Sink          *sink,
                           double         time_s,
                           gboolean       csv);
void     sink_time        (Sink          *sink,
                           double         time_s);
void     sink_json_string (Sink          *sink,
                           const char    *text);

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

typedef struct
{
  MgRecording **runs;
  const char  **labels;
  guint         n_runs;
  GBytes       *bytes;   /* an image, drawn beforehand */
  MgExportFormat format;
} Document;

GBytes  *document_bytes   (Document      *doc);
void     write_json       (Sink          *sink,
                           Document      *doc);
void     write_csv        (Sink          *sink,
                           MgRecording   *recording);
void     write_compare_csv (Sink         *sink,
                            MgRecording **runs,
                            const char  **labels,
                            guint         n_runs);

typedef void (*RenderFunc) (cairo_t           *cr,
                            int                width,
                            int                height,
                            const MgPlotStyle *style,
                            gpointer           data);

typedef struct
{
  MgRecording **runs;
  const char  **labels;
  guint         n_runs;
} Comparison;

GBytes  *image_bytes      (MgExportFormat     format,
                           const MgPlotStyle *style,
                           int                width,
                           int                height,
                           RenderFunc         render,
                           gpointer           data,
                           GError           **error);
void     render_comparison (cairo_t           *cr,
                            int                width,
                            int                height,
                            const MgPlotStyle *style,
                            gpointer           data);

/* Reading. */
/* Input: bytes in memory, or a regular file read in blocks. */

#define INPUT_BLOCK (64 * 1024)

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
} Input;

void     input_init_memory (Input        *in,
                            const guint8 *data,
                            gsize         size);
void     input_init_fd     (Input        *in,
                            int           fd);
void     input_init_at     (Input        *in,
                            const Input  *of,
                            goffset       offset);
void     input_clear       (Input        *in);
gboolean input_fill        (Input        *in);

/* The next byte, not consumed, or -1 at the end. */
static inline int
input_peek (Input *in)
{
  if (G_LIKELY (in->p < in->end))
    return *in->p;
  return input_fill (in) ? *in->p : -1;
}

static inline goffset
input_tell (const Input *in)
{
  return in->base + (in->p - in->win);
}

gboolean     fail             (GError     **error,
                               int          code,
                               const char  *name,
                               const char  *format,
                               ...) G_GNUC_PRINTF (4, 5);
void         add_owned        (GStrvBuilder *builder,
                               char         *text);
MgRecording *import_csv       (Input       *in,
                               const char  *name,
                               GError     **error);
GPtrArray   *import_json_runs (Input       *in,
                               const char  *name,
                               gboolean     comparisons,
                               GStrv       *labels,
                               GError     **error);

G_END_DECLS
