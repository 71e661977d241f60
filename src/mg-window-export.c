/* mg-window-export.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What leaves the window and what comes in: export, copy, and opening
 * recordings.
 */
#include "config.h"

#include "mg-window-private.h"

#include <glib/gi18n.h>

/**
 * _mg_window_style_for_output:
 * @scale: how many pixels a point is drawn with, or 0 for the screen's
 * @style: (out): the style
 *
 * What leaves the window (exported files, the clipboard, --output files)
 * is drawn as the graph shows it, without what only the pointer shows: the
 * hover crosshair and its readout.
 */
void
_mg_window_style_for_output (MgWindow    *self,
                             double       scale,
                             MgPlotStyle *style)
{
  g_assert (MG_IS_WINDOW (self));
  g_assert (style != NULL);

  mg_graph_get_style (self->graph, style);
  if (scale > 0)
    style->scale = scale;
  style->hover_time = -1;
}

/**
 * mg_window_export:
 * @file: where to write
 * @format: what to write; images use the graph's current style, at the
 *   size chosen in the export dialog (1200 × 700 unless changed), PNG at
 *   twice that in pixels for sharp images in HiDPI documents
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written
 */
gboolean
mg_window_export (MgWindow        *self,
                  GFile           *file,
                  MgExportFormat   format,
                  GError         **error)
{
  MgPlotStyle style;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->recording == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is nothing to export yet"));
      return FALSE;
    }

  _mg_window_style_for_output (self, 2, &style);
  if (mg_session_is_comparing (self->session))
    {
      g_autoptr(GPtrArray) checked = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      mg_session_get_compared (self->session, checked, labels);
      if (!mg_export_compare_write ((MgRecording **) checked->pdata,
                                    (const char **) labels->pdata, checked->len, file, format,
                                    &style, self->export_width, self->export_height, error))
        return FALSE;
    }
  else if (!mg_export_write (self->recording, file, format, &style, self->export_width,
                             self->export_height, error))
    return FALSE;

  if (format == MG_EXPORT_JSON || format == MG_EXPORT_JSONL || format == MG_EXPORT_CSV)
    {
      g_autofree char *uri = g_file_get_uri (file);
      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
  return TRUE;
}

/* The sizes the export dialog offers, in points; PNG has twice as many
 * pixels, and the labels say so: what is shown is what comes out. */
static const char *size_ids[] = { "800x450", "1200x700", "1600x900", "1920x1080", NULL };

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MgWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    _mg_window_show_toast (self, error->message);
}

static void
launch_uri (MgWindow   *self,
            const char *uri)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (display);

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           on_launched, g_object_ref (self));
}

/* Open: the file saved last, in the application that opens its type. */
void
_mg_window_open_exported_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  g_autofree char *uri = NULL;

  if (self->last_export == NULL)
    return;
  uri = g_file_get_uri (self->last_export);
  launch_uri (self, uri);
}

static void
on_show_items (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MgWindow) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  /* No file manager that selects files: open the folder instead. */
  if (reply == NULL && self->last_export != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->last_export);
      g_autofree char *uri = g_file_get_uri (parent);

      g_debug ("ShowItems failed: %s", error->message);
      launch_uri (self, uri);
    }
}

/* Show in Files: the file saved last, selected in its folder, through the
 * file manager's D-Bus interface (org.freedesktop.FileManager1), or its
 * folder opened when there is no such file manager. */
void
_mg_window_show_exported_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  if (self->last_export == NULL)
    return;
  uri = g_file_get_uri (self->last_export);
  uris[0] = uri;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->last_export);
      g_autofree char *folder = g_file_get_uri (parent);

      launch_uri (self, folder);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, on_show_items,
                          g_object_ref (self));
}

/* "Saved “graph.png”", with Open, and Show in Files. */
static void
show_saved_toast (MgWindow *self,
                  GFile    *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *text = g_strdup_printf (_("Saved “%s”"), basename);
  AdwToast *toast = adw_toast_new (text);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *show = gtk_button_new_with_mnemonic (_("Show in _Files"));

  g_set_object (&self->last_export, file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-exported", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-exported", TRUE);

  /* A toast has one button of its own; the second one is in its title. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (label, "heading");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (show), "win.show-exported");
  gtk_widget_add_css_class (show, "flat");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), show);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-exported");
  adw_toast_set_timeout (toast, 8);
  _mg_window_add_toast (self, toast);
}

static void
on_export_chosen (GtkNativeDialog *dialog,
                  int              response,
                  MgWindow        *self)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
  MgExportFormat wanted = filter ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "format"))
                                 : MG_EXPORT_PNG;
  const char *size = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "size");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFile) folder = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (chosen);
      MgExportFormat format = mg_export_format_for_path (name);

      /* The size chosen, remembered for the next time. */
      if (size != NULL && mg_export_parse_size (size, &self->export_width, &self->export_height))
        g_settings_set_string (self->settings, "export-size", size);

      /* A name without a known extension gets the one of the chosen type. */
      if (format == MG_EXPORT_UNKNOWN)
        {
          g_autofree char *with_ext = g_strconcat (name, mg_export_format_extension (wanted), NULL);
          g_autoptr(GFile) parent = g_file_get_parent (chosen);

          file = g_file_get_child (parent, with_ext);
          format = wanted;
        }
      else
        file = g_object_ref (chosen);

      /* The next export opens where this one went. */
      folder = g_file_get_parent (file);
      if (folder != NULL && g_file_peek_path (folder) != NULL)
        g_settings_set_string (self->settings, "export-folder", g_file_peek_path (folder));

      if (mg_window_export (self, file, format, &error))
        show_saved_toast (self, file);
      else
        _mg_window_show_toast (self, error->message);
    }
  if (self->export_dialog == dialog)
    self->export_dialog = NULL;
  g_object_unref (dialog);
}

