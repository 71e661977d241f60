/* mg-pyramid.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each level summarises blocks of MG_PYRAMID_FAN^level values. */
#define MG_PYRAMID_FAN    32
#define MG_PYRAMID_LEVELS 6

typedef struct
{
  guint64 lo;
  guint64 hi;
} MgRange;

typedef struct _MgPyramid MgPyramid;

MgPyramid *mg_pyramid_new      (void);
void       mg_pyramid_free     (MgPyramid      *pyramid);
void       mg_pyramid_append   (MgPyramid      *pyramid,
                                guint64         value);
gsize      mg_pyramid_get_size (MgPyramid      *pyramid);
guint      mg_pyramid_get_n_levels (MgPyramid  *pyramid);
const MgRange *mg_pyramid_get_level (MgPyramid *pyramid,
                                     guint      level,
                                     gsize     *n_blocks);
/* The value at @index of the series a pyramid summarises. */
typedef guint64 (*MgPyramidValueFunc) (gpointer data,
                                       gsize    index);

void       mg_pyramid_range    (MgPyramid      *pyramid,
                                MgPyramidValueFunc value,
                                gpointer        data,
                                gsize           begin,
                                gsize           end,
                                guint64        *lo,
                                guint64        *hi);
gsize      mg_pyramid_get_bytes (MgPyramid     *pyramid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgPyramid, mg_pyramid_free)

G_END_DECLS
