/* mg-recording-models.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The items of the list models a recording exposes. A process item is a
 * copy of what a list shows of one process; it follows the process as the
 * recording learns more (its name after an exec, its peak, its end) and
 * says so with ::changed. A marker does not change once added.
 */
#include "config.h"

#include "mg-recording-models.h"

struct _MgProcessItem
{
  GObject       parent_instance;

  int           index;      /* in the recording, -1 for the whole tree */
  guint         depth;
  MgProcessItem *parent;    /* unowned: a recording keeps every item */
  guint         n_descendants;
  int           pid;
  char         *name;
  char         *cmdline;
  double        start_s;
  double        end_s;
  guint64       peak_rss;
  gboolean      peak_exact;
  MgPeakSource  peak_source;
};

G_DEFINE_FINAL_TYPE (MgProcessItem, mg_process_item, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mg_process_item_finalize (GObject *object)
{
  MgProcessItem *self = (MgProcessItem *) object;

  g_free (self->name);
  g_free (self->cmdline);

  G_OBJECT_CLASS (mg_process_item_parent_class)->finalize (object);
}

static void
mg_process_item_class_init (MgProcessItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mg_process_item_finalize;

  /**
   * MgProcessItem::changed:
   *
   * Emitted when what is known of the process changed: its name or command
   * line, its peak or how it is known, its end.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mg_process_item_init (MgProcessItem *self)
{
  self->index = -1;
  self->end_s = -1;
}

/* A new item, counted in the subtree of each of its ancestors. */
MgProcessItem *
_mg_process_item_new (guint            index,
                      MgProcessItem   *parent,
                      const MgProcess *process)
{
  MgProcessItem *self = g_object_new (MG_TYPE_PROCESS_ITEM, NULL);

  self->index = (int) index;
  self->parent = parent;
  self->depth = parent != NULL ? parent->depth + 1 : 0;
  for (MgProcessItem *a = parent; a != NULL; a = a->parent)
    a->n_descendants++;
  self->pid = process->pid;
  self->start_s = process->start_s;
  _mg_process_item_sync (self, process);
  return self;
}

/* How many items the subtree below this one holds: in a list in the
 * tree's order, they come right after it. */
guint
_mg_process_item_get_n_descendants (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), 0);
  return self->n_descendants;
}

/* Takes what changed of @process; emits ::changed when something did.
 * Returns: whether something changed */
gboolean
_mg_process_item_sync (MgProcessItem   *self,
                       const MgProcess *process)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), FALSE);

  if (g_strcmp0 (self->name, process->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (process->name);
      changed = TRUE;
    }
  if (g_strcmp0 (self->cmdline, process->cmdline) != 0)
    {
      g_free (self->cmdline);
      self->cmdline = g_strdup (process->cmdline);
      changed = TRUE;
    }
  if (self->start_s != process->start_s || self->end_s != process->end_s ||
      self->peak_rss != process->peak_rss || self->peak_exact != process->peak_exact ||
      self->peak_source != process->peak_source)
    {
      self->start_s = process->start_s;
      self->end_s = process->end_s;
      self->peak_rss = process->peak_rss;
      self->peak_exact = process->peak_exact;
      self->peak_source = process->peak_source;
      changed = TRUE;
    }
  if (changed && self->index >= 0)
    g_signal_emit (self, signals[CHANGED], 0);
  return changed;
}

/**
 * mg_process_item_get_index:
 *
 * Returns: the process's index in the recording; -1 for an item not made
 *   by a recording (g_object_new()), which a list may use for the whole tree
 */
int
mg_process_item_get_index (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), -1);
  return self->index;
}

/**
 * mg_process_item_get_depth:
 *
 * Returns: 0 for a process whose parent is not of the run, its parent's
 *   depth + 1 otherwise
 */
guint
mg_process_item_get_depth (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), 0);
  return self->depth;
}

int
mg_process_item_get_pid (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), 0);
  return self->pid;
}

/**
 * mg_process_item_get_name:
 *
 * Returns: its name, "" when it ended before it was seen
 */
const char *
mg_process_item_get_name (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), NULL);
  return self->name != NULL ? self->name : "";
}

const char *
mg_process_item_get_cmdline (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), NULL);
  return self->cmdline != NULL ? self->cmdline : "";
}

double
mg_process_item_get_start (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), 0);
  return self->start_s;
}

/**
 * mg_process_item_get_end:
 *
 * Returns: when it ended, or < 0 while it runs
 */
double
mg_process_item_get_end (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), -1);
  return self->end_s;
}

guint64
mg_process_item_get_peak_rss (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), 0);
  return self->peak_rss;
}

gboolean
mg_process_item_get_peak_exact (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), FALSE);
  return self->peak_exact;
}

MgPeakSource
mg_process_item_get_peak_source (MgProcessItem *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_ITEM (self), MG_PEAK_SAMPLED);
  return self->peak_source;
}

struct _MgMarkerItem
{
  GObject  parent_instance;

  double   time_s;
  char    *label;
};

G_DEFINE_FINAL_TYPE (MgMarkerItem, mg_marker_item, G_TYPE_OBJECT)

static void
mg_marker_item_finalize (GObject *object)
{
  MgMarkerItem *self = (MgMarkerItem *) object;

  g_free (self->label);

  G_OBJECT_CLASS (mg_marker_item_parent_class)->finalize (object);
}

static void
mg_marker_item_class_init (MgMarkerItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_marker_item_finalize;
}

static void
mg_marker_item_init (MgMarkerItem *self)
{
}

MgMarkerItem *
_mg_marker_item_new (const MgMarker *marker)
{
  MgMarkerItem *self = g_object_new (MG_TYPE_MARKER_ITEM, NULL);

  self->time_s = marker->time_s;
  self->label = g_strdup (marker->label != NULL ? marker->label : "");
  return self;
}

double
mg_marker_item_get_time (MgMarkerItem *self)
{
  g_return_val_if_fail (MG_IS_MARKER_ITEM (self), 0);
  return self->time_s;
}

/**
 * mg_marker_item_get_label:
 *
 * Returns: what it marks, "" when nothing was said
 */
const char *
mg_marker_item_get_label (MgMarkerItem *self)
{
  g_return_val_if_fail (MG_IS_MARKER_ITEM (self), NULL);
  return self->label;
}
