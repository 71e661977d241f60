/* mg-process-picker.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Watch a Running Process": the user's own processes, read from /proc
 * (name, pid, RSS, command line), the largest first, updated each second
 * and filtered by what is typed. Choosing one emits ::chosen with its pid;
 * the window then watches it.
 */
#include "config.h"

#include "mg-process-picker.h"
#include "mg-units.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REFRESH_MS 1000

struct _MgRunningProcess
{
  GObject  parent_instance;

  pid_t    pid;
  char    *name;
  char    *cmdline;
  guint64  rss;
};

G_DEFINE_FINAL_TYPE (MgRunningProcess, mg_running_process, G_TYPE_OBJECT)

static void
mg_running_process_finalize (GObject *object)
{
  MgRunningProcess *self = (MgRunningProcess *) object;

  g_free (self->name);
  g_free (self->cmdline);
  G_OBJECT_CLASS (mg_running_process_parent_class)->finalize (object);
}

static void
mg_running_process_class_init (MgRunningProcessClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_running_process_finalize;
}

static void
mg_running_process_init (MgRunningProcess *self)
{
}

pid_t
mg_running_process_get_pid (MgRunningProcess *self)
{
  g_return_val_if_fail (MG_IS_RUNNING_PROCESS (self), 0);
  return self->pid;
}

const char *
mg_running_process_get_name (MgRunningProcess *self)
{
  g_return_val_if_fail (MG_IS_RUNNING_PROCESS (self), NULL);
  return self->name;
}

const char *
mg_running_process_get_cmdline (MgRunningProcess *self)
{
  g_return_val_if_fail (MG_IS_RUNNING_PROCESS (self), NULL);
  return self->cmdline;
}

guint64
mg_running_process_get_rss (MgRunningProcess *self)
{
  g_return_val_if_fail (MG_IS_RUNNING_PROCESS (self), 0);
  return self->rss;
}

/* One process of ours, or NULL: another user's, a kernel thread (no
 * VmRSS), gone meanwhile, or this program. */
static MgRunningProcess *
read_process (pid_t pid)
{
  g_autofree char *dir = g_strdup_printf ("/proc/%d", (int) pid);
  g_autofree char *status_path = g_build_filename (dir, "status", NULL);
  g_autofree char *cmdline_path = g_build_filename (dir, "cmdline", NULL);
  g_autofree char *status = NULL;
  g_autofree char *cmdline = NULL;
  g_auto(GStrv) lines = NULL;
  MgRunningProcess *item;
  GStatBuf st;
  gsize len = 0;
  gboolean has_rss = FALSE;

  if (pid == getpid () || g_stat (dir, &st) != 0 || st.st_uid != getuid ())
    return NULL;
  if (!g_file_get_contents (status_path, &status, NULL, NULL))
    return NULL;

  item = g_object_new (MG_TYPE_RUNNING_PROCESS, NULL);
  item->pid = pid;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Name:"))
        item->name = g_strdup (g_strstrip (lines[i] + 5));
      else if (g_str_has_prefix (lines[i], "VmRSS:"))
        {
          item->rss = g_ascii_strtoull (lines[i] + 6, NULL, 10) * 1024;
          has_rss = TRUE;
        }
    }
  if (!has_rss || item->name == NULL)
    {
      g_object_unref (item);
      return NULL;
    }
  /* The arguments, NUL-separated, as one line. */
  if (g_file_get_contents (cmdline_path, &cmdline, &len, NULL) && len > 0)
    {
      for (gsize i = 0; i + 1 < len; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      item->cmdline = g_utf8_make_valid (cmdline, -1);
    }
  else
    item->cmdline = g_strdup (item->name);
  return item;
}

/**
 * mg_process_picker_list_processes:
 *
 * Returns: (transfer full) (element-type MgRunningProcess): the user's
 *   processes that can be watched, as /proc shows them now
 */
GPtrArray *
mg_process_picker_list_processes (void)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      guint64 pid;
      MgRunningProcess *item;

      if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT32, &pid, NULL))
        continue;
      item = read_process ((pid_t) pid);
      if (item != NULL)
        g_ptr_array_add (items, item);
    }
  return items;
}

struct _MgProcessPicker
{
  AdwWindow           parent_instance;

  GListStore         *store;      /* MgRunningProcess */
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  GtkSearchEntry     *search;
  GtkListView        *list;
  char               *needle;     /* casefolded search text */
  guint               refresh_id;
};

