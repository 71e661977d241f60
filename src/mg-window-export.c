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

  if (format == MG_EXPORT_JSON || format == MG_EXPORT_CSV)
    {
      g_autofree char *uri = g_file_get_uri (file);
      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
  return TRUE;
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

  if (size != NULL)
    mg_export_parse_size (size, &self->export_width, &self->export_height);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (chosen);
      MgExportFormat format = mg_export_format_for_path (name);

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

      if (mg_window_export (self, file, format, &error))
        {
          g_autofree char *basename = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), basename);

          _mg_window_show_toast (self, text);
        }
      else
        _mg_window_show_toast (self, error->message);
    }
  g_object_unref (dialog);
}

static char *
suggest_name (MgWindow       *self,
              MgExportFormat  format)
{
  const char * const *argv = mg_recording_get_argv (self->recording);
  g_autofree char *base = g_path_get_basename (argv[0] && argv[0][0] ? argv[0] : "command");
  g_autofree char *stamp = g_date_time_format (mg_recording_get_started (self->recording),
                                               "%Y-%m-%d-%H%M%S");
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup_printf ("memory-%s-%s%s", base, stamp, mg_export_format_extension (format));
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

static void
export_with_format (MgWindow       *self,
                    MgExportFormat  format)
{
  static const char *size_ids[] = { "800x450", "1200x700", "1600x900", "1920x1080", NULL };
  static const char *size_labels[] = { "800 × 450", "1200 × 700", "1600 × 900", "1920 × 1080", NULL };
  g_autofree char *name = NULL;
  g_autofree char *current_size = NULL;
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
      add_filter (fc, _("PNG Images"), "png", MG_EXPORT_PNG);
      add_filter (fc, _("SVG Images"), "svg", MG_EXPORT_SVG);
      add_filter (fc, _("PDF Documents"), "pdf", MG_EXPORT_PDF);
      gtk_file_chooser_add_choice (fc, "size", _("Size"), size_ids, size_labels);
      current_size = g_strdup_printf ("%dx%d", self->export_width, self->export_height);
      gtk_file_chooser_set_choice (fc, "size", g_strv_contains (size_ids, current_size)
                                                 ? current_size : "1200x700");
    }

  name = suggest_name (self, format);
  gtk_file_chooser_set_current_name (fc, name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
  gtk_file_filter_set_name (filter, _("Recordings (JSON, CSV)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
