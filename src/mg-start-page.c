/* mg-start-page.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start page: a command to type, where and how often to sample it,
 * the recent commands and recordings.
 */
#include "config.h"

#include "mg-start-page.h"
#include "mg-remote.h"

#include <glib/gi18n.h>

#define RECENT_MAX 8

struct _MgStartPage
{
  AdwBin               parent_instance;

  /* template widgets */
  AdwEntryRow         *command_row;
  AdwActionRow        *directory_row;
  AdwEntryRow         *run_on_row;
  GtkMenuButton       *places_button;
  GtkAdjustment       *interval_adjustment;
  GtkLabel            *command_error;
  AdwPreferencesGroup *recent_group;
  AdwPreferencesGroup *recent_recordings_group;

  /* owned */
  GSettings           *settings;
  GPtrArray           *recent_rows;
  GPtrArray           *recent_recording_rows;
  char                *directory;
};

G_DEFINE_FINAL_TYPE (MgStartPage, mg_start_page, ADW_TYPE_BIN)

enum {
  COMMAND_ACTIVATED,
  OPEN_FILE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_recent (GtkRecentInfo *a,
                GtkRecentInfo *b)
{
  GDateTime *ma = gtk_recent_info_get_modified (a);
  GDateTime *mb = gtk_recent_info_get_modified (b);

  return g_date_time_compare (mb, ma);
}

static void rebuild_recent (MgStartPage *self);

/* An icon that only decorates: screen readers pass over it. */
static GtkWidget *
decoration (const char *icon_name)
{
  return g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", icon_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}

/* Puts @text first in @key, @places (parallel to it) kept in step. */
static void
remember_command (MgStartPage *self,
                  const char  *text,
                  const char  *via)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-commands");
  g_auto(GStrv) old_places = g_settings_get_strv (self->settings, "recent-command-places");
  g_auto(GStrv) old_hosts = g_settings_get_strv (self->settings, "recent-places");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) places = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) hosts = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  g_auto(GStrv) recent_places = NULL;
  g_auto(GStrv) recent_hosts = NULL;
  guint n_places = g_strv_length (old_places);
  guint n = 1;

  via = via != NULL ? via : "";
  g_strv_builder_add (builder, text);
  g_strv_builder_add (places, via);
  for (guint i = 0; old[i] != NULL && n < RECENT_MAX; i++)
    {
      const char *place = i < n_places ? old_places[i] : "";

      if (g_strcmp0 (old[i], text) != 0 || g_strcmp0 (place, via) != 0)
        {
          g_strv_builder_add (builder, old[i]);
          g_strv_builder_add (places, place);
          n++;
        }
    }
  recent = g_strv_builder_end (builder);
  recent_places = g_strv_builder_end (places);
  g_settings_set_strv (self->settings, "recent-commands", (const char * const *) recent);
  g_settings_set_strv (self->settings, "recent-command-places",
                       (const char * const *) recent_places);

  if (via[0] != '\0')
    {
      n = 1;
      g_strv_builder_add (hosts, via);
      for (guint i = 0; old_hosts[i] != NULL && n < RECENT_MAX; i++)
        if (g_strcmp0 (old_hosts[i], via) != 0)
          {
            g_strv_builder_add (hosts, old_hosts[i]);
            n++;
          }
      recent_hosts = g_strv_builder_end (hosts);
      g_settings_set_strv (self->settings, "recent-places", (const char * const *) recent_hosts);
    }
  rebuild_recent (self);
}

static void
on_command_changed (MgStartPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->command_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->command_row), "error");
}

static void
set_directory (MgStartPage *self,
               const char *directory)
{
  g_free (self->directory);
  self->directory = g_strdup (directory && directory[0] ? directory : g_get_home_dir ());
  adw_action_row_set_subtitle (self->directory_row, self->directory);
}

static void
free_uri (gpointer  uri,
          GClosure *closure)
{
  g_free (uri);
}

/* @uri is the row's own, freed with it. */
static void
on_recent_recording_activated (AdwActionRow *row,
                               const char   *uri)
{
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (row), MG_TYPE_START_PAGE);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  if (self != NULL)
    g_signal_emit (self, signals[OPEN_FILE], 0, file);
}


