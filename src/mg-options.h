/* mg-options.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mg-recording.h"

G_BEGIN_DECLS

/* Follow every process (trace fork, exec and exit) unless --no-follow: what
 * it costs a parallel build was measured under 2 % of its wall time (see
 * README.md, "Follow every process"). */
#define MG_FOLLOW_DEFAULT   TRUE

typedef struct
{
  double    interval_s;
  gboolean  interval_set;
  char     *directory;     /* absolute, or NULL */
  GStrv     outputs;       /* may be NULL */
  gboolean  no_window;
  gboolean  catch_spikes;
  gboolean  follow;        /* --follow / --no-follow, or MG_FOLLOW_DEFAULT */
  gboolean  follow_set;    /* given on the command line */
  int       width;         /* of image outputs */
  int       height;
  int       dark;          /* -1: the desktop's style (window) or light (batch); 0 light; 1 dark */
  GStrv     files;         /* recordings to open, or NULL */
  gboolean  pss;
  gboolean  capture_output;
  gboolean  version;
  guint64   max_rss;       /* --max-rss in bytes, 0 when not given */
  char     *baseline;      /* --baseline FILE, or NULL */
  double    max_increase;  /* --max-increase, in percent */
  GStrv     command;       /* NULL when none was given */
  char     *via;           /* --via: the link command to run through, or NULL */
  GArray   *pids;          /* of pid_t: --pid, running processes to watch; NULL when none */
} MgOptions;

gboolean mg_options_parse (MgOptions  *options,
                           int         argc,
                           char      **argv,
                           GError    **error);
void     mg_options_clear (MgOptions  *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MgOptions, mg_options_clear)

G_END_DECLS
