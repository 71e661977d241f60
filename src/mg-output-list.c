/* mg-output-list.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kept output of a recording as a GListModel for a GtkListView: the
 * first lines, a gap item saying how many were not kept, then the last
 * lines. New lines are shown in batches, at most every
 * MG_OUTPUT_LIST_BATCH_MS, whatever pace the command writes at; items are
 * made only for the rows on screen.
 */
#include "config.h"

#include "mg-output-list.h"

#include <string.h>

struct _MgOutputItem
{
  GObject         parent_instance;

  gboolean        gap;
  guint64         serial;
  double          time_s;
  MgOutputStream  stream;
  char           *preview;
  guint32         length;
  guint64         full_length;
  guint64         gap_lines;
};

G_DEFINE_FINAL_TYPE (MgOutputItem, mg_output_item, G_TYPE_OBJECT)

static void
mg_output_item_finalize (GObject *object)
{
  MgOutputItem *self = (MgOutputItem *) object;

  g_free (self->preview);
  G_OBJECT_CLASS (mg_output_item_parent_class)->finalize (object);
}

static void
mg_output_item_class_init (MgOutputItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_output_item_finalize;
}

static void
mg_output_item_init (MgOutputItem *self)
{
}

gboolean
mg_output_item_is_gap (MgOutputItem *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_ITEM (self), FALSE);
  return self->gap;
}

guint64
mg_output_item_get_serial (MgOutputItem *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_ITEM (self), 0);
  return self->serial;
}

double
mg_output_item_get_time (MgOutputItem *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_ITEM (self), 0);
  return self->time_s;
}

MgOutputStream
mg_output_item_get_stream (MgOutputItem *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_ITEM (self), MG_OUTPUT_STDOUT);
  return self->stream;
}

/**
 * mg_output_item_get_preview:
 *
 * Returns: the start of the line, at most %MG_OUTPUT_ITEM_PREVIEW bytes
 */
const char *
mg_output_item_get_preview (MgOutputItem *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_ITEM (self), NULL);
  return self->preview;
}

/**
 * mg_output_item_get_length:
 *
 * Returns: the bytes of the line that are kept
 */
guint32
mg_output_item_get_length (MgOutputItem *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_ITEM (self), 0);
  return self->length;
}

/**
 * mg_output_item_get_full_length:
 *
 * Returns: the bytes the line had as written
 */
guint64
mg_output_item_get_full_length (MgOutputItem *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_ITEM (self), 0);
  return self->full_length;
}

/**
 * mg_output_item_get_gap_lines:
 *
 * Returns: for the gap item, how many lines were not kept
 */
guint64
mg_output_item_get_gap_lines (MgOutputItem *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_ITEM (self), 0);
  return self->gap_lines;
}

struct _MgOutputList
{
  GObject       parent_instance;

  MgRecording  *recording;
  gulong        changed_handler;
  guint         sync_id;

  /* What the model shows: the first shown_head lines, the gap item when
   * shown_gap, then the lines with serials shown_first … shown_end - 1. */
  guint         shown_head;
  gboolean      shown_gap;
  guint64       shown_gap_lines;
  guint64       shown_first;
  guint64       shown_end;
};

static void mg_output_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MgOutputList, mg_output_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mg_output_list_model_init))

static GType
mg_output_list_get_item_type (GListModel *model)
{
  return MG_TYPE_OUTPUT_ITEM;
}

static guint
mg_output_list_get_n_items (GListModel *model)
{
  MgOutputList *self = MG_OUTPUT_LIST (model);

  return self->shown_head + (self->shown_gap ? 1 : 0) +
         (guint) (self->shown_end - self->shown_first);
}

static gpointer
mg_output_list_get_item (GListModel *model,
                         guint       position)
{
  MgOutputList *self = MG_OUTPUT_LIST (model);
  MgOutput *store = mg_recording_get_output_store (self->recording);
  MgOutputLine line;
  MgOutputItem *item;
  guint64 serial;

  if (position >= mg_output_list_get_n_items (model))
    return NULL;

  item = g_object_new (MG_TYPE_OUTPUT_ITEM, NULL);
  if (self->shown_gap && position == self->shown_head)
    {
      item->gap = TRUE;
      item->gap_lines = self->shown_gap_lines;
      item->preview = g_strdup ("");
      return item;
    }
  serial = position < self->shown_head
           ? position
           : self->shown_first + (position - self->shown_head - (self->shown_gap ? 1 : 0));
  item->serial = serial;
  /* A copy: the capture may add lines at the same time. */
  if (!mg_output_copy_line (store, serial, MG_OUTPUT_ITEM_PREVIEW, &line))
    {
      /* Dropped since the last batch; the next one removes it. */
      item->preview = g_strdup ("");
      return item;
    }
  item->time_s = line.time_s;
  item->stream = line.stream;
  item->length = line.length;
  item->full_length = line.full_length;
  item->preview = line.text;
  return item;
}