G_DEFINE_FINAL_TYPE (MgProcessPicker, mg_process_picker, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
match (gpointer item,
       gpointer user_data)
{
  MgProcessPicker *self = user_data;
  MgRunningProcess *p = item;
  g_autofree char *name = NULL;
  g_autofree char *cmdline = NULL;
  g_autofree char *pid = NULL;

  if (self->needle == NULL || self->needle[0] == '\0')
    return TRUE;
  name = g_utf8_casefold (p->name, -1);
  cmdline = g_utf8_casefold (p->cmdline, -1);
  pid = g_strdup_printf ("%d", (int) p->pid);
  return strstr (name, self->needle) != NULL || strstr (cmdline, self->needle) != NULL ||
         g_str_has_prefix (pid, self->needle);
}

/* The largest first; then by pid, for a steady order. */
static int
compare (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  const MgRunningProcess *pa = a, *pb = b;

  if (pa->rss != pb->rss)
    return pa->rss > pb->rss ? -1 : 1;
  return pa->pid < pb->pid ? -1 : pa->pid > pb->pid;
}

/**
 * mg_process_picker_refresh:
 *
 * Reads the processes again (done each second while the picker shows).
 */
void
mg_process_picker_refresh (MgProcessPicker *self)
{
  g_autoptr(GPtrArray) items = mg_process_picker_list_processes ();

  g_return_if_fail (MG_IS_PROCESS_PICKER (self));

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
}

static gboolean
on_refresh (gpointer user_data)
{
  mg_process_picker_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_search_changed (MgProcessPicker *self)
{
  g_free (self->needle);
  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_activate (MgProcessPicker *self,
             guint            position)
{
  mg_process_picker_choose (self, position);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *pid = gtk_label_new (NULL);
  GtkWidget *rss = gtk_label_new (NULL);
  GtkWidget *cmdline = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (pid, "dim-label");
  gtk_widget_add_css_class (rss, "numeric");
  gtk_label_set_xalign (GTK_LABEL (cmdline), 0);
  gtk_label_set_ellipsize (GTK_LABEL (cmdline), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (cmdline, "dim-label");
  gtk_widget_add_css_class (cmdline, "caption");
  gtk_grid_attach (GTK_GRID (grid), name, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), pid, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), rss, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cmdline, 0, 1, 3, 1);
  gtk_list_item_set_child (list_item, grid);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  MgRunningProcess *item = gtk_list_item_get_item (list_item);
  GtkWidget *grid = gtk_list_item_get_child (list_item);
  g_autofree char *pid = g_strdup_printf (_("PID %d"), (int) item->pid);
  g_autofree char *rss = mg_format_bytes (item->rss);
  /* TRANSLATORS: a process in the list for a screen reader: name, pid, RSS, command line */
  g_autofree char *spoken = g_strdup_printf (_("%s, PID %d, RSS %s: %s"), item->name,
                                             (int) item->pid, rss, item->cmdline);

  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 0)), item->name);
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 0)), pid);
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 2, 0)), rss);
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 1)), item->cmdline);
  gtk_widget_set_tooltip_text (gtk_grid_get_child_at (GTK_GRID (grid), 0, 1), item->cmdline);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
mg_process_picker_dispose (GObject *object)
{
  MgProcessPicker *self = (MgProcessPicker *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mg_process_picker_parent_class)->dispose (object);
}

static void
mg_process_picker_finalize (GObject *object)
{
  MgProcessPicker *self = (MgProcessPicker *) object;

  g_free (self->needle);
  G_OBJECT_CLASS (mg_process_picker_parent_class)->finalize (object);
}

static void
mg_process_picker_class_init (MgProcessPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_process_picker_dispose;
  object_class->finalize = mg_process_picker_finalize;

  /**
   * MgProcessPicker::chosen:
   * @pid: the process chosen
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
mg_process_picker_init (MgProcessPicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Watch a Running Process"),
                                           _("Your processes, the largest first"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkCustomSorter *sorter;

  gtk_window_set_title (GTK_WINDOW (self), _("Watch a Running Process"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 520);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search, "placeholder-text", _("Name, PID or command line"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search processes"), -1);
  gtk_widget_set_margin_start (GTK_WIDGET (self->search), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->search), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->search), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->search), 6);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (on_search_changed), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search));

  self->store = g_list_store_new (MG_TYPE_RUNNING_PROCESS);
  self->filter = gtk_custom_filter_new (match, self, NULL);
  sorter = gtk_custom_sorter_new (compare, NULL, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), GTK_SORTER (sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                 factory));
  gtk_list_view_set_single_click_activate (self->list, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Running processes"), -1);
  g_signal_connect_swapped (self->list, "activate", G_CALLBACK (on_activate), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_search_entry_set_key_capture_widget (self->search, GTK_WIDGET (self));

  adw_window_set_content (ADW_WINDOW (self), box);
  mg_process_picker_refresh (self);
  self->refresh_id = g_timeout_add (REFRESH_MS, on_refresh, self);
}

/**
 * mg_process_picker_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): a new picker, modal to @parent, not shown
 */
MgProcessPicker *
mg_process_picker_new (GtkWindow *parent)
{
  return g_object_new (MG_TYPE_PROCESS_PICKER, "transient-for", parent, "modal", TRUE,
                       "destroy-with-parent", TRUE, NULL);
}

/**
 * mg_process_picker_get_model:
 *
 * Returns: (transfer none): the processes shown, filtered and in order
 */
GListModel *
mg_process_picker_get_model (MgProcessPicker *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_PICKER (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

/**
 * mg_process_picker_set_search:
 *
 * Types @text in the search entry; the list is filtered at once.
 */
void
mg_process_picker_set_search (MgProcessPicker *self,
                              const char      *text)
{
  g_return_if_fail (MG_IS_PROCESS_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search), text);
  on_search_changed (self);
}

/**
 * mg_process_picker_choose:
 * @position: a position in mg_process_picker_get_model()
 *
 * Chooses that process, as a click does: ::chosen, then the picker closes.
 */
void
mg_process_picker_choose (MgProcessPicker *self,
                          guint            position)
{
  g_autoptr(MgRunningProcess) item = NULL;

  g_return_if_fail (MG_IS_PROCESS_PICKER (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (item == NULL)
    return;
  g_object_ref (self);
  g_signal_emit (self, signals[CHOSEN], 0, (int) item->pid);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}