/* A name for the file: the command's program, or, for a comparison, the
 * names of its runs ("memory-doubles-vs-floats-…"), then when it ran. */
static char *
suggest_name (MgWindow       *self,
              MgExportFormat  format)
{
  g_autoptr(GString) what = g_string_new (NULL);
  g_autofree char *stamp = g_date_time_format (mg_recording_get_started (self->recording),
                                               "%Y-%m-%d-%H%M%S");

  if (mg_session_is_comparing (self->session))
    {
      g_autoptr(GPtrArray) checked = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      mg_session_get_compared (self->session, checked, labels);
      for (guint i = 0; i < checked->len; i++)
        {
          if (i > 0)
            g_string_append (what, "-vs-");
          g_string_append (what, g_ptr_array_index (labels, i));
        }
    }
  else
    {
      const char * const *argv = mg_recording_get_argv (self->recording);
      g_autofree char *base = g_path_get_basename (argv[0] && argv[0][0] ? argv[0] : "command");
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      g_string_append (what, base);
    }
  /* A file name of the names: no separators, no spaces, no leading dashes. */
  for (char *p = what->str; *p != '\0'; p++)
    if (*p == '/' || *p == ' ' || *p == '\\')
      *p = '-';
  while (what->len > 0 && what->str[0] == '-')
    g_string_erase (what, 0, 1);
  if (what->len == 0)
    g_string_assign (what, "runs");
  return g_strdup_printf ("memory-%s-%s%s", what->str, stamp, mg_export_format_extension (format));
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *title,
            const char     *suffix,
            MgExportFormat  format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, title);
  gtk_file_filter_add_suffix (filter, suffix);
  g_object_set_data (G_OBJECT (filter), "format", GINT_TO_POINTER (format));
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

/* Where the dialog opens: the folder used last, or Pictures the first
 * time (home when there is none). */
static GFile *
export_folder (MgWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "export-folder");
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (last);
  if (pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (pictures);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
export_with_format (MgWindow       *self,
                    MgExportFormat  format)
{
  g_autofree char *name = NULL;
  g_autofree char *current_size = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;
  GtkFileChooser *fc;
  const char *title;

  if (self->recording == NULL)
    return;

  title = format == MG_EXPORT_CSV ? _("Export Samples")
        : format == MG_EXPORT_JSON ? _("Save Recording")
        : _("Export Graph");
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  fc = GTK_FILE_CHOOSER (chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (format == MG_EXPORT_CSV)
    add_filter (fc, _("CSV Files"), "csv", MG_EXPORT_CSV);
  else if (format == MG_EXPORT_JSON)
    add_filter (fc, _("Memory Graph Recordings (JSON)"), "json", MG_EXPORT_JSON);
  else
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

      add_filter (fc, _("PNG Images"), "png", MG_EXPORT_PNG);
      add_filter (fc, _("SVG Images"), "svg", MG_EXPORT_SVG);
      add_filter (fc, _("PDF Documents"), "pdf", MG_EXPORT_PDF);
      current_size = g_strdup_printf ("%dx%d", self->export_width, self->export_height);
      if (!g_strv_contains (size_ids, current_size))
        {
          g_free (current_size);
          current_size = g_strdup ("1200x700");
        }
      /* The size chosen last comes first: GTK 4.8's dialog shows the first
       * option whatever was chosen (and then reads that one back). */
      g_ptr_array_add (ids, current_size);
      for (guint i = 0; size_ids[i] != NULL; i++)
        if (strcmp (size_ids[i], current_size) != 0)
          g_ptr_array_add (ids, (gpointer) size_ids[i]);
      for (guint i = 0; i < ids->len; i++)
        {
          int w = 0, h = 0;

          mg_export_parse_size (g_ptr_array_index (ids, i), &w, &h);
          /* TRANSLATORS: an image size in points, and the pixels of a PNG
           * image of that size, e.g. "1200 × 700 (PNG 2400 × 1400 pixels)" */
          g_ptr_array_add (labels, g_strdup_printf (_("%d × %d (PNG %d × %d pixels)"),
                                                    w, h, 2 * w, 2 * h));
        }
      g_ptr_array_add (ids, NULL);
      g_ptr_array_add (labels, NULL);
      gtk_file_chooser_add_choice (fc, "size", _("Size"), (const char **) ids->pdata,
                                   (const char **) labels->pdata);
      gtk_file_chooser_set_choice (fc, "size", current_size);
    }

  folder = export_folder (self);
  gtk_file_chooser_set_current_folder (fc, folder, NULL);
  name = suggest_name (self, format);
  gtk_file_chooser_set_current_name (fc, name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), self);
  self->export_dialog = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * mg_window_get_export_dialog:
 *
 * Returns: (transfer none) (nullable): the export dialog, while it is open
 */
GtkNativeDialog *
mg_window_get_export_dialog (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->export_dialog;
}

/**
 * mg_window_get_last_export:
 *
 * Returns: (transfer none) (nullable): the file the "Saved" toast opens
 */
GFile *
mg_window_get_last_export (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->last_export;
}

void
_mg_window_export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgExportFormat format = MG_EXPORT_PNG;

  if (g_strcmp0 (action_name, "win.export-csv") == 0)
    format = MG_EXPORT_CSV;
  else if (g_strcmp0 (action_name, "win.export-json") == 0)
    format = MG_EXPORT_JSON;
  export_with_format (MG_WINDOW (widget), format);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The image Copy Graph puts on the clipboard. */
GdkTexture *
_mg_window_render_graph (MgWindow  *self,
                         GError   **error)
{
  GdkTexture *texture = NULL;
  g_autoptr(GByteArray) png = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  MgPlotStyle style;
  int width, height;
  cairo_t *cr;

  g_assert (MG_IS_WINDOW (self));
  g_assert (self->recording != NULL);

  /* At the export size in pixels, drawn at the screen's scale: a large
   * image is slow to hand over through the X11 clipboard. */
  _mg_window_style_for_output (self, 0, &style);
  width = self->export_width;
  height = self->export_height;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  if (mg_session_is_comparing (self->session))
    {
      g_autoptr(GPtrArray) checked = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      mg_session_get_compared (self->session, checked, labels);
      mg_plot_render_compare (cr, width, height, (MgRecording **) checked->pdata,
                              (const char **) labels->pdata, checked->len, &style, NULL);
    }
  else
    mg_plot_render (cr, width, height, self->recording, &style);
  cairo_destroy (cr);
  /* Through PNG, as exported: the clipboard offers it as such. */
  png = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_png, png);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&png));

      texture = gdk_texture_new_from_bytes (bytes, error);
    }
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the image: %s"),
                 cairo_status_to_string (status));
  cairo_surface_destroy (surface);
  return texture;
}