/* Recordings this program opened or saved, newest first. */
static void
rebuild_recent_recordings (MgStartPage *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  const char *app = g_get_application_name ();
  guint shown = 0;

  for (guint i = 0; i < self->recent_recording_rows->len; i++)
    adw_preferences_group_remove (self->recent_recordings_group,
                                  g_ptr_array_index (self->recent_recording_rows, i));
  g_ptr_array_set_size (self->recent_recording_rows, 0);

  items = g_list_sort (items, (GCompareFunc) compare_recent);
  for (GList *l = items; l != NULL && shown < RECENT_MAX; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      GtkWidget *row;

      if (app == NULL || !gtk_recent_info_has_application (info, app) ||
          !(g_str_has_suffix (uri, ".json") || g_str_has_suffix (uri, ".jsonl") ||
            g_str_has_suffix (uri, ".csv")) ||
          !gtk_recent_info_exists (info))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
      {
        g_autofree char *location = gtk_recent_info_get_uri_display (info);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), location);
      }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), decoration ("go-next-symbolic"));
      g_signal_connect_data (row, "activated", G_CALLBACK (on_recent_recording_activated),
                             g_strdup (uri), free_uri, 0);
      adw_preferences_group_add (self->recent_recordings_group, row);
      g_ptr_array_add (self->recent_recording_rows, row);
      shown++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_recordings_group), shown > 0);
}

static void
on_recent_activated (AdwActionRow *row,
                     MgStartPage     *self)
{
  /* The row's title is the command. */
  const char *text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  const char *via = g_object_get_data (G_OBJECT (row), "mg-via");

  /* Where it ran comes back with it. */
  gtk_editable_set_text (GTK_EDITABLE (self->run_on_row), via != NULL ? via : "");
  gtk_editable_set_text (GTK_EDITABLE (self->command_row), text);
  gtk_widget_grab_focus (GTK_WIDGET (self->command_row));
  gtk_editable_set_position (GTK_EDITABLE (self->command_row), -1);
}

static void
rebuild_recent (MgStartPage *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-commands");
  g_auto(GStrv) places = g_settings_get_strv (self->settings, "recent-command-places");
  g_auto(GStrv) hosts = g_settings_get_strv (self->settings, "recent-places");
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n_places = g_strv_length (places);

  for (guint i = 0; hosts[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (hosts[i], NULL);

      g_menu_item_set_action_and_target_value (item, "start.run-on", g_variant_new_string (hosts[i]));
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("This Computer"), NULL);

    g_menu_item_set_action_and_target_value (item, "start.run-on", g_variant_new_string (""));
    g_menu_append_item (menu, item);
  }
  gtk_menu_button_set_menu_model (self->places_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->places_button), hosts[0] != NULL);

  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = decoration ("go-next-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), recent[i]);
      if (i < n_places && places[i][0] != '\0')
        {
          g_autofree char *name = mg_remote_name_of_via (places[i]);
          /* TRANSLATORS: where a recent command ran: "on render01" */
          g_autofree char *subtitle = g_strdup_printf (_("on %s"), name ? name : places[i]);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          g_object_set_data_full (G_OBJECT (row), "mg-via", g_strdup (places[i]), g_free);
        }
      gtk_widget_add_css_class (row, "monospace");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      g_signal_connect (row, "activated", G_CALLBACK (on_recent_activated), self);
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), recent[0] != NULL);
}

static void
on_run_on_changed (MgStartPage *self)
{
  const char *via = mg_start_page_get_via (self);

  /* Elsewhere, the directory is the other end's: where the link starts. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->directory_row), via == NULL);
  if (via != NULL)
    adw_action_row_set_subtitle (self->directory_row,
                                 _("Where the command run through starts, at the other end"));
  else
    adw_action_row_set_subtitle (self->directory_row, self->directory);
}

static void
run_on_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgStartPage *self = MG_START_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->run_on_row), g_variant_get_string (parameter, NULL));
}

static void
on_directory_chosen (GtkNativeDialog *dialog,
                     int              response,
                     MgStartPage     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          set_directory (self, path);
          g_settings_set_string (self->settings, "directory", path);
        }
    }
  g_object_unref (dialog);
}

static void
choose_directory_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MgStartPage *self = MG_START_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) current = g_file_new_for_path (self->directory);

  chooser = gtk_file_chooser_native_new (_("Working Directory"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), current, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_directory_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}


static void
on_entry_activated (MgStartPage *self)
{
  g_signal_emit (self, signals[COMMAND_ACTIVATED], 0);
}

static void
mg_start_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MG_TYPE_START_PAGE);

  G_OBJECT_CLASS (mg_start_page_parent_class)->dispose (object);
}

static void
mg_start_page_finalize (GObject *object)
{
  MgStartPage *self = (MgStartPage *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);
  g_clear_pointer (&self->recent_recording_rows, g_ptr_array_unref);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (mg_start_page_parent_class)->finalize (object);
}

static void
mg_start_page_class_init (MgStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_start_page_dispose;
  object_class->finalize = mg_start_page_finalize;

  /**
   * MgStartPage::command-activated:
   *
   * The command typed is to run (Enter in the entry).
   */
  signals[COMMAND_ACTIVATED] =
    g_signal_new ("command-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MgStartPage::open-file:
   * @file: a recent recording chosen
   */
  signals[OPEN_FILE] =
    g_signal_new ("open-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mg-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MgStartPage, command_row);
  gtk_widget_class_bind_template_child (widget_class, MgStartPage, directory_row);
  gtk_widget_class_bind_template_child (widget_class, MgStartPage, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MgStartPage, command_error);
  gtk_widget_class_bind_template_child (widget_class, MgStartPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, MgStartPage, recent_recordings_group);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_command_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_run_on_changed);
  gtk_widget_class_bind_template_child (widget_class, MgStartPage, run_on_row);
  gtk_widget_class_bind_template_child (widget_class, MgStartPage, places_button);
  gtk_widget_class_install_action (widget_class, "start.run-on", "s", run_on_action);

  gtk_widget_class_install_action (widget_class, "start.choose-directory", NULL,
                                   choose_directory_action);
}

static void
mg_start_page_init (MgStartPage *self)
{
  g_autofree char *directory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->recent_rows = g_ptr_array_new ();
  self->recent_recording_rows = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "interval", self->interval_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->directory_row), FALSE);
  directory = g_settings_get_string (self->settings, "directory");
  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    g_clear_pointer (&directory, g_free);
  set_directory (self, directory);

  g_settings_bind (self->settings, "run-on", self->run_on_row, "text", G_SETTINGS_BIND_DEFAULT);
  on_run_on_changed (self);

  rebuild_recent (self);
  rebuild_recent_recordings (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_recordings), self, G_CONNECT_SWAPPED);
}

