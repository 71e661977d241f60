/* mg-output.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MG_OUTPUT_STDOUT,
  MG_OUTPUT_STDERR,
} MgOutputStream;

typedef struct
{
  double          time_s;
  MgOutputStream  stream;
  guint32         length;       /* bytes of text */
  char           *text;         /* UTF-8, NUL-terminated, owned by the store */
  guint64         full_length;  /* bytes the line had as written: more than length when cut */
} MgOutputLine;

/* What is kept of a command's output: the first MG_OUTPUT_HEAD_BYTES and
 * the last MG_OUTPUT_TAIL_BYTES of lines, each line charged its bytes plus
 * MG_OUTPUT_LINE_COST, and of a line longer than MG_OUTPUT_LINE_MAX bytes
 * its first MG_OUTPUT_LINE_MAX bytes. Lines between the two are counted,
 * not kept. */
#define MG_OUTPUT_HEAD_BYTES (8 * 1024 * 1024)
#define MG_OUTPUT_TAIL_BYTES (8 * 1024 * 1024)
#define MG_OUTPUT_LINE_MAX   (4 * 1024 * 1024)
#define MG_OUTPUT_LINE_COST  64

typedef struct _MgOutput MgOutput;

/* When the bytes of a buffer were read: those before end[i] at time_s[i]. */
typedef struct
{
  guint         n;
  const gsize  *end;
  const double *time_s;
} MgOutputChunks;

MgOutput           *mg_output_new               (gsize               head_bytes,
                                                 gsize               tail_bytes);
void                mg_output_free              (MgOutput           *self);
void                mg_output_add               (MgOutput           *self,
                                                 double              time_s,
                                                 MgOutputStream      stream,
                                                 const char         *text,
                                                 gsize               length,
                                                 guint64             full_length);
void                mg_output_lock              (MgOutput           *self);
void                mg_output_unlock            (MgOutput           *self);
void                mg_output_add_locked        (MgOutput           *self,
                                                 double              time_s,
                                                 MgOutputStream      stream,
                                                 const char         *text,
                                                 gsize               length,
                                                 guint64             full_length);
void                mg_output_add_lines_locked  (MgOutput           *self,
                                                 MgOutputStream      stream,
                                                 const char         *data,
                                                 gsize               n,
                                                 gsize               base,
                                                 const MgOutputChunks *chunks);
void                mg_output_close_head        (MgOutput           *self);
guint               mg_output_get_n_lines       (MgOutput           *self);
const MgOutputLine *mg_output_get_line          (MgOutput           *self,
                                                 guint               index);
guint               mg_output_get_n_head        (MgOutput           *self);
void                mg_output_get_state         (MgOutput           *self,
                                                 guint              *n_head,
                                                 guint64            *first,
                                                 guint64            *end,
                                                 guint64            *dropped_lines);
gboolean            mg_output_copy_line         (MgOutput           *self,
                                                 guint64             serial,
                                                 gsize               max_bytes,
                                                 MgOutputLine       *line);
gboolean            mg_output_send_line         (MgOutput           *self,
                                                 guint64             serial,
                                                 MgOutputLine       *line);
void                mg_output_get_unsent        (MgOutput           *self,
                                                 guint64            *lines,
                                                 guint64            *bytes);
void                mg_output_add_unsent        (MgOutput           *self,
                                                 guint64             lines,
                                                 guint64             bytes);
const MgOutputLine *mg_output_get_line_by_serial (MgOutput          *self,
                                                 guint64             serial);
guint64             mg_output_get_dropped_lines (MgOutput           *self);
guint64             mg_output_get_dropped_bytes (MgOutput           *self);
void                mg_output_get_counts        (MgOutput           *self,
                                                 guint              *n_kept,
                                                 guint64            *dropped_lines,
                                                 guint64            *dropped_bytes);
void                mg_output_restore_dropped   (MgOutput           *self,
                                                 guint64             lines,
                                                 guint64             bytes);
gsize               mg_output_get_memory        (MgOutput           *self);
gpointer            mg_output_huge_alloc        (gsize               size);
void                mg_output_huge_free         (gpointer            memory,
                                                 gsize               size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgOutput, mg_output_free)

G_END_DECLS
