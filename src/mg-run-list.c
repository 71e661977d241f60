/* mg-run-list.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Details > Runs: one MgRunRow per run of a list model of MgRun, such as
 * a session's runs. Activating a row asks for its run to be shown.
 */
#include "config.h"

#include "mg-run-list.h"
#include "mg-run-row.h"

struct _MgRunList
{
  AdwBin      parent_instance;

  /* template widgets */
  GtkListBox *list;

  /* owned */
  GListModel *runs;
};

G_DEFINE_FINAL_TYPE (MgRunList, mg_run_list, ADW_TYPE_BIN)

enum {
  RUN_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return mg_run_row_new (item);
}

static void
on_row_activated (MgRunList     *self,
                  GtkListBoxRow *row)
{
  /* The click that starts editing a name is not a wish to show the run:
   * renaming changes nothing else. */
  if (mg_run_row_get_editing (MG_RUN_ROW (row)))
    return;
  g_signal_emit (self, signals[RUN_ACTIVATED], 0, mg_run_row_get_run (MG_RUN_ROW (row)));
}

static void
mg_run_list_dispose (GObject *object)
{
  MgRunList *self = (MgRunList *) object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_RUN_LIST);
  g_clear_object (&self->runs);

  G_OBJECT_CLASS (mg_run_list_parent_class)->dispose (object);
}

static void
mg_run_list_class_init (MgRunListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_run_list_dispose;

  /**
   * MgRunList::run-activated:
   * @run: the run of the row activated
   */
  signals[RUN_ACTIVATED] =
    g_signal_new ("run-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_RUN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mg-run-list.ui");
  gtk_widget_class_bind_template_child (widget_class, MgRunList, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
mg_run_list_init (MgRunList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mg_run_list_set_model:
 * @runs: (nullable): a list model of #MgRun
 *
 * Shows one row per run of @runs, as @runs changes.
 */
void
mg_run_list_set_model (MgRunList  *self,
                       GListModel *runs)
{
  g_return_if_fail (MG_IS_RUN_LIST (self));
  g_return_if_fail (runs == NULL || G_IS_LIST_MODEL (runs));

  g_set_object (&self->runs, runs);
  gtk_list_box_bind_model (self->list, runs, runs != NULL ? create_row : NULL, NULL, NULL);
}

/**
 * mg_run_list_update_run:
 * @run: a run of the list, such as the one running
 *
 * Its row says its figures again.
 */
void
mg_run_list_update_run (MgRunList *self,
                        MgRun     *run)
{
  GtkListBoxRow *row;
  guint position;

  g_return_if_fail (MG_IS_RUN_LIST (self));
  g_return_if_fail (MG_IS_RUN (run));

  if (self->runs == NULL || !G_IS_LIST_STORE (self->runs) ||
      !g_list_store_find (G_LIST_STORE (self->runs), run, &position))
    return;
  row = gtk_list_box_get_row_at_index (self->list, position);
  if (row != NULL)
    mg_run_row_update (MG_RUN_ROW (row));
}

/**
 * mg_run_list_get_row:
 * @index: a run of the list
 *
 * Returns: (transfer none) (nullable): its row, an #MgRunRow
 */
GtkWidget *
mg_run_list_get_row (MgRunList *self,
                     guint      index)
{
  g_return_val_if_fail (MG_IS_RUN_LIST (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int) index));
}