/**
 * mg_start_page_get_text:
 *
 * Returns: (transfer none): the command as typed
 */
const char *
mg_start_page_get_text (MgStartPage *self)
{
  g_return_val_if_fail (MG_IS_START_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->command_row));
}

/**
 * mg_start_page_offer_text:
 * @text: a command, such as the one of the run shown
 *
 * Puts @text in the entry unless something is typed there.
 */
void
mg_start_page_offer_text (MgStartPage *self,
                          const char  *text)
{
  g_return_if_fail (MG_IS_START_PAGE (self));

  if (gtk_editable_get_text (GTK_EDITABLE (self->command_row))[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->command_row), text);
}

/**
 * mg_start_page_focus:
 *
 * Puts the keyboard focus in the command entry.
 */
void
mg_start_page_focus (MgStartPage *self)
{
  g_return_if_fail (MG_IS_START_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->command_row));
}

/**
 * mg_start_page_get_directory:
 *
 * Returns: (transfer none): the working directory chosen
 */
const char *
mg_start_page_get_directory (MgStartPage *self)
{
  g_return_val_if_fail (MG_IS_START_PAGE (self), NULL);
  return self->directory;
}

/**
 * mg_start_page_get_interval:
 *
 * Returns: the sampling interval chosen, in seconds
 */
double
mg_start_page_get_interval (MgStartPage *self)
{
  g_return_val_if_fail (MG_IS_START_PAGE (self), 0);
  return gtk_adjustment_get_value (self->interval_adjustment);
}

/**
 * mg_start_page_show_error:
 * @text: why the command typed did not start
 *
 * Says @text under the entry, until the command is changed.
 */
void
mg_start_page_show_error (MgStartPage *self,
                          const char  *text)
{
  g_return_if_fail (MG_IS_START_PAGE (self));

  gtk_label_set_text (self->command_error, text);
  gtk_widget_set_visible (GTK_WIDGET (self->command_error), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->command_row), "error");
}

void
mg_start_page_clear_error (MgStartPage *self)
{
  g_return_if_fail (MG_IS_START_PAGE (self));
  on_command_changed (self);
}

/**
 * mg_start_page_get_error_text:
 *
 * Returns: (transfer none) (nullable): the error shown under the entry, or
 *   %NULL when there is none
 */
const char *
mg_start_page_get_error_text (MgStartPage *self)
{
  g_return_val_if_fail (MG_IS_START_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->command_error)))
    return NULL;
  return gtk_label_get_text (self->command_error);
}

/**
 * mg_start_page_remember_command:
 * @text: a command that started
 *
 * Puts @text first in the recent commands.
 */
void
mg_start_page_remember_command (MgStartPage *self,
                                const char  *text)
{
  g_return_if_fail (MG_IS_START_PAGE (self));
  g_return_if_fail (text != NULL);

  remember_command (self, text, mg_start_page_get_via (self));
}

/**
 * mg_start_page_get_via:
 *
 * Returns: (transfer none) (nullable): "Run On": the command typed to run
 *   through, or %NULL for this computer
 */
const char *
mg_start_page_get_via (MgStartPage *self)
{
  const char *text;

  g_return_val_if_fail (MG_IS_START_PAGE (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self->run_on_row));
  while (g_ascii_isspace (*text))
    text++;
  return text[0] != '\0' ? text : NULL;
}