static void
mg_output_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mg_output_list_get_item_type;
  iface->get_n_items = mg_output_list_get_n_items;
  iface->get_item = mg_output_list_get_item;
}

static void
mg_output_list_dispose (GObject *object)
{
  MgOutputList *self = (MgOutputList *) object;

  g_clear_handle_id (&self->sync_id, g_source_remove);
  if (self->recording != NULL)
    g_clear_signal_handler (&self->changed_handler, self->recording);
  g_clear_object (&self->recording);
  G_OBJECT_CLASS (mg_output_list_parent_class)->dispose (object);
}

static void
mg_output_list_class_init (MgOutputListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mg_output_list_dispose;
}

static void
mg_output_list_init (MgOutputList *self)
{
}

static gboolean
on_sync_timeout (gpointer user_data)
{
  MgOutputList *self = user_data;

  self->sync_id = 0;
  mg_output_list_sync (self);
  return G_SOURCE_REMOVE;
}

static void
on_output_changed (MgRecording  *recording,
                   MgOutputList *self)
{
  if (self->sync_id == 0)
    self->sync_id = g_timeout_add (MG_OUTPUT_LIST_BATCH_MS, on_sync_timeout, self);
}

static void
on_finished (MgRecording  *recording,
             MgOutputList *self)
{
  g_clear_handle_id (&self->sync_id, g_source_remove);
  mg_output_list_sync (self);
}

/**
 * mg_output_list_new:
 *
 * Returns: (transfer full): the output of @recording as a list model,
 *   following it as lines come
 */
MgOutputList *
mg_output_list_new (MgRecording *recording)
{
  MgOutputList *self;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  self = g_object_new (MG_TYPE_OUTPUT_LIST, NULL);
  self->recording = g_object_ref (recording);
  self->changed_handler = g_signal_connect_object (recording, "output-changed",
                                                   G_CALLBACK (on_output_changed), self, 0);
  g_signal_connect_object (recording, "finished", G_CALLBACK (on_finished), self, 0);
  mg_output_list_sync (self);
  return self;
}

/**
 * mg_output_list_sync:
 *
 * Shows every line kept now, at once (normally done in batches).
 */
void
mg_output_list_sync (MgOutputList *self)
{
  MgOutput *store;
  guint head;
  guint64 first, end, gap_lines, start;

  g_return_if_fail (MG_IS_OUTPUT_LIST (self));

  store = mg_recording_get_output_store (self->recording);
  mg_output_get_state (store, &head, &first, &end, &gap_lines);

  /* The head grows only while the tail is empty. */
  if (head > self->shown_head)
    {
      guint old = self->shown_head;

      self->shown_head = head;
      g_list_model_items_changed (G_LIST_MODEL (self), old, 0, head - old);
    }

  /* Lines of the tail dropped since. */
  if (first > self->shown_first && self->shown_end > self->shown_first)
    {
      guint64 removed = MIN (first, self->shown_end) - self->shown_first;

      self->shown_first += removed;
      g_list_model_items_changed (G_LIST_MODEL (self),
                                  self->shown_head + (self->shown_gap ? 1 : 0),
                                  (guint) removed, 0);
    }

  if (gap_lines > 0 && !self->shown_gap)
    {
      self->shown_gap = TRUE;
      self->shown_gap_lines = gap_lines;
      g_list_model_items_changed (G_LIST_MODEL (self), self->shown_head, 0, 1);
    }
  else if (self->shown_gap && gap_lines != self->shown_gap_lines)
    {
      self->shown_gap_lines = gap_lines;
      g_list_model_items_changed (G_LIST_MODEL (self), self->shown_head, 1, 1);
    }

  /* New lines at the end. */
  if (self->shown_first == self->shown_end)
    self->shown_first = self->shown_end = MAX (self->shown_end, first);
  start = self->shown_end;
  if (end > start)
    {
      guint position = self->shown_head + (self->shown_gap ? 1 : 0) +
                       (guint) (start - self->shown_first);

      self->shown_end = end;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, (guint) (end - start));
    }
}

/**
 * mg_output_list_dup_line:
 * @position: an item of the list
 *
 * Returns: (transfer full) (nullable): the whole kept text of the line at
 *   @position, or %NULL for the gap or a line no longer kept
 */
char *
mg_output_list_dup_line (MgOutputList *self,
                         guint         position)
{
  g_autoptr(MgOutputItem) item = NULL;
  MgOutputLine line;

  g_return_val_if_fail (MG_IS_OUTPUT_LIST (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self), position);
  if (item == NULL || item->gap)
    return NULL;
  if (!mg_output_copy_line (mg_recording_get_output_store (self->recording), item->serial,
                            G_MAXSIZE, &line))
    return NULL;
  return line.text;
}