/**
 * mg_window_copy_graph:
 *
 * Puts the graph on the clipboard as an image, drawn as exported: the
 * runs compared when comparing, without the hover crosshair, at the
 * export size.
 *
 * Returns: %TRUE when there was a graph to copy
 */
gboolean
mg_window_copy_graph (MgWindow *self)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  if (self->recording == NULL)
    return FALSE;

  texture = _mg_window_render_graph (self, &error);
  if (texture == NULL)
    {
      _mg_window_show_toast (self, error->message);
      return FALSE;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  _mg_window_show_toast (self, _("Graph copied"));
  return TRUE;
}

void
_mg_window_copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mg_window_copy_graph (MG_WINDOW (widget));
}

/**
 * mg_window_show_error:
 * @title: what could not be done, such as "Could Not Open the Recording"
 * @error: what went wrong, in words for the person
 *
 * Shows @error in a dialog over the window.
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
mg_window_show_error (MgWindow     *self,
                      const char   *title,
                      const GError *error)
{
  GtkWidget *dialog;

  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), title, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
show_open_error (MgWindow     *self,
                 const GError *error)
{
  mg_window_show_error (self, _("Could Not Open the Recording"), error);
}

/**
 * mg_window_open_file:
 * @file: a recording saved as JSON, or samples as CSV
 * @error: return location for a #GError naming the file and what is wrong
 *
 * Opens a recording. When it cannot be read, the window keeps what it had.
 * While a command runs, the recording opens in a new window.
 *
 * Returns: %TRUE when the recording is shown
 */
gboolean
mg_window_open_file (MgWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  MgWindow *target = self;
  MgRun *run;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (mg_window_is_running (self))
    target = mg_window_new (gtk_window_get_application (GTK_WINDOW (self)));

  run = mg_session_open_file (target->session, file, error);
  if (run == NULL)
    {
      if (target != self)
        gtk_window_destroy (GTK_WINDOW (target));
      return FALSE;
    }
  if (target != self)
    gtk_window_present (GTK_WINDOW (target));

  name = g_file_get_basename (file);
  mg_window_show_recording (target, mg_run_get_recording (run), name);
  /* A saved comparison opens compared. */
  if (mg_session_is_comparing (target->session))
    _mg_window_update_compare (target);

  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  return TRUE;
}

void
_mg_window_open_and_report (MgWindow *self,
                 GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!mg_window_open_file (self, file, &error))
    show_open_error (self, error);
}

static void
on_open_chosen (GtkNativeDialog *dialog,
                int              response,
                MgWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      _mg_window_open_and_report (self, file);
    }
  g_object_unref (dialog);
}

void
_mg_window_open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Recording"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Recordings (JSON, JSON Lines, CSV)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "jsonl");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
