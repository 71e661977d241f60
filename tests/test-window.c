/* test-window.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window under a virtual X server: what a person would see.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#include "mg-test-util.h"
#include "mg-import.h"
#include "mg-output-list.h"
#include "mg-window.h"
#include "mg-window-private.h"
#include "mg-process-picker.h"
#include "mg-test-tree.h"
#include "mg-run-row.h"

static guint count_color_on_screen (MgWindow *window, const MgColor *color);

/* Renders the graph widget as the screen shows it and counts the pixels in
 * the RSS colour. */
static guint
count_rss_pixels_on_screen (MgWindow *window)
{
  MgPlotStyle style;

  mg_graph_get_style (mg_window_get_graph (window), &style);
  return count_color_on_screen (window, &style.rss);
}

static guint
count_color_on_screen (MgWindow      *window,
                       const MgColor *color)
{
  GtkWidget *graph = GTK_WIDGET (mg_window_get_graph (window));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (graph);
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GskRenderer *renderer;
  cairo_surface_t *surface;
  int w = gtk_widget_get_width (graph);
  int h = gtk_widget_get_height (graph);
  g_autofree guchar *data = NULL;
  guint count;

  g_assert_cmpint (w, >, 100);
  g_assert_cmpint (h, >, 100);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (graph));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);

  data = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, data, w * 4);
  surface = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_ARGB32, w, h, w * 4);
  count = mg_test_count_color (surface, color, 0, 0, w, h);
  cairo_surface_destroy (surface);
  return count;
}

static void
on_finished (MgRecording *rec,
             gboolean    *done)
{
  *done = TRUE;
}

static gboolean
wait_for_samples (MgWindow *window,
                  guint     n,
                  double    timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    {
      MgRecording *rec = mg_window_get_recording (window);

      if (rec != NULL && mg_recording_get_n_samples (rec) >= n)
        return TRUE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return FALSE;
}

/* Lets the frame clock draw at least once more. */
static void
wait_for_draw (MgWindow *window)
{
  MgGraph *graph = mg_window_get_graph (window);
  guint before = mg_graph_get_n_draws (graph);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (GTK_WIDGET (graph));
  while (mg_graph_get_n_draws (graph) == before && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpuint (mg_graph_get_n_draws (graph), >, before);
}

static MgWindow *
new_window (void)
{
  MgWindow *window = mg_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
test_bad_entry (void)
{
  MgWindow *window = new_window ();

  /* Unbalanced quotes: an error under the entry, nothing started. */
  g_assert_false (mg_window_run_text (window, "./raytracer 'scene.obj"));
  g_assert_nonnull (strstr (mg_window_get_error_text (window), "unbalanced quote"));
  g_assert_cmpstr (mg_window_get_page (window), ==, "start");
  g_assert_null (mg_window_get_recording (window));
  g_assert_false (mg_window_is_running (window));

  /* A command that does not exist: the reason in plain words, naming the
   * program and where it was looked for; nothing lost. */
  g_assert_false (mg_window_run_text (window, "memgraph-no-such-command --flag"));
  {
    g_autofree char *expected = g_strdup_printf ("Could not start: memgraph-no-such-command was "
                                                 "not found in PATH (%s)", g_getenv ("PATH"));

    g_assert_cmpstr (mg_window_get_error_text (window), ==, expected);
  }
  g_assert_cmpstr (mg_window_get_page (window), ==, "start");
  g_assert_null (mg_window_get_recording (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_live_and_final (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "hold", "120", "1.5", NULL };
  g_autofree char *dir = g_dir_make_tmp ("memgraph-window-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "export.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  MgRecording *rec;
  gboolean done = FALSE;
  guint live, final;
  MgPlotStyle style;

  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, TRUE));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_cmpstr (mg_window_get_page (window), ==, "graph");
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window), "Running"));

  /* While it runs, the graph has drawn a curve. */
  g_assert_true (wait_for_samples (window, 8, 10));
  g_assert_true (mg_window_is_running (window));
  wait_for_draw (window);
  live = count_rss_pixels_on_screen (window);
  g_test_message ("RSS pixels while running: %u", live);
  g_assert_cmpuint (live, >, 200);

  /* After the exit the final plot stays, with how it ended. */
  g_assert_true (mg_test_wait_for (&done, 20));
  g_assert_false (mg_window_is_running (window));
  /* Held 1.5 s; touching the memory first takes what the machine takes. */
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window),
                                   "Exited with status 0 after "));
  g_assert_cmpfloat (mg_recording_get_duration (rec), >=, 1.5);
  wait_for_draw (window);
  final = count_rss_pixels_on_screen (window);
  g_test_message ("RSS pixels after exit: %u", final);
  g_assert_cmpuint (final, >, 200);
  g_assert_cmpstr (mg_window_get_page (window), ==, "graph");
  g_assert_cmpfloat (mg_recording_get_peak_rss (rec), >=, 120 * MIB * 0.95);

  /* The process list: selecting the one process shows its own curve. */
  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 1);
  mg_window_select_process (window, 0);
  mg_graph_get_style (mg_window_get_graph (window), &style);
  g_assert_cmpint (style.process, ==, 0);
  wait_for_draw (window);
  g_assert_cmpuint (count_rss_pixels_on_screen (window), >, 200);
  mg_window_select_process (window, -1);
  mg_graph_get_style (mg_window_get_graph (window), &style);
  g_assert_cmpint (style.process, ==, -1);

  /* Export writes the same plot as a PNG, at twice the size in pixels for
   * sharp images in HiDPI documents. */
  g_assert_true (mg_window_export (window, file, MG_EXPORT_PNG, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 2 * MG_EXPORT_DEFAULT_WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 2 * MG_EXPORT_DEFAULT_HEIGHT);
  mg_graph_get_style (mg_window_get_graph (window), &style);
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, 0, 0, 2400, 1400), >, 1000);
  cairo_surface_destroy (surface);

  /* An unwritable path fails with a message naming it. */
  {
    g_autoptr(GFile) bad = g_file_new_for_path ("/nonexistent/dir/graph.png");
    g_assert_false (mg_window_export (window, bad, MG_EXPORT_PNG, &error));
    g_assert_nonnull (strstr (error->message, "/nonexistent/dir/graph.png"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (png);
  g_rmdir (dir);
}

static void
test_stop_button (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "sleep", "30", NULL };
  gboolean done = FALSE;

  g_assert_true (mg_window_run_command (window, argv, NULL, 0.1, FALSE));
  g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (wait_for_samples (window, 2, 10));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  g_assert_true (mg_test_wait_for (&done, 10));
  /* The person stopped it: said as such, neutral, the signal below. */
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window), "Stopped after "));
  g_assert_nonnull (strstr (mg_window_get_status_text (window),
                            "\nStop sent SIGTERM; the command ended by signal 15 (SIGTERM)"));
  g_assert_false (gtk_widget_has_css_class (mg_window_get_status_label (window), "error"));
  g_assert_false (gtk_widget_has_css_class (mg_window_get_status_label (window), "warning"));
  /* Run again is one click away, and runs the same command. */
  done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-again", NULL));
  g_assert_true (mg_window_is_running (window));
  g_assert_cmpstr (mg_recording_get_argv (mg_window_get_recording (window))[1], ==, "sleep");
  g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished), &done);
  mg_window_kill_command (window);
  g_assert_true (mg_test_wait_for (&done, 10));

  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
on_destroy (GtkWidget *widget,
            gboolean  *destroyed)
{
  *destroyed = TRUE;
}

/* Closing the window while a command runs asks first; "Cancel" keeps both,
 * "Stop and Close" stops the command and then closes. */
static void
test_close_asks (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "sleep", "30", NULL };
  g_autoptr(MgRecording) rec = NULL;
  AdwMessageDialog *dialog;
  gboolean destroyed = FALSE;
  gboolean done = FALSE;

  g_signal_connect (window, "destroy", G_CALLBACK (on_destroy), &destroyed);
  g_assert_true (mg_window_run_command (window, argv, NULL, 0.1, FALSE));
  rec = g_object_ref (mg_window_get_recording (window));
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);

  gtk_window_close (GTK_WINDOW (window));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (destroyed);
  g_assert_true (mg_window_is_running (window));

  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (destroyed);
  g_assert_true (mg_window_is_running (window));

  gtk_window_close (GTK_WINDOW (window));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "stop");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (mg_test_wait_for (&done, 10));
  g_assert_true (mg_test_wait_for (&destroyed, 5));
  g_assert_cmpint (mg_recording_get_exit (rec)->code, ==, SIGTERM);
}

/* File > Open: a saved recording is shown as it was; a bad file gets a
 * message naming it, and the window keeps what it had. */
static void
test_open_recording (void)
{
  MgWindow *window = new_window ();
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "samples.csv", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad-lengths.json", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GError) error = NULL;
  GdkContentFormats *formats;
  MgRecording *shown;

  g_assert_true (mg_window_open_file (window, good_file, &error));
  g_assert_no_error (error);
  shown = mg_window_get_recording (window);
  g_assert_nonnull (shown);
  g_assert_cmpstr (mg_window_get_page (window), ==, "graph");
  g_assert_cmpuint (mg_recording_get_n_samples (shown), ==, 3);
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window), "Samples of"));
  wait_for_draw (window);
  g_assert_cmpuint (count_rss_pixels_on_screen (window), >, 200);
  /* Run Again has no command to run for samples alone. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-again", NULL) &&
                  mg_window_is_running (window));

  g_assert_false (mg_window_open_file (window, bad_file, &error));
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_nonnull (strstr (error->message, "has 2 values"));
  g_assert_true (mg_window_get_recording (window) == shown);

  /* Copy: the graph goes to the clipboard as an image. */
  g_assert_true (mg_window_copy_graph (window));
  formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (window)));
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A stream cut short, whatever its name: it opens, and the status says
 * where it was cut. */
static void
test_open_cut_stream (void)
{
  MgWindow *window = new_window ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cut-stream.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (mg_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mg_recording_get_n_samples (mg_window_get_recording (window)), ==, 4);
  g_assert_cmpstr (mg_window_get_status_text (window), ==,
                   "The stream was cut after 0.36 s: what followed was not recorded");
  gtk_window_destroy (GTK_WINDOW (window));
}

static MgRecording *
run_to_end (MgWindow   *window,
            const char *mib)
{
  const char *argv[] = { mg_test_workload (), "hold", mib, "0.6", NULL };
  gboolean done = FALSE;
  MgRecording *rec;

  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_test_wait_for (&done, 20));
  return rec;
}

/* New Command, then Back: the graph of the run shown before, unchanged;
 * there is no Back before any run. */
static void
test_back_to_graph (void)
{
  MgWindow *window = new_window ();
  MgRecording *rec;
  GtkWidget *back;

  g_assert_cmpstr (mg_window_get_page (window), ==, "start");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL) &&
                  g_strcmp0 (mg_window_get_page (window), "graph") == 0);
  g_assert_cmpstr (mg_window_get_page (window), ==, "start");

  rec = run_to_end (window, "20");
  g_assert_cmpstr (mg_window_get_page (window), ==, "graph");
  back = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MG_TYPE_WINDOW,
                                                    "back_button"));
  g_assert_false (gtk_widget_get_visible (back));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-command", NULL));
  g_assert_cmpstr (mg_window_get_page (window), ==, "start");
  g_assert_true (gtk_widget_get_visible (back));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpstr (mg_window_get_page (window), ==, "graph");
  g_assert_true (mg_window_get_recording (window) == rec);
  g_assert_false (gtk_widget_get_visible (back));
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window), "Exited with status 0"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Floats vs doubles: run, run again with half the memory, name the runs,
 * compare them, read the difference; hover shows a crosshair. */
static void
test_compare_runs (void)
{
  MgWindow *window = new_window ();
  MgRecording *doubles, *floats;
  g_autofree char *dir = g_dir_make_tmp ("memgraph-cmp-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "compare.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GError) error = NULL;
  const char *text;
  cairo_surface_t *surface;
  MgPlotStyle style;
  double ratio;

  doubles = run_to_end (window, "200");
  floats = run_to_end (window, "100");
  g_assert_cmpuint (mg_window_get_n_runs (window), ==, 2);
  mg_window_set_run_label (window, 0, "doubles");
  mg_window_set_run_label (window, 1, "floats");
  mg_window_compare (window, 0, 2);

  text = mg_window_get_comparison_text (window);
  g_test_message ("%s", text);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "doubles: "));
  g_assert_nonnull (strstr (text, "\nfloats: "));
  g_assert_nonnull (strstr (text, "%) vs doubles"));
  ratio = (double) mg_recording_get_peak_rss (floats) / mg_recording_get_peak_rss (doubles);
  g_assert_cmpfloat (ratio, >, 0.45);
  g_assert_cmpfloat (ratio, <, 0.55);
  /* Half the memory, give or take the program's own megabyte. */
  g_assert_true (strstr (text, "(\u221249 %) vs doubles") != NULL ||
                 strstr (text, "(\u221250 %) vs doubles") != NULL);

  /* Both curves are on screen in their colours, and in the export. */
  wait_for_draw (window);
  mg_graph_get_style (mg_window_get_graph (window), &style);
  g_assert_true (mg_window_export (window, file, MG_EXPORT_PNG, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpuint (mg_test_count_color (surface, mg_plot_run_color (&style, 0), 0, 0, 2400, 1400),
                    >, 1000);
  g_assert_cmpuint (mg_test_count_color (surface, mg_plot_run_color (&style, 1), 0, 0, 2400, 1400),
                    >, 1000);
  cairo_surface_destroy (surface);

  /* Back to one run: no comparison any more. */
  mg_window_compare (window, G_MAXUINT, 0);
  g_assert_null (mg_window_get_comparison_text (window));

  /* A crosshair where the pointer is, drawn on screen. */
  {
    guint before, after;

    wait_for_draw (window);
    mg_graph_get_style (mg_window_get_graph (window), &style);
    before = count_color_on_screen (window, &style.foreground);
    mg_graph_set_hover_time (mg_window_get_graph (window), 0.3);
    wait_for_draw (window);
    after = count_color_on_screen (window, &style.foreground);
    g_test_message ("text-coloured pixels: %u without the crosshair, %u with", before, after);
    /* A line the height of the plot, and the readout's text. */
    g_assert_cmpuint (after, >, before + 150);
  }

  /* Started from the window, a command's output is kept and listed. */
  {
    const char *argv[] = { mg_test_workload (), "print", "4", "50", NULL };
    gboolean done = FALSE;

    g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
    g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished), &done);
    g_assert_true (mg_test_wait_for (&done, 20));
    g_assert_cmpuint (mg_recording_get_n_output (mg_window_get_recording (window)), ==, 6);
    g_assert_cmpuint (mg_window_get_n_output_rows (window), ==, 6);
    floats = mg_window_get_recording (window);
  }

  /* A marker, listed and saved with the run. */
  mg_window_add_marker (window, 0.25, "loaded");
  g_assert_cmpuint (mg_recording_get_n_markers (floats), ==, 1);
  g_assert_cmpstr (mg_recording_get_marker (floats, 0)->label, ==, "loaded");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (png);
  g_rmdir (dir);
}

/* Shows Details > Output, as a person would open it. */
static void
show_output_page (MgWindow *window)
{
  GtkWidget *view = GTK_WIDGET (mg_window_get_output_view (window));
  GtkWidget *revealer = gtk_widget_get_ancestor (view, GTK_TYPE_REVEALER);
  GtkWidget *stack = gtk_widget_get_ancestor (view, GTK_TYPE_STACK);

  gtk_revealer_set_transition_duration (GTK_REVEALER (revealer), 0);
  gtk_revealer_set_reveal_child (GTK_REVEALER (revealer), TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "output");
}

/* The label of the row showing the line that starts with @prefix. */
static GtkWidget *
find_row_label (MgWindow   *window,
                const char *prefix)
{
  GtkWidget *view = GTK_WIDGET (mg_window_get_output_view (window));

  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      GtkWidget *text;

      if (box == NULL || !GTK_IS_BOX (box))
        continue;
      text = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
      if (GTK_IS_LABEL (text) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (text)), prefix))
        return text;
    }
  return NULL;
}

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* A 2,000,000-byte line: sampling at 0.25 s never stops for more than two
 * intervals (it stopped 1.4 s before; a shorter interval would measure the
 * load of a shared test machine more than the window), the line's row stays one line high
 * and no wider than the list, its text ellipsized, and Copy Line puts the
 * whole line on the clipboard. */
static void
test_long_line (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "long-line", "2000000", "1", "2.5", NULL };
  g_autofree char *copied = NULL;
  gboolean done = FALSE;
  MgRecording *rec;
  MgSamples *samples;
  GtkWidget *label, *view;
  double worst = 0;
  gint64 end;

  show_output_page (window);
  g_assert_true (mg_window_run_command (window, argv, NULL, 0.25, FALSE));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_test_wait_for (&done, 30));

  samples = mg_recording_get_samples (rec);
  for (guint i = 1; i < mg_samples_get_size (samples); i++)
    worst = MAX (worst, mg_samples_get_time (samples, i) - mg_samples_get_time (samples, i - 1));
  g_test_message ("line read at %.3f s, first sample at %.3f s",
                  mg_recording_get_output (rec, 0)->time_s, mg_samples_get_time (samples, 0));
  g_test_message ("%u samples, the longest gap %.3f s", mg_samples_get_size (samples), worst);
  g_assert_cmpuint (mg_samples_get_size (samples), >=, 10);
  g_assert_cmpfloat (worst, <=, 2 * 0.25);

  g_assert_cmpuint (mg_recording_get_n_output (rec), ==, 1);
  g_assert_cmpuint (mg_window_get_n_output_rows (window), ==, 1);
  g_assert_cmpstr (mg_window_get_output_status (window), ==, "1 line, all kept");

  /* Drawn within its row. */
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((label = find_row_label (window, "yyyy")) == NULL && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_nonnull (label);
  wait_for_draw (window);
  view = GTK_WIDGET (mg_window_get_output_view (window));
  g_test_message ("row label %d × %d in a list %d wide", gtk_widget_get_width (label),
                  gtk_widget_get_height (label), gtk_widget_get_width (view));
  g_assert_cmpint (gtk_widget_get_width (label), >, 0);
  g_assert_cmpint (gtk_widget_get_width (label), <, gtk_widget_get_width (view));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_END);
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label))), ==, 1);
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (label))), <=, 512);

  /* The whole line, copied. */
  g_assert_true (mg_window_copy_output_line (window, 0));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 on_text_read, &copied);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (copied == NULL && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_nonnull (copied);
  g_assert_cmpuint (strlen (copied), ==, 2000000);
  g_assert_cmpuint (strspn (copied, "y"), ==, 2000000);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first GtkListBox under @widget. */
static GtkListBox *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return GTK_LIST_BOX (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static const char *
row_title (GtkListBox *list,
           int         i)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, i)));
}

static const char *
row_subtitle (GtkListBox *list,
              int         i)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, i)));
}

/* Row @i of the marker list says @title and @time. */
static void
assert_marker_row (GListModel *markers,
                   guint       i,
                   const char *title,
                   const char *time)
{
  g_autoptr(MgMarkerItem) marker = g_list_model_get_item (markers, i);
  g_autofree char *title_text = NULL;
  g_autofree char *time_text = NULL;

  g_assert_nonnull (marker);
  mg_marker_list_get_row_texts (marker, &title_text, &time_text);
  g_assert_cmpstr (title_text, ==, title);
  g_assert_cmpstr (time_text, ==, time);
}

/* Details > Processes lists the tree of a run, a child one step in from
 * its parent, each row with its own peak and when it ran; choosing a row
 * shows that process. Details > Markers lists markers in time order as
 * they are added. */
static void
test_details_lists (void)
{
  MgWindow *window = new_window ();
  g_autofree char *script = g_strdup_printf ("%s print 10 20 & %s print 10 20; wait",
                                             mg_test_workload (), mg_test_workload ());
  const char *argv[] = { "sh", "-c", script, NULL };
  GtkWidget *view = GTK_WIDGET (mg_window_get_output_view (window));
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (view, GTK_TYPE_STACK));
  GtkListBox *processes = find_list_box (gtk_stack_get_child_by_name (stack, "processes"));
  GListModel *markers = mg_marker_list_get_model (MG_MARKER_LIST (gtk_stack_get_child_by_name (stack, "markers")));
  gboolean done = FALSE;
  MgRecording *rec;
  MgPlotStyle style;
  guint n;

  g_assert_nonnull (processes);
  g_assert_nonnull (markers);
  g_assert_cmpuint (count_rows (processes), ==, 1);
  g_assert_cmpstr (row_title (processes, 0), ==, "All Processes");

  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_test_wait_for (&done, 30));

  n = mg_recording_get_n_processes (rec);
  g_test_message ("%u processes", n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (count_rows (processes), ==, 1 + n);
  g_assert_cmpstr (row_title (processes, 0), ==, "All Processes");
  g_assert_cmpstr (row_subtitle (processes, 0), ==, "Their sum");
  {
    const MgProcess *sh = mg_recording_get_process (rec, 0);
    g_autofree char *title = g_strdup_printf ("%d · sh", sh->pid);

    g_assert_cmpstr (row_title (processes, 1), ==, title);
    g_assert_cmpint (gtk_widget_get_margin_start (GTK_WIDGET (gtk_list_box_get_row_at_index (processes, 1))), ==, 0);
  }
  for (int i = 2; i <= 3; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (processes, i));

      g_test_message ("%s: %s", row_title (processes, i), row_subtitle (processes, i));
      g_assert_true (g_str_has_suffix (row_title (processes, i), " · mg-workload"));
      g_assert_cmpint (gtk_widget_get_margin_start (row), ==, 16);
      /* Ended, with an exact peak: "peak N MiB · A s to B s". */
      g_assert_true (g_str_has_prefix (row_subtitle (processes, i), "peak "));
      g_assert_nonnull (strstr (row_subtitle (processes, i), " to "));
      g_assert_null (strstr (row_subtitle (processes, i), "at least"));
    }

  mg_window_select_process (window, 2);
  mg_graph_get_style (mg_window_get_graph (window), &style);
  g_assert_cmpint (style.process, ==, 2);
  {
    g_autofree char *title = g_strdup_printf ("%d · mg-workload",
                                              mg_recording_get_process (rec, 2)->pid);

    g_assert_cmpstr (row_title (processes, gtk_list_box_row_get_index (gtk_list_box_get_selected_row (processes))),
                     ==, title);
  }
  mg_window_select_process (window, -1);
  mg_graph_get_style (mg_window_get_graph (window), &style);
  g_assert_cmpint (style.process, ==, -1);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (processes)), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (markers), ==, 0);
  mg_window_add_marker (window, 0.5, "half");
  g_assert_cmpuint (g_list_model_get_n_items (markers), ==, 1);
  mg_window_add_marker (window, 0.25, "quarter");
  mg_window_add_marker (window, 0.75, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (markers), ==, 3);
  assert_marker_row (markers, 0, "quarter", "0.250 s");
  assert_marker_row (markers, 1, "half", "0.500 s");
  assert_marker_row (markers, 2, "Marker", "0.750 s");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* 30 MB in 10 KB lines: the list shows the 1628 lines kept and one row for
 * the 1372 not kept, between the first and the last ones; the caption says
 * how much was not kept. */
static void
test_output_flood (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "lines", "3000", "10240", NULL };
  GListModel *model;
  gboolean done = FALSE;
  MgRecording *rec;

  show_output_page (window);
  g_assert_true (mg_window_run_command (window, argv, NULL, 0.1, FALSE));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_test_wait_for (&done, 30));

  g_assert_cmpuint (mg_window_get_n_output_rows (window), ==, 1628 + 1);
  g_assert_cmpstr (mg_window_get_output_status (window), ==,
                   "1628 of 3000 lines kept, 13.4\xc2\xa0MiB (14049280 bytes) not kept");
  model = G_LIST_MODEL (gtk_list_view_get_model (mg_window_get_output_view (window)));
  {
    g_autoptr(GObject) gap = g_list_model_get_item (model, 814);
    g_autoptr(GObject) after = g_list_model_get_item (model, 815);
    g_autoptr(GObject) last = g_list_model_get_item (model, 1628);

    g_assert_true (mg_output_item_is_gap (MG_OUTPUT_ITEM (gap)));
    g_assert_cmpuint (mg_output_item_get_gap_lines (MG_OUTPUT_ITEM (gap)), ==, 1372);
    g_assert_true (g_str_has_prefix (mg_output_item_get_preview (MG_OUTPUT_ITEM (after)),
                                     "000002186 "));
    g_assert_true (g_str_has_prefix (mg_output_item_get_preview (MG_OUTPUT_ITEM (last)),
                                     "000002999 "));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 240 MB in 4,000,000 lines of 60 bytes, shown in the window as they
 * come, while it samples every 0.1 s: no two samples more than five
 * intervals apart (a loaded 2-core machine can hold a thread back for a
 * few tens of milliseconds, never 0.5 s; the flood held sampling back for
 * 1 to 2.5 s when it shared the main loop with the output). */
static void
test_flood_keeps_sampling (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "lines", "4000000", "60", NULL };
  gboolean done = FALSE;
  MgRecording *rec;
  MgSamples *samples;
  double worst = 0;
  guint64 dropped;
  guint n;

  show_output_page (window);
  g_assert_true (mg_window_run_command (window, argv, NULL, 0.1, FALSE));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_test_wait_for (&done, 60));

  samples = mg_recording_get_samples (rec);
  n = mg_samples_get_size (samples);
  for (guint i = 1; i < n; i++)
    worst = MAX (worst, mg_samples_get_time (samples, i) - mg_samples_get_time (samples, i - 1));
  g_test_message ("%u samples over %.3f s, the longest gap %.3f s", n,
                  mg_samples_get_time (samples, n - 1), worst);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpfloat (worst, <=, 5 * 0.1);
  /* Every line came through: kept or counted. */
  dropped = mg_output_get_dropped_lines (mg_recording_get_output_store (rec));
  g_assert_cmpuint (mg_recording_get_n_output (rec) + dropped, ==, 4000000);
  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static double
self_rss (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  fields = g_strsplit (statm, " ", -1);
  return g_ascii_strtod (fields[1], NULL) * sysconf (_SC_PAGESIZE);
}

/* 1,000 short runs in one window: no descriptor is lost, and memory grows
 * only by the runs the window keeps in its list. */
static void
test_thousand_runs (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "exit", "0", NULL };
  guint fds_before = 0, fds_after;
  double rss_before = 0, rss_after;

  for (guint i = 0; i < 1020; i++)
    {
      gboolean done = FALSE;

      /* The first twenty warm up caches (fonts, icons, GLib's workers). */
      if (i == 20)
        {
          fds_before = count_fds ();
          rss_before = self_rss ();
        }
      g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
      g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished),
                        &done);
      g_assert_true (mg_test_wait_for (&done, 10));
      g_assert_cmpint (mg_recording_get_exit_code (mg_window_get_recording (window)), ==, 0);
    }
  wait_for_draw (window);
  fds_after = count_fds ();
  rss_after = self_rss ();
  g_test_message ("1,000 runs: %u → %u descriptors, RSS %.1f → %.1f MiB (%.1f KiB a run)",
                  fds_before, fds_after, rss_before / MIB, rss_after / MIB,
                  (rss_after - rss_before) / 1024 / 1000);
  g_assert_cmpuint (fds_after, ==, fds_before);
  g_assert_cmpuint (mg_window_get_n_runs (window), ==, 1020);
  /* What grows is the list of runs the window keeps (the recording, and its
   * row with an editable name); measured at 42 KiB a run, bounded at 64. */
  g_assert_cmpfloat (rss_after - rss_before, <, 1000 * 64 * 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
process_alive (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return FALSE;
  /* A zombie has ended; only its exit status remains. */
  paren = strrchr (stat, ')');
  return paren != NULL && paren[1] == ' ' && paren[2] != 'Z';
}

/* `memgraph-gtk -o FILE -- COMMAND` opens a window, runs the command at once
 * and writes FILE when it ends; SIGTERM then closes it. */
static void
test_command_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "cli.png", NULL);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end;
  cairo_surface_t *surface;

  app = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("MG_BINARY"),
                          "-i", "0.05", "-o", png, "--", mg_test_workload (), "hold", "60", "0.8",
                          NULL);
  g_assert_no_error (error);

  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!g_file_test (png, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_usleep (50000);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));

  g_usleep (200000);
  g_subprocess_send_signal (app, SIGTERM);
  g_assert_true (g_subprocess_wait (app, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, MG_EXPORT_DEFAULT_WIDTH);
  cairo_surface_destroy (surface);
  g_unlink (png);
  g_rmdir (dir);
}

/* `memgraph-gtk -- COMMAND` starts the command once the window has drawn
 * its first frame, so that the window's own start does not take the
 * processor from the command it measures. */
static void
test_command_line_after_first_frame (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-first-XXXXXX", NULL);
  g_autofree char *now = g_build_filename (dir, "now", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 first_frame = -1, started, end;
  char *line;

  g_subprocess_launcher_setenv (launcher, "MEMGRAPH_BENCH", "1", TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("MG_BINARY"), "-i", "0.05", "--",
                                     mg_test_workload (), "now", now, NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  while (first_frame < 0 &&
         (line = g_data_input_stream_read_line (err, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, "memgraph-bench: first-frame "))
        first_frame = g_ascii_strtoll (line + strlen ("memgraph-bench: first-frame "), NULL, 10);
      g_free (line);
    }
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!g_file_test (now, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_usleep (20000);
  /* Closed before any assertion, so that a failure leaves nothing running. */
  g_subprocess_send_signal (app, SIGTERM);
  g_assert_true (g_subprocess_wait (app, NULL, &error));

  g_assert_cmpint (first_frame, >, 0);
  g_assert_true (g_file_get_contents (now, &text, NULL, NULL));
  started = g_ascii_strtoll (text, NULL, 10);
  g_test_message ("first frame at %" G_GINT64_FORMAT " µs, the command at %" G_GINT64_FORMAT
                  " µs", first_frame, started);
  g_assert_cmpint (started, >, first_frame);
  /* Not long after: the frame's end, then the command's start. */
  g_assert_cmpint (started - first_frame, <, 10 * G_USEC_PER_SEC);
  g_unlink (now);
  g_rmdir (dir);
}

/* Waits @seconds, the main loop running: long enough for a command that
 * had been started to have written its file. */
static void
run_for (double seconds)
{
  gboolean never = FALSE;

  mg_test_wait_for (&never, seconds);
}

/* `memgraph-gtk -- COMMAND` shows the run before its command starts, with
 * the status "Starting"; Stop then ends the run saying so, and the command
 * never starts, not even when the window asks for it afterwards. */
static void
test_prepared_run_stopped (void)
{
  MgWindow *window = new_window ();
  g_autofree char *dir = g_dir_make_tmp ("memgraph-prepared-XXXXXX", NULL);
  g_autofree char *now = g_build_filename (dir, "now", NULL);
  const char *argv[] = { mg_test_workload (), "now", now, NULL };
  const MgExit *exit_info;
  MgRecording *rec;

  mg_window_prepare_command (window, argv, NULL, 0.05);
  rec = mg_window_get_recording (window);
  g_assert_nonnull (rec);
  g_assert_cmpstr (mg_window_get_page (window), ==, "graph");
  g_assert_true (mg_window_is_running (window));
  g_assert_cmpstr (mg_window_get_status_text (window), ==, "Starting");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  g_assert_false (mg_window_is_running (window));
  g_assert_true (mg_recording_is_finished (rec));
  exit_info = mg_recording_get_exit (rec);
  g_assert_cmpint (exit_info->kind, ==, MG_EXIT_ERROR);
  g_assert_cmpstr (exit_info->message, ==, "Stopped before it started");
  g_assert_cmpstr (mg_window_get_status_text (window), ==,
                   "Could not start: Stopped before it started");

  g_assert_false (mg_window_launch_command (window));
  run_for (0.5);
  g_assert_false (g_file_test (now, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

/* Launched, the prepared run's command starts: its status names its
 * process, and it runs to its end. */
static void
test_prepared_run_launched (void)
{
  MgWindow *window = new_window ();
  g_autofree char *dir = g_dir_make_tmp ("memgraph-prepared-XXXXXX", NULL);
  g_autofree char *mark = g_build_filename (dir, "now", NULL);
  const char *argv[] = { mg_test_workload (), "now", mark, NULL };
  g_autofree char *running = NULL;
  gboolean done = FALSE;
  MgRecording *rec;

  mg_window_prepare_command (window, argv, NULL, 0.05);
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_false (g_file_test (mark, G_FILE_TEST_EXISTS));
  g_assert_true (mg_window_launch_command (window));
  running = g_strdup (mg_window_get_status_text (window));
  g_assert_true (mg_test_wait_for (&done, 10));
  g_test_message ("%s", running);
  g_assert_true (g_str_has_prefix (running, "Running, process ") ||
                 g_str_has_prefix (mg_window_get_status_text (window), "Exited with status 0"));
  /* Its end shown as an end: Stop gone. */
  run_for (0.2);
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window), "Exited with status 0"));
  g_assert_false (mg_window_is_running (window));
  g_assert_false (gtk_widget_get_visible (window->stop_button));
  g_assert_true (g_file_test (mark, G_FILE_TEST_EXISTS));
  g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_STATUS);
  g_unlink (mark);
  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

/* Closing the window before the prepared command starts asks nothing
 * (there is nothing to stop) and starts nothing. */
static void
test_prepared_run_closed (void)
{
  MgWindow *window = new_window ();
  g_autofree char *dir = g_dir_make_tmp ("memgraph-prepared-XXXXXX", NULL);
  g_autofree char *now = g_build_filename (dir, "now", NULL);
  const char *argv[] = { mg_test_workload (), "now", now, NULL };
  gpointer alive = window;

  g_object_add_weak_pointer (G_OBJECT (window), &alive);
  mg_window_prepare_command (window, argv, NULL, 0.05);
  g_assert_true (mg_window_is_running (window));
  gtk_window_close (GTK_WINDOW (window));
  run_for (0.5);
  g_assert_null (alive);
  g_assert_false (g_file_test (now, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* The budget of --max-rss on the run started from the command line: a
 * line on its graph, on screen and in its export, the status saying at
 * once when the peak goes over, in batch mode's words; a run started from
 * the start page afterwards has no budget. */
static void
test_budget (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "hold", "80", "1.5", NULL };
  const char *again[] = { mg_test_workload (), "hold", "10", "0.2", NULL };
  g_autofree char *dir = g_dir_make_tmp ("memgraph-budget-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "budget.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GError) error = NULL;
  GtkWidget *status = mg_window_get_status_label (window);
  cairo_surface_t *surface;
  MgRecording *rec;
  MgPlotStyle style;
  gboolean done = FALSE;
  gint64 end;

  mg_window_set_terminal_budget (window, 50 * MIB);
  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, TRUE));
  rec = mg_window_get_recording (window);
  g_assert_cmpuint (mg_recording_get_budget (rec), ==, 50 * MIB);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);

  /* Under the budget at first: only "Running". */
  g_assert_null (strstr (mg_window_get_status_text (window), "budget"));
  /* Over it while it runs: said within a strip update (0.25 s). */
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!done && strstr (mg_window_get_status_text (window), "over the budget") == NULL &&
         g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_false (done);
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), >, 50 * MIB);
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window), "Running, process "));
  g_assert_true (g_str_has_suffix (mg_window_get_status_text (window),
                                   " is over the budget of 50.0\u00a0MiB"));
  g_assert_nonnull (strstr (mg_window_get_status_text (window), "\npeak RSS "));
  g_assert_true (gtk_widget_has_css_class (status, "warning"));

  /* The line on screen: its colour across the plot. */
  wait_for_draw (window);
  mg_graph_get_style (mg_window_get_graph (window), &style);
  g_assert_cmpuint (count_color_on_screen (window, &style.budget), >, 300);

  /* Ended: the verdict stays, under how it ended; a warning, not a
   * success, though the command exited with 0. */
  g_assert_true (mg_test_wait_for (&done, 20));
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window),
                                   "Exited with status 0 after "));
  g_assert_true (g_str_has_suffix (mg_window_get_status_text (window),
                                   " is over the budget of 50.0\u00a0MiB"));
  g_assert_true (gtk_widget_has_css_class (status, "warning"));
  g_assert_false (gtk_widget_has_css_class (status, "success"));

  /* The export: the line at 50 MiB, in the export's light palette. */
  g_assert_true (mg_window_export (window, file, MG_EXPORT_PNG, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  mg_plot_style_init (&style, FALSE);
  g_assert_cmpuint (mg_test_count_color (surface, &style.budget, 0, 0,
                                         cairo_image_surface_get_width (surface),
                                         cairo_image_surface_get_height (surface)), >, 600);
  cairo_surface_destroy (surface);

  /* The next run, from the start page, is held to no budget. */
  g_assert_true (mg_window_run_command (window, again, NULL, 0.05, FALSE));
  g_assert_cmpuint (mg_recording_get_budget (mg_window_get_recording (window)), ==, 0);
  g_assert_cmpuint (mg_recording_get_budget (rec), ==, 50 * MIB);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (png);
  g_rmdir (dir);
}

/* `memgraph-gtk --max-rss SIZE -o FILE -- COMMAND`: the budget, within the
 * peak here, is drawn in the file written, at its height. */
static void
test_budget_command_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "cli.png", NULL);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  MgPlotStyle style;
  cairo_surface_t *surface;
  guint rows = 0;
  int w, h;
  gint64 end;

  app = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("MG_BINARY"),
                          "--max-rss", "500M", "-i", "0.05", "-o", png, "--", mg_test_workload (),
                          "hold", "60", "0.8", NULL);
  g_assert_no_error (error);

  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!g_file_test (png, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_usleep (50000);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  g_usleep (200000);
  g_subprocess_send_signal (app, SIGTERM);
  g_assert_true (g_subprocess_wait (app, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  mg_plot_style_init (&style, FALSE);
  /* One row carries the dashes across most of the width (two thirds of
   * it inked), high on the plot: 500 MiB on an axis of 600 MiB or less,
   * over a peak of about 60 MiB. */
  for (int y = 0; y < h; y++)
    if (mg_test_count_color (surface, &style.budget, 0, y, w, y + 1) > (guint) w / 2)
      {
        rows++;
        g_assert_cmpint (y, <, h / 3);
      }
  g_assert_cmpuint (rows, ==, 1);
  cairo_surface_destroy (surface);
  g_unlink (png);
  g_rmdir (dir);
}

/* SIGTERM to memgraph-gtk while its command runs leaves no command behind. */
static void
test_no_orphan (void)
{
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *children_path = NULL;
  g_autofree char *children = NULL;
  const char *id;
  int child = 0;
  gint64 end;

  app = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("MG_BINARY"),
                          "--", mg_test_workload (), "ignore-term", "60", NULL);
  g_assert_no_error (error);
  id = g_subprocess_get_identifier (app);
  children_path = g_strdup_printf ("/proc/%s/task/%s/children", id, id);

  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (child == 0 && g_get_monotonic_time () < end)
    {
      g_clear_pointer (&children, g_free);
      if (g_file_get_contents (children_path, &children, NULL, NULL))
        child = atoi (children);
      if (child == 0)
        g_usleep (50000);
    }
  g_assert_cmpint (child, >, 0);
  g_assert_true (process_alive (child));

  g_subprocess_send_signal (app, SIGTERM);
  g_assert_true (g_subprocess_wait (app, NULL, &error));

  /* The command ignores SIGTERM, yet it is gone: killed, not orphaned. */
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (process_alive (child) && g_get_monotonic_time () < end)
    g_usleep (20000);
  g_assert_false (process_alive (child));
}

/* Stop once the command has ended while a detached grandchild runs on: the
 * grandchild gets the SIGTERM, and the run ends. */
static void
test_stop_after_command (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "detach", "1", "300", NULL };
  g_autoptr(GArray) tree = NULL;
  gboolean done = FALSE, never = FALSE;

  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
  g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished), &done);
  /* The workload has exited; its grandchild runs below memgraph-launch,
   * below memgraph-record. */
  mg_test_wait_for (&never, 0.8);
  tree = mg_test_tree (getpid ());
  g_assert_cmpuint (tree->len, ==, 3);
  g_assert_cmpuint (mg_test_count_alive (tree), ==, 3);
  g_assert_true (mg_window_is_running (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  g_assert_true (mg_test_wait_for (&done, 10));
  g_assert_cmpuint (mg_test_wait_none_alive (tree, 5), ==, 0);
  mg_test_kill_procs (tree);
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window),
                                   "Exited with status 0 after "));
  /* It was the SIGTERM that ended the grandchild, not the SIGKILL after the
   * grace time: memgraph-launch reaped it and said so. */
  {
    MgRecording *rec = mg_window_get_recording (window);
    int index = mg_recording_find_process (rec, g_array_index (tree, MgTestProc, 2).pid);
    const MgProcess *p;

    g_assert_cmpint (index, >=, 0);
    p = mg_recording_get_process (rec, index);
    g_assert_true (p->exited);
    g_assert_true (WIFSIGNALED (p->wait_status));
    g_assert_cmpint (WTERMSIG (p->wait_status), ==, SIGTERM);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A script whose "#!" interpreter is missing: said under the entry. */
static void
test_missing_interpreter (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-interp-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (dir, "run.sh", NULL);
  g_autofree char *expected = NULL;
  MgWindow *window = new_window ();

  g_assert_true (g_file_set_contents (script, "#!/usr/bin/nothere\necho hi\n", -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_assert_false (mg_window_run_text (window, script));
  expected = g_strdup_printf ("Could not start: interpreter /usr/bin/nothere of %s was not found",
                              script);
  g_assert_cmpstr (mg_window_get_error_text (window), ==, expected);
  g_assert_cmpstr (mg_window_get_page (window), ==, "start");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (script);
  g_rmdir (dir);
}

static void
on_line_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                     NULL);
  if (*line == NULL)
    *line = g_strdup ("");
}

/* A mistyped command from a terminal: the reason on the terminal, and a
 * page that says it in the window instead of an empty chart. */
static void
test_failed_start (void)
{
  const char *typo[] = { "pyhton3-memgraph-typo", "x.py", NULL };
  g_autofree char *reason = g_strdup_printf ("Could not start: pyhton3-memgraph-typo was not "
                                             "found in PATH (%s)", g_getenv ("PATH"));
  g_autofree char *failure = NULL;
  MgWindow *window = new_window ();

  g_assert_false (mg_window_run_command (window, typo, NULL, 0.1, TRUE));
  g_assert_cmpstr (mg_window_get_page (window), ==, "failed");
  failure = mg_window_dup_start_failure (window);
  g_assert_cmpstr (failure, ==, reason);
  /* Under the title "The Command Could Not Start", why. */
  g_assert_cmpstr (adw_status_page_get_description (mg_window_get_failed_page (window)), ==,
                   reason + strlen ("Could not start: "));
  g_assert_false (mg_window_is_running (window));
  /* A new command is one click away; Back from there returns to this page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-command", NULL));
  g_assert_cmpstr (mg_window_get_page (window), ==, "start");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpstr (mg_window_get_page (window), ==, "failed");
  gtk_window_destroy (GTK_WINDOW (window));

  /* `memgraph-gtk -- pyhton3-memgraph-typo x.py` says it on stderr. */
  {
    g_autoptr(GSubprocess) app = NULL;
    g_autoptr(GDataInputStream) err = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *line = NULL;
    g_autofree char *expected = g_strdup_printf ("memgraph-gtk: %s", reason);
    gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    app = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, g_getenv ("MG_BINARY"), "--",
                            typo[0], typo[1], NULL);
    g_assert_no_error (error);
    err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
    /* The first line that is ours: GTK may warn before it. */
    while (g_get_monotonic_time () < end)
      {
        g_clear_pointer (&line, g_free);
        g_data_input_stream_read_line_async (err, G_PRIORITY_DEFAULT, NULL, on_line_read, &line);
        while (line == NULL && g_get_monotonic_time () < end)
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (1000);
        if (line == NULL || line[0] == '\0' || g_str_has_prefix (line, "memgraph-gtk: "))
          break;
      }
    g_assert_cmpstr (line, ==, expected);
    g_subprocess_send_signal (app, SIGTERM);
    g_assert_true (g_subprocess_wait (app, NULL, &error));
  }
}

/* A background child and a setsid() grandchild, below sh below
 * memgraph-launch. */
static const char *const detached_tree[] = {
  "sh", "-c", "sleep 300 & setsid sleep 300 & wait", NULL
};

/* memgraph-gtk's window on @display running the detached tree. */
static GSubprocess *
spawn_window (const char *display)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *app;

  if (display != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
      g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11", TRUE);
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
    }
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("MG_BINARY"), "-i", "0.05", "--",
                                     detached_tree[0], detached_tree[1], detached_tree[2], NULL);
  g_assert_no_error (error);
  return app;
}

/* kill -9 of the window process: its recorder and then its helper get
 * their parent-death signal, and the helper ends the whole tree. */
static void
test_kill9_window (void)
{
  g_autoptr(GSubprocess) app = spawn_window (NULL);
  int memgraph = atoi (g_subprocess_get_identifier (app));
  g_autoptr(GArray) tree = mg_test_wait_tree (memgraph, 5, 30);

  /* memgraph-record, memgraph-launch, sh, and the two sleeps. */
  g_assert_cmpuint (tree->len, ==, 5);
  g_assert_cmpuint (mg_test_count_alive (tree), ==, 5);
  kill (memgraph, SIGKILL);
  g_assert_true (g_subprocess_wait (app, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (app));
  g_assert_cmpuint (mg_test_wait_none_alive (tree, 5), ==, 0);
  mg_test_kill_procs (tree);
}

/* The display goes away under a running window ("X connection broken"):
 * memgraph-gtk exits, and nothing of its command is left. On an X server
 * of our own, on a free display. */
static void
test_display_gone (void)
{
  g_autoptr(GSubprocess) xvfb = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GArray) tree = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *socket = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *xvfb_path = g_find_program_in_path ("Xvfb");
  int memgraph, n;
  gint64 end;

  if (xvfb_path == NULL)
    {
      g_test_skip ("Xvfb is not installed");
      return;
    }
  for (n = 70; n < 200; n++)
    {
      g_free (lock);
      g_free (socket);
      lock = g_strdup_printf ("/tmp/.X%d-lock", n);
      socket = g_strdup_printf ("/tmp/.X11-unix/X%d", n);
      if (!g_file_test (lock, G_FILE_TEST_EXISTS) && !g_file_test (socket, G_FILE_TEST_EXISTS))
        break;
    }
  display = g_strdup_printf (":%d", n);
  xvfb = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, xvfb_path, display,
                           "-nolisten", "tcp", "-screen", "0", "1280x800x24", NULL);
  g_assert_no_error (error);
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!g_file_test (socket, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_usleep (20000);
  g_assert_true (g_file_test (socket, G_FILE_TEST_EXISTS));

  app = spawn_window (display);
  memgraph = atoi (g_subprocess_get_identifier (app));
  tree = mg_test_wait_tree (memgraph, 5, 30);
  g_assert_cmpuint (tree->len, ==, 5);
  g_assert_cmpuint (mg_test_count_alive (tree), ==, 5);
  g_usleep (300000);

  /* SIGTERM: the server goes away as when it is killed, for its clients,
   * but removes its lock file and socket. */
  g_subprocess_send_signal (xvfb, SIGTERM);
  g_assert_true (g_subprocess_wait (xvfb, NULL, NULL));
  g_assert_true (g_subprocess_wait (app, NULL, NULL));
  /* GDK's own exit(1) on a lost display. */
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 1);
  g_assert_cmpuint (mg_test_wait_none_alive (tree, 5), ==, 0);
  mg_test_kill_procs (tree);
  g_unlink (socket);
  g_unlink (lock);
}

/* Without following, two 150 MiB children reaped by their shell between
 * samples leave the run "at least", never exact, and Run Again, Following
 * Every Process then knows both children and the range of the sum. */
static void
test_unseen_then_follow (void)
{
  MgWindow *window = new_window ();
  g_autofree char *script = g_strdup_printf ("'%s' hold 150 0.3 & '%s' hold 150 0.3; wait",
                                             mg_test_workload (), mg_test_workload ());
  const char *argv[] = { "sh", "-c", script, NULL };
  MgRecording *rec;
  gboolean done = FALSE;
  guint64 upper = 0;
  guint children = 0;

  mg_window_set_terminal_follow (window, 0);
  g_assert_true (mg_window_run_command (window, argv, NULL, 5, TRUE));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_test_wait_for (&done, 60));
  g_assert_true (mg_recording_get_unseen (rec));
  g_assert_false (mg_recording_get_peak_is_exact (rec));
  g_assert_false (mg_recording_get_peak_upper (rec, &upper));
  g_assert_cmpint (mg_recording_get_following (rec), !=, MG_FOLLOW_ON);

  done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-again-following",
                                             NULL));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_test_wait_for (&done, 60));
  g_assert_cmpint (mg_recording_get_following (rec), ==, MG_FOLLOW_ON);
  g_assert_false (mg_recording_get_unseen (rec));
  for (guint i = 0; i < mg_recording_get_n_processes (rec); i++)
    {
      const MgProcess *p = mg_recording_get_process (rec, i);

      if (g_str_equal (p->name, "mg-workload"))
        {
          children++;
          g_assert_true (p->peak_exact);
          g_assert_cmpfloat (p->peak_rss, >=, 150 * MIB);
          g_assert_cmpfloat (p->peak_rss, <=, 160 * MIB);
        }
    }
  g_assert_cmpuint (children, ==, 2);
  /* Both held 150 MiB at once: the sum's upper end knows it. */
  g_assert_true (mg_recording_get_peak_upper (rec, &upper));
  g_assert_cmpfloat (upper, >=, 300 * MIB);
  g_assert_cmpfloat (upper, <=, 330 * MIB);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The demo is found where the helpers are: MEMGRAPH_LIBEXECDIR here. */
static void
test_demo (void)
{
  MgWindow *window = new_window ();
  g_autofree char *expected = g_build_filename (g_getenv ("MEMGRAPH_LIBEXECDIR"),
                                                "memgraph-demo", NULL);
  MgRecording *rec;
  gboolean done = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.demo", NULL));
  rec = mg_window_get_recording (window);
  g_assert_nonnull (rec);
  g_assert_cmpstr (mg_recording_get_argv (rec)[0], ==, expected);
  g_assert_null (mg_recording_get_argv (rec)[1]);
  g_assert_true (mg_window_is_running (window));
  g_assert_cmpstr (mg_window_get_page (window), ==, "graph");
  g_assert_null (mg_window_get_error_text (window));

  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  mg_window_kill_command (window);
  g_assert_true (mg_test_wait_for (&done, 10));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Runs the demo action @action until it has sampled a little, then stops
 * it as a person would, and waits for its end. */
static MgRecording *
demo_until_stopped (MgWindow   *window,
                    const char *action)
{
  MgRecording *rec;
  gboolean done = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  rec = mg_window_get_recording (window);
  g_assert_nonnull (rec);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (wait_for_samples (window, 4, 10));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  g_assert_true (mg_test_wait_for (&done, 10));
  return rec;
}

/* Where @widget is in the window, after the layout has settled. */
static graphene_rect_t
bounds_in_window (MgWindow  *window,
                  GtkWidget *widget)
{
  graphene_rect_t bounds;
  gboolean never = FALSE;

  mg_test_wait_for (&never, 0.3);
  wait_for_draw (window);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  return bounds;
}

static void
assert_same_bounds (const graphene_rect_t *a,
                    const graphene_rect_t *b)
{
  g_test_message ("%g,%g %g×%g and %g,%g %g×%g", a->origin.x, a->origin.y, a->size.width,
                  a->size.height, b->origin.x, b->origin.y, b->size.width, b->size.height);
  g_assert_cmpfloat (a->origin.x, ==, b->origin.x);
  g_assert_cmpfloat (a->origin.y, ==, b->origin.y);
  g_assert_cmpfloat (a->size.width, ==, b->size.width);
  g_assert_cmpfloat (a->size.height, ==, b->size.height);
}

/* The README's comparison, as a new user does it: the demo, its floats
 * version from the button, the runs named by what sets them apart, rows
 * with the command and the whole outcome, checking them moves nothing,
 * renaming keeps both checked, and the titles follow the names. */
static void
test_compare_workflow (void)
{
  MgWindow *window = new_window ();
  GtkWidget *graph = GTK_WIDGET (mg_window_get_graph (window));
  MgRunList *list = mg_window_get_run_list (window);
  MgRecording *doubles, *floats;
  GtkWidget *rows[2];
  graphene_rect_t graph_before, graph_after, row_before, row_after;
  const char *text;

  doubles = demo_until_stopped (window, "win.demo");
  g_assert_cmpstr (mg_recording_get_argv (doubles)[1], ==, NULL);
  /* Offered once the demo has run, and not for the floats version. */
  g_assert_true (gtk_widget_get_visible (mg_window_get_floats_button (window)));
  floats = demo_until_stopped (window, "win.demo-floats");
  g_assert_cmpstr (mg_recording_get_argv (floats)[0], ==, mg_recording_get_argv (doubles)[0]);
  g_assert_cmpstr (mg_recording_get_argv (floats)[1], ==, "--floats");
  g_assert_false (gtk_widget_get_visible (mg_window_get_floats_button (window)));
  g_assert_cmpuint (mg_window_get_n_runs (window), ==, 2);

  /* Named by what sets them apart; each row says its command and its
   * whole outcome. */
  for (guint i = 0; i < 2; i++)
    {
      MgRunRow *row = MG_RUN_ROW (mg_run_list_get_row (list, i));
      GtkLabel *summary = mg_run_row_get_summary_label (row);
      GtkLabel *command = mg_run_row_get_command_label (row);

      rows[i] = GTK_WIDGET (row);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mg_run_row_get_title (row))), ==,
                       i == 0 ? "memgraph-demo" : "--floats");
      g_test_message ("row %u: %s / %s", i, gtk_label_get_text (command),
                      gtk_label_get_text (summary));
      g_assert_nonnull (strstr (gtk_label_get_text (command), "memgraph-demo"));
      g_assert_true (g_str_has_suffix (gtk_label_get_text (summary), "stopped\u00a0(SIGTERM)"));
      /* Details opens with a slide: let it end. */
      {
        gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

        while (!gtk_widget_get_mapped (GTK_WIDGET (summary)) && g_get_monotonic_time () < end)
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (1000);
      }
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (summary)));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (summary)));
    }
  g_assert_true (g_str_has_suffix (gtk_label_get_text (mg_run_row_get_command_label (
                   MG_RUN_ROW (rows[1]))), "memgraph-demo --floats"));
  /* A name taken from the command is in it: the subtitle is the command. */
  g_assert_true (g_str_has_suffix (mg_window_get_subtitle (window), "/memgraph-demo --floats"));

  /* Checking both moves neither the graph nor the rows. */
  graph_before = bounds_in_window (window, graph);
  row_before = bounds_in_window (window, rows[1]);
  mg_window_compare (window, 0, 2);
  text = mg_window_get_comparison_text (window);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "memgraph-demo: "));
  g_assert_nonnull (strstr (text, "\n--floats: "));
  g_assert_cmpstr (mg_window_get_subtitle (window), ==, "memgraph-demo vs --floats");
  graph_after = bounds_in_window (window, graph);
  row_after = bounds_in_window (window, rows[1]);
  assert_same_bounds (&graph_before, &graph_after);
  assert_same_bounds (&row_before, &row_after);

  /* Renaming a run as a person does: the click that starts editing also
   * activates its row; both stay checked, and the titles follow. */
  {
    GtkEditableLabel *title = mg_run_row_get_title (MG_RUN_ROW (rows[1]));

    gtk_editable_label_start_editing (title);
    g_signal_emit_by_name (gtk_widget_get_parent (rows[1]), "row-activated", rows[1]);
    gtk_editable_set_text (GTK_EDITABLE (title), "floats");
    gtk_editable_label_stop_editing (title, TRUE);
    /* The row takes the focus back from its name, and GTK 4.8's check
     * 100 ms after the name lost it (a timeout that does not hold its
     * controller) runs while the row exists: closing the window later
     * leaves nothing behind to crash a later test. */
    g_assert_true (gtk_widget_has_focus (rows[1]));
    {
      gboolean never = FALSE;

      mg_test_wait_for (&never, 0.3);
    }
  }
  g_assert_cmpstr (mg_run_get_label (MG_RUN (mg_run_row_get_run (MG_RUN_ROW (rows[1])))), ==,
                   "floats");
  text = mg_window_get_comparison_text (window);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "\nfloats: "));
  mg_window_set_run_label (window, 0, "doubles");
  text = mg_window_get_comparison_text (window);
  g_assert_true (g_str_has_prefix (text, "doubles: "));
  g_assert_nonnull (strstr (text, "vs doubles"));
  g_assert_cmpstr (mg_window_get_subtitle (window), ==, "doubles vs floats");
  /* Activating a checked row leaves the comparison as it is. */
  g_signal_emit_by_name (gtk_widget_get_parent (rows[0]), "row-activated", rows[0]);
  g_assert_nonnull (mg_window_get_comparison_text (window));

  /* Unchecking moves nothing back either. */
  mg_window_compare (window, G_MAXUINT, 0);
  g_assert_null (mg_window_get_comparison_text (window));
  graph_after = bounds_in_window (window, graph);
  assert_same_bounds (&graph_before, &graph_after);

  /* One run shown: its name and command; a new name is followed. */
  g_signal_emit_by_name (gtk_widget_get_parent (rows[0]), "row-activated", rows[0]);
  g_assert_true (mg_window_get_recording (window) == doubles);
  g_assert_true (g_str_has_prefix (mg_window_get_subtitle (window), "doubles — "));
  mg_window_set_run_label (window, 0, "f64");
  g_assert_true (g_str_has_prefix (mg_window_get_subtitle (window), "f64 — "));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The action the window's key @accelerator is bound to, as a name. */
static char *
action_for_key (MgWindow   *window,
                const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (
                                       gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_strcmp0 (trigger, accelerator) == 0 && GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }
  return NULL;
}

/* Stop is Ctrl+., Save Recording Ctrl+S; Ctrl+. stops the command. */
static void
test_stop_and_save_keys (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "sleep", "30", NULL };
  g_autofree char *stop = action_for_key (window, "<Control>period");
  g_autofree char *save = action_for_key (window, "<Control>s");
  GtkShortcutAction *action;
  gboolean done = FALSE;

  g_assert_cmpstr (stop, ==, "win.stop");
  g_assert_cmpstr (save, ==, "win.export-json");

  g_assert_true (mg_window_run_command (window, argv, NULL, 0.1, FALSE));
  g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (wait_for_samples (window, 2, 10));
  action = gtk_named_action_new (stop);
  g_assert_true (gtk_shortcut_action_activate (action, GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (window), NULL));
  g_object_unref (action);
  g_assert_true (mg_test_wait_for (&done, 10));
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window), "Stopped after "));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  MgWindow *window;
  guint     draws;      /* the graph's draws seen */
  guint     checked;
  guint     differ;
} PeakCheck;

/* After each frame in which the graph drew: the strip says the peak the
 * graph drew with (its subtitle's). */
static void
on_after_paint_check_peak (GdkFrameClock *clock,
                           PeakCheck     *check)
{
  MgGraph *graph = mg_window_get_graph (check->window);
  g_autofree char *drawn = NULL;
  const char *strip;

  if (mg_graph_get_n_draws (graph) == check->draws || mg_graph_get_drawn_peak (graph) == 0)
    return;
  check->draws = mg_graph_get_n_draws (graph);
  drawn = mg_format_bytes (mg_graph_get_drawn_peak (graph));
  strip = mg_run_strip_get_peak_text (mg_window_get_strip (check->window));
  check->checked++;
  if (g_strcmp0 (strip, drawn) != 0)
    {
      check->differ++;
      g_test_message ("strip %s, graph %s", strip, drawn);
    }
}

/* While a program climbs, a new peak at every sample (0.05 s): the strip
 * and the graph give one figure in every frame, and new peaks come a few
 * times a second, not at every sample. */
static void
test_one_peak_figure (void)
{
  MgWindow *window = new_window ();
  PeakCheck check = { window, 0, 0, 0 };
  const char *argv[] = { mg_test_workload (), "climb", "1", "20", "3", NULL };
  gboolean done = FALSE;
  GdkFrameClock *clock;
  gulong paint_id;
  guint draws_before, draws, samples;

  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert_nonnull (clock);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_check_peak),
                               &check);
  draws_before = mg_graph_get_n_draws (mg_window_get_graph (window));
  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
  g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_test_wait_for (&done, 15));
  draws = mg_graph_get_n_draws (mg_window_get_graph (window)) - draws_before;
  samples = mg_recording_get_n_samples (mg_window_get_recording (window));
  g_signal_handler_disconnect (clock, paint_id);
  g_test_message ("%u samples, %u draws of the graph, %u frames checked", samples, draws,
                  check.checked);
  /* A new peak at nearly every sample. */
  g_assert_cmpuint (samples, >=, 30);
  g_assert_cmpuint (check.checked, >=, 3);
  g_assert_cmpuint (check.differ, ==, 0);
  /* 3 s: at most two peak frames and one live frame a second, and the
   * run's first and last frames. */
  g_assert_cmpuint (draws, <=, 3 * 3 + 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_compute_size (GdkToplevel     *toplevel,
                 GdkToplevelSize *size,
                 guint           *count)
{
  (*count)++;
}

static void
on_label_changed (GObject    *label,
                  GParamSpec *pspec,
                  guint      *count)
{
  (*count)++;
}

/* A live run whose figures change but whose size does not lays the window
 * out no more: a new text for a label lays out the whole window (and on
 * X11 asks the server where the window is), each second the elapsed time
 * changes. Counted as the window's surface computing its size, against
 * the changes of the two texts that wrap and so may change its size: the
 * peak, and the sampling line under the graph (its longest interval grows
 * whenever the machine is late once more). */
static void
test_live_figures_no_layout (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "hold", "30", "8", NULL };
  GtkInscription *elapsed;
  GObject *sampling, *peak;
  g_autofree char *before = NULL;
  gboolean done = FALSE, never = FALSE;
  MgRecording *rec;
  guint layouts = 0, wrapped = 0;
  gulong handler, sampling_handler, peak_handler;

  g_assert_true (mg_window_run_command (window, argv, NULL, 0.1, FALSE));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  /* Past the start: the peak held, the row and the sampling line said. */
  mg_test_wait_for (&never, 2.0);
  g_assert_false (done);
  elapsed = GTK_INSCRIPTION (gtk_widget_get_template_child (GTK_WIDGET (mg_window_get_strip (window)),
                                                            MG_TYPE_RUN_STRIP, "elapsed_label"));
  sampling = gtk_widget_get_template_child (GTK_WIDGET (window), MG_TYPE_WINDOW, "sampling_label");
  peak = gtk_widget_get_template_child (GTK_WIDGET (mg_window_get_strip (window)),
                                        MG_TYPE_RUN_STRIP, "peak_label");
  before = g_strdup (gtk_inscription_get_text (elapsed));
  handler = g_signal_connect (gtk_native_get_surface (GTK_NATIVE (window)), "compute-size",
                              G_CALLBACK (on_compute_size), &layouts);
  sampling_handler = g_signal_connect (sampling, "notify::label", G_CALLBACK (on_label_changed),
                                       &wrapped);
  peak_handler = g_signal_connect (peak, "notify::label", G_CALLBACK (on_label_changed), &wrapped);
  mg_test_wait_for (&never, 3.5);
  g_signal_handler_disconnect (gtk_native_get_surface (GTK_NATIVE (window)), handler);
  g_signal_handler_disconnect (sampling, sampling_handler);
  g_signal_handler_disconnect (peak, peak_handler);
  g_test_message ("elapsed %s then %s: %u layouts in 3.5 s, %u changes of the peak or the "
                  "sampling line", before, gtk_inscription_get_text (elapsed), layouts, wrapped);
  g_assert_false (done);
  /* The figures did change: three new elapsed times at least. */
  g_assert_cmpstr (before, !=, gtk_inscription_get_text (elapsed));
  /* None but for a text that wraps; each such change counts up to two
   * (under Xvfb, one for the new text and one as the surface answers). */
  g_assert_cmpuint (layouts, <=, 2 * wrapped);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  g_assert_true (mg_test_wait_for (&done, 10));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A recording sampled at @times, every 0.1 s asked. */
static MgRecording *
sampled_at (const double *times,
            guint         n)
{
  const char *argv[] = { "prog", NULL };
  MgRecording *rec = mg_recording_new (argv, "/", 0.1);

  for (guint i = 0; i < n; i++)
    {
      MgSample sample;

      mg_sample_init (&sample, times[i]);
      sample.rss_bytes = 1024 * 1024;
      mg_recording_note_tick (rec, times[i]);
      mg_recording_append_sample (rec, &sample);
    }
  return rec;
}

/* A recording with 200,000 markers, shown with Details > Markers open:
 * the list makes rows only for the markers in view and the graph draws a
 * line a column and the labels that fit, so that the window takes far
 * less than a list row per marker (37 KB each made 7 GB) and a frame is
 * drawn. The markers are all listed, in time order. */
static void
test_many_markers (void)
{
  MgWindow *window = new_window ();
  double times[61];
  g_autoptr(MgRecording) rec = NULL;
  GtkWidget *view = GTK_WIDGET (mg_window_get_output_view (window));
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (view, GTK_TYPE_STACK));
  GListModel *markers = mg_marker_list_get_model (MG_MARKER_LIST (gtk_stack_get_child_by_name (stack, "markers")));
  MgExit status0 = { MG_EXIT_STATUS, 0, FALSE, NULL };
  const guint n = 200000;
  double before, grown;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    times[i] = i * 0.1;
  rec = sampled_at (times, G_N_ELEMENTS (times));
  /* In decreasing time order, as a file may hold them. */
  for (guint i = n; i > 0; i--)
    {
      char label[32];

      g_snprintf (label, sizeof label, "m%u", i);
      mg_recording_add_marker (rec, 6.0 * i / n, label);
    }
  mg_recording_finish (rec, &status0, 6.0);

  show_output_page (window);
  gtk_stack_set_visible_child_name (stack, "markers");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  before = mg_test_status_bytes ("VmRSS:");
  mg_window_show_recording (window, rec, "markers");
  wait_for_draw (window);
  wait_for_draw (window);
  grown = mg_test_status_bytes ("VmRSS:") - before;
  g_test_message ("%u markers: the window grew by %.1f MiB", n, grown / (1024 * 1024));

  g_assert_cmpuint (g_list_model_get_n_items (markers), ==, n);
  assert_marker_row (markers, 0, "m1", "0.000 s");
  assert_marker_row (markers, n - 1, "m200000", "6.000 s");
  g_assert_cmpfloat (grown, <, 100.0 * 1024 * 1024);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The keep-up warning: not for one late sample, only when the median
 * misses the interval or samples were lost. */
static void
test_keep_up_words (void)
{
  double times[64];
  guint n = 0;
  gboolean behind = TRUE;

  /* Every 0.1 s for 6 s, with one sample 0.6 s late: 5 of 61 lost. */
  for (guint i = 0; i <= 60; i++)
    if (i < 30 || i > 34)
      times[n++] = i * 0.1;
  {
    g_autoptr(MgRecording) rec = sampled_at (times, n);
    g_autofree char *text = mg_run_strip_sampling_text (rec, &behind);

    g_test_message ("%s", text);
    g_assert_false (behind);
    g_assert_true (g_str_has_prefix (text, "Sampling every 0.100 s: 0.100 s median, 0.600 s "
                                           "longest"));
  }

  /* Every fourth sample lost: the median is on time, but a quarter is gone. */
  n = 0;
  for (guint i = 0; i < 60; i++)
    if (i % 4 != 3)
      times[n++] = i * 0.1;
  {
    g_autoptr(MgRecording) rec = sampled_at (times, n);
    g_autofree char *text = mg_run_strip_sampling_text (rec, &behind);

    g_test_message ("%s", text);
    g_assert_true (behind);
    g_assert_true (g_str_has_prefix (text, "The machine could not keep up: "));
  }

  /* The median 20 % late. */
  n = 0;
  for (guint i = 0; i < 40; i++)
    times[n++] = i * 0.12;
  {
    g_autoptr(MgRecording) rec = sampled_at (times, n);
    g_autofree char *text = mg_run_strip_sampling_text (rec, &behind);

    g_assert_true (behind);
    g_assert_true (g_str_has_prefix (text, "The machine could not keep up: 0.100 s asked, "));
  }
}

/* "The last process it left" only when the command left one: not for the
 * command itself, even listed twice (before and after its exec). */
static void
test_last_process_words (void)
{
  const char *argv[] = { "prog", NULL };
  MgExit status0 = { MG_EXIT_STATUS, 0, FALSE, NULL };

  for (guint left = 0; left < 2; left++)
    {
      g_autoptr(MgRecording) rec = mg_recording_new (argv, "/", 0.1);
      g_autofree char *text = NULL;

      mg_recording_add_process_full (rec, 100, 1, 7, "prog", "prog", 0);
      mg_recording_add_process_full (rec, 100, 1, 9, "prog", "prog", 0.01);
      mg_recording_set_command_pid (rec, 100);
      mg_recording_process_ended_full (rec, 100, 7, 6.3, 0, 0, G_MAXUINT64);
      mg_recording_process_ended_full (rec, 100, 9, 6.0, 0, 0, G_MAXUINT64);
      if (left)
        {
          mg_recording_add_process_full (rec, 101, 100, 11, "child", "child", 1.0);
          mg_recording_process_ended_full (rec, 101, 11, 6.4, 0, 0, G_MAXUINT64);
        }
      mg_recording_finish (rec, &status0, 6.5);
      text = mg_recording_describe_exit (rec);
      g_test_message ("%s", text);
      g_assert_true (g_str_has_prefix (text, "Exited with status 0 after 6.0 s; "));
      if (left)
        g_assert_nonnull (strstr (text, "the last process it left ended after 6.4 s"));
      else
        g_assert_null (strstr (text, "the last process it left"));
    }
}

/* The first GtkDropDown below @widget. */
static GtkDropDown *
find_drop_down (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return GTK_DROP_DOWN (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_drop_down (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The size the export dialog shows, as the person reads it. */
static const char *
shown_size (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      {
        GtkDropDown *size = find_drop_down (l->data);
        GObject *item;

        g_assert_nonnull (size);
        item = gtk_drop_down_get_selected_item (size);
        g_assert_true (GTK_IS_STRING_OBJECT (item));
        return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
      }
  return NULL;
}

/* The folder the export dialog shows, once it has loaded it. */
static GFile *
shown_folder (GtkNativeDialog *dialog)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GFile *folder = NULL;

  while (folder == NULL && g_get_monotonic_time () < end)
    {
      folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));
      if (folder == NULL && !g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_nonnull (folder);
  return folder;
}

/* Picks the size labelled @label in the export dialog, as a person does. */
static void
pick_size (const char *label)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      {
        GtkDropDown *size = find_drop_down (l->data);
        GListModel *model = gtk_drop_down_get_model (size);

        for (guint i = 0; i < g_list_model_get_n_items (model); i++)
          {
            g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

            if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
              {
                gtk_drop_down_set_selected (size, i);
                return;
              }
          }
      }
  g_assert_not_reached ();
}

/* The export dialog: 1200 × 700 by default, said with the PNG's pixels,
 * which are what comes out; the last size and folder remembered, Pictures
 * the first time; a comparison named after its runs; the "Saved" toast
 * offers Open and Show in Files. */
static void
test_export_dialog (void)
{
  MgWindow *window = new_window ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.memgraph_gtk.MemoryGraph");
  g_autofree char *dir = g_dir_make_tmp ("memgraph-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "graph.png", NULL);
  g_autofree char *size = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);
  g_autoptr(GFile) current = NULL;
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
  const char *expected_folder = pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR)
                                ? pictures : g_get_home_dir ();
  GtkNativeDialog *dialog;
  cairo_surface_t *surface;
  AdwToast *toast;
  GtkWidget *title;
  gboolean found_show = FALSE;

  run_to_end (window, "20");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = mg_window_get_export_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "size"), ==,
                   "1200x700");
  g_assert_cmpstr (shown_size (), ==, "1200 × 700 (PNG 2400 × 1400 pixels)");
  current = shown_folder (dialog);
  g_assert_cmpstr (g_file_peek_path (current), ==, expected_folder);
  g_clear_object (&current);

  /* The person picks 800 × 450 and a folder of theirs, and saves. */
  pick_size ("800 × 450 (PNG 1600 × 900 pixels)");
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "size"), ==,
                   "800x450");
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), dir_file, NULL));
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    /* The dialog loads the folder before it takes it as the current one. */
    do
      {
        g_clear_object (&current);
        current = shown_folder (dialog);
        if (!g_file_equal (current, dir_file))
          g_main_context_iteration (NULL, FALSE);
      }
    while (!g_file_equal (current, dir_file) && g_get_monotonic_time () < end);
    g_assert_cmpstr (g_file_peek_path (current), ==, dir);
    g_clear_object (&current);
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "graph.png");
  gtk_native_dialog_hide (dialog);
  g_signal_emit_by_name (dialog, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (mg_window_get_export_dialog (window));
  g_assert_nonnull (mg_window_get_last_export (window));
  g_test_message ("saved %s", g_file_peek_path (mg_window_get_last_export (window)));

  /* What was shown is what came out. */
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 900);
  cairo_surface_destroy (surface);
  size = g_settings_get_string (settings, "export-size");
  g_assert_cmpstr (size, ==, "800x450");
  folder = g_settings_get_string (settings, "export-folder");
  g_assert_cmpstr (folder, ==, dir);

  /* "Saved", with Open, and Show in Files, both for that file. */
  toast = mg_window_get_last_toast (window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.open-exported");
  title = adw_toast_get_custom_title (toast);
  g_assert_nonnull (title);
  for (GtkWidget *child = gtk_widget_get_first_child (title); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child)), ==, "Saved “graph.png”");
      if (GTK_IS_BUTTON (child))
        {
          found_show = TRUE;
          g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child)), ==, "Show in _Files");
          g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), ==,
                           "win.show-exported");
        }
    }
  g_assert_true (found_show);
  g_assert_cmpstr (g_file_peek_path (mg_window_get_last_export (window)), ==, png);

  /* A comparison is named after its runs; the dialog opens where the last
   * export went, at the size chosen last. Cancel changes nothing. */
  run_to_end (window, "10");
  mg_window_set_run_label (window, 0, "doubles");
  mg_window_set_run_label (window, 1, "floats");
  mg_window_compare (window, 0, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = mg_window_get_export_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "size"), ==,
                   "800x450");
  g_assert_cmpstr (shown_size (), ==, "800 × 450 (PNG 1600 × 900 pixels)");
  current = shown_folder (dialog);
  g_assert_cmpstr (g_file_peek_path (current), ==, dir);
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));

    g_test_message ("suggested: %s", name);
    g_assert_true (g_str_has_prefix (name, "memory-doubles-vs-floats-"));
    g_assert_true (g_str_has_suffix (name, ".png"));
  }
  pick_size ("1920 × 1080 (PNG 3840 × 2160 pixels)");
  gtk_native_dialog_hide (dialog);
  g_signal_emit_by_name (dialog, "response", GTK_RESPONSE_CANCEL);
  g_clear_pointer (&size, g_free);
  size = g_settings_get_string (settings, "export-size");
  g_assert_cmpstr (size, ==, "800x450");

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "export-size");
  g_settings_reset (settings, "export-folder");
  g_unlink (png);
  g_rmdir (dir);
}

/* An error is shown under the title its caller gives. */
static void
test_show_error (void)
{
  MgWindow *window = new_window ();
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                                                 "No space left on the device");
  GtkWidget *dialog = mg_window_show_error (window, "Could Not Save the Graph", error);

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could Not Save the Graph");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "No space left on the device");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A comparison saved as a recording is among the recent recordings, as a
 * single run saved is. */
static void
test_saved_comparison_recent (void)
{
  MgWindow *window = new_window ();
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "samples.csv", NULL);
  g_autofree char *dir = g_dir_make_tmp ("memgraph-recent-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "comparison.json", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GPtrArray) runs = NULL;
  g_auto(GStrv) labels = NULL;
  g_autoptr(GError) error = NULL;
  GtkRecentManager *recent = gtk_recent_manager_get_default ();
  gint64 end;

  g_assert_true (mg_window_open_file (window, csv_file, &error));
  g_assert_true (mg_window_open_file (window, csv_file, &error));
  g_assert_no_error (error);
  mg_window_compare (window, 0, 0);
  g_assert_nonnull (mg_window_get_comparison_text (window));
  g_assert_false (gtk_recent_manager_has_item (recent, uri));

  g_assert_true (mg_window_export (window, file, MG_EXPORT_JSON, &error));
  g_assert_no_error (error);
  runs = mg_import_file_runs (file, &labels, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);

  /* The recent manager adds the item once it has looked at the file. */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_recent_manager_has_item (recent, uri) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_recent_manager_has_item (recent, uri));

  gtk_recent_manager_remove_item (recent, uri, NULL);
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each toggle is one action on its setting: the graph, the session and
 * the setting agree; the window's size is the setting's. */
static void
test_settings_toggles (void)
{
  MgWindow *window = new_window ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MgGraph *graph = mg_window_get_graph (window);
  gboolean vsz = g_settings_get_boolean (settings, "show-vsz");
  gboolean kinds = g_settings_get_boolean (settings, "show-kinds");
  gboolean value;

  g_object_get (graph, "show-vsz", &value, NULL);
  g_assert_cmpint (value, ==, vsz);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "settings.show-vsz", NULL));
  g_assert_cmpint (g_settings_get_boolean (settings, "show-vsz"), ==, !vsz);
  g_object_get (graph, "show-vsz", &value, NULL);
  g_assert_cmpint (value, ==, !vsz);
  /* The graph's own change reaches the setting. */
  g_object_set (graph, "show-vsz", vsz, NULL);
  g_assert_cmpint (g_settings_get_boolean (settings, "show-vsz"), ==, vsz);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "settings.show-kinds", NULL));
  g_assert_cmpint (g_settings_get_boolean (settings, "show-kinds"), ==, !kinds);
  g_object_get (graph, "show-kinds", &value, NULL);
  g_assert_cmpint (value, ==, !kinds);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "settings.show-kinds", NULL));

  /* The start page's switches are the session's choices. */
  {
    const char *keys[] = { "catch-spikes", "follow-every-process", "measure-pss" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autofree char *action = g_strconcat ("settings.", keys[i], NULL);
        gboolean before = g_settings_get_boolean (settings, keys[i]);

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
        g_assert_cmpint (g_settings_get_boolean (settings, keys[i]), ==, !before);
        g_object_get (window->session, keys[i], &value, NULL);
        g_assert_cmpint (value, ==, !before);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
        g_object_get (window->session, keys[i], &value, NULL);
        g_assert_cmpint (value, ==, before);
      }
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  gtk_window_destroy (GTK_WINDOW (window));

  /* A new window opens at the size kept. */
  g_settings_set_int (settings, "window-width", 1010);
  window = mg_window_new (NULL);
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 1010);
    g_assert_cmpint (height, ==, 640);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Copy Graph copies what Export Graph draws: the runs compared, without
 * the hover crosshair, at the export size. */
static void
test_copy_comparison (void)
{
  MgWindow *window = new_window ();
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "samples.csv", NULL);
  g_autofree char *dir = g_dir_make_tmp ("memgraph-copy-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "exported.png", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GdkTexture) copied = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  cairo_surface_t *exported;
  MgPlotStyle style;
  guint differ = 0;
  int width, height, stride;

  g_assert_true (mg_window_open_file (window, csv_file, &error));
  g_assert_true (mg_window_open_file (window, csv_file, &error));
  g_assert_no_error (error);
  mg_window_compare (window, 0, 0);
  g_assert_nonnull (mg_window_get_comparison_text (window));
  mg_graph_set_hover_time (mg_window_get_graph (window), 0.1);
  mg_graph_get_style (mg_window_get_graph (window), &style);
  g_assert_cmpfloat (style.hover_time, ==, 0.1);

  /* The image Copy Graph puts on the clipboard, made here without the
   * clipboard: GTK 4.8's X11 clipboard trips on its own assertion when an
   * image replaces another (open-recording copies one). */
  copied = _mg_window_render_graph (window, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copied);

  /* The comparison as exported, at the same size and scale, without the
   * crosshair. */
  mg_session_get_compared (window->session, runs, labels);
  g_assert_cmpuint (runs->len, ==, 2);
  _mg_window_style_for_output (window, 0, &style);
  g_assert_cmpfloat (style.hover_time, <, 0);
  g_assert_true (mg_export_compare_write ((MgRecording **) runs->pdata,
                                          (const char **) labels->pdata, runs->len, png_file,
                                          MG_EXPORT_PNG, &style, MG_EXPORT_DEFAULT_WIDTH,
                                          MG_EXPORT_DEFAULT_HEIGHT, &error));
  g_assert_no_error (error);

  exported = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (exported), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (exported);
  height = cairo_image_surface_get_height (exported);
  stride = cairo_image_surface_get_stride (exported);
  g_assert_cmpint (gdk_texture_get_width (copied), ==, MG_EXPORT_DEFAULT_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (copied), ==, MG_EXPORT_DEFAULT_HEIGHT);
  g_assert_cmpint (gdk_texture_get_width (copied), ==, width);
  g_assert_cmpint (gdk_texture_get_height (copied), ==, height);

  pixels = g_malloc ((gsize) stride * height);
  gdk_texture_download (copied, pixels, stride);
  cairo_surface_flush (exported);
  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (pixels + (gsize) y * stride);
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (exported) + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        for (int shift = 0; shift < 32; shift += 8)
          if (ABS ((int) ((a[x] >> shift) & 0xff) - (int) ((b[x] >> shift) & 0xff)) > 1)
            {
              differ++;
              break;
            }
    }
  g_test_message ("pixels that differ between copied and exported: %u", differ);
  g_assert_cmpuint (differ, ==, 0);

  cairo_surface_destroy (exported);
  g_unlink (png);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Field 22 of /proc/PID/stat, the start time: the same process, not
 * another given its pid; 0 when it is gone or a zombie. */
static guint64
live_start_ticks (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (paren = strrchr (text, ')')) == NULL)
    return 0;
  fields = g_strsplit (paren + 2, " ", -1);
  if (g_strv_length (fields) < 20 || fields[0][0] == 'Z' || fields[0][0] == 'X')
    return 0;
  return g_ascii_strtoull (fields[19], NULL, 10);
}

static GPid
spawn_held (const char *mib,
            const char *seconds)
{
  const char *argv[] = { mg_test_workload (), "hold", mib, seconds, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint64 want = g_ascii_strtoull (mib, NULL, 10) * 1024 * 1024;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  /* Until it holds what it was asked to. */
  while (g_get_monotonic_time () < end)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
      g_autofree char *text = NULL;
      const char *line;

      if (g_file_get_contents (path, &text, NULL, NULL) &&
          (line = strstr (text, "VmRSS:")) != NULL &&
          g_ascii_strtoull (line + 6, NULL, 10) * 1024 >= want)
        break;
      g_usleep (10000);
    }
  return pid;
}

/* A running process watched in the window: the run names it, its peak is
 * said since it started, Stop stops watching and leaves the very process
 * running, Run Again is off, and closing asks nothing. */
static void
test_attach (void)
{
  MgWindow *window = new_window ();
  GPid pid = spawn_held ("100", "60");
  guint64 ticks = live_start_ticks (pid);
  g_autofree char *subtitle = g_strdup_printf ("Watching mg-workload (PID %d)", (int) pid);
  g_autofree char *running = g_strdup_printf ("Watching, process %d", (int) pid);
  g_autofree char *peak = NULL;
  g_autoptr(MgRecording) rec = NULL;
  gboolean done = FALSE, destroyed = FALSE;
  int status = 0;

  g_assert_cmpuint (ticks, >, 0);
  g_assert_true (mg_window_attach (window, &pid, 1, 0.05));
  rec = g_object_ref (mg_window_get_recording (window));
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_window_is_running (window));
  g_assert_cmpstr (mg_window_get_page (window), ==, "graph");
  g_assert_cmpstr (mg_window_get_subtitle (window), ==, subtitle);
  g_assert_cmpstr (mg_window_get_status_text (window), ==, running);
  g_assert_true (wait_for_samples (window, 5, 10));
  g_assert_cmpfloat (mg_recording_get_peak_rss (rec), >=, 100 * MIB);
  peak = mg_recording_dup_peak_text (rec);
  g_assert_true (g_str_has_suffix (peak, " since the process started"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  g_assert_true (mg_test_wait_for (&done, 10));
  g_assert_false (mg_window_is_running (window));
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window), "Watched for "));
  g_assert_true (g_str_has_suffix (mg_window_get_status_text (window),
                                   ": still running: watching stopped"));
  g_assert_false (gtk_widget_has_css_class (mg_window_get_status_label (window), "error"));
  g_assert_cmpstr (mg_window_get_subtitle (window), ==, subtitle);
  /* Nothing to run again: the process was not ours. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run-again", NULL);
  g_assert_false (mg_window_is_running (window));
  g_assert_cmpuint (mg_window_get_n_runs (window), ==, 1);
  g_assert_cmpuint (live_start_ticks (pid), ==, ticks);

  /* Watching again, then closing: no question, and the process goes on. */
  g_assert_true (mg_window_attach (window, &pid, 1, 0.05));
  g_assert_true (mg_window_is_running (window));
  g_signal_connect (window, "destroy", G_CALLBACK (on_destroy), &destroyed);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_null (find_dialog ());
  g_assert_true (mg_test_wait_for (&destroyed, 5));
  g_assert_cmpuint (live_start_ticks (pid), ==, ticks);

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
}

/* `memgraph-gtk --pid PID -o FILE` opens a window watching the process,
 * notices its end and writes FILE; the process's status is the one the
 * kernel still shows (it is our child, not the program's). */
static void
test_attach_command_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-pid-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "pid.json", NULL);
  g_autofree char *pid_text = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  GPid pid = spawn_held ("100", "1.5");
  gint64 end;
  int status = 0;

  pid_text = g_strdup_printf ("%d", (int) pid);
  app = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("MG_BINARY"),
                          "-i", "0.05", "-o", json, "--pid", pid_text, NULL);
  g_assert_no_error (error);

  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!g_file_test (json, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_usleep (50000);
  g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));
  g_usleep (200000);
  g_subprocess_send_signal (app, SIGTERM);
  g_assert_true (g_subprocess_wait (app, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);

  /* Watched from the moment of attaching, at 100 MiB, until it ended
   * with the status the kernel still showed. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (json);
    g_autoptr(MgRecording) rec = mg_import_file (file, &error);

    g_assert_no_error (error);
    g_assert_true (mg_recording_get_attached (rec));
    g_assert_cmpfloat (mg_recording_get_peak_rss (rec), >=, 100 * MIB);
    g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_STATUS);
    g_assert_cmpint (mg_recording_get_exit (rec)->code, ==, 0);
  }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_unlink (json);
  g_rmdir (dir);
}

static MgProcessPicker *
find_picker (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (MG_IS_PROCESS_PICKER (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Where @pid is in the picker's list, or G_MAXUINT. */
static guint
picker_find (MgProcessPicker *picker,
             GPid             pid)
{
  GListModel *model = mg_process_picker_get_model (picker);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MgRunningProcess) item = g_list_model_get_item (model, i);

      if (mg_running_process_get_pid (item) == pid)
        return i;
    }
  return G_MAXUINT;
}

/* "Watch a Running Process…": the picker lists the workload with its
 * name, RSS and command line, the largest first, filters by what is
 * typed, and choosing it starts watching it. */
static void
test_attach_picker (void)
{
  MgWindow *window = new_window ();
  GPid pid = spawn_held ("60", "60");
  g_autofree char *pid_text = g_strdup_printf ("%d", (int) pid);
  MgProcessPicker *picker;
  GListModel *model;
  guint position, n_all;
  int status = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.watch-process", NULL));
  picker = find_picker ();
  g_assert_nonnull (picker);
  model = mg_process_picker_get_model (picker);
  position = picker_find (picker, pid);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  {
    g_autoptr(MgRunningProcess) item = g_list_model_get_item (model, position);

    g_assert_cmpstr (mg_running_process_get_name (item), ==, "mg-workload");
    g_assert_cmpfloat (mg_running_process_get_rss (item), >=, 60 * MIB);
    g_assert_true (g_str_has_suffix (mg_running_process_get_cmdline (item), "mg-workload hold 60 60"));
  }
  /* Sorted by RSS, the largest first. */
  n_all = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_all, >=, 2);
  for (guint i = 1; i < n_all; i++)
    {
      g_autoptr(MgRunningProcess) a = g_list_model_get_item (model, i - 1);
      g_autoptr(MgRunningProcess) b = g_list_model_get_item (model, i);

      g_assert_cmpuint (mg_running_process_get_rss (a), >=, mg_running_process_get_rss (b));
    }
  /* This program itself is not offered. */
  g_assert_cmpuint (picker_find (picker, getpid ()), ==, G_MAXUINT);

  /* Typed text filters, by name or pid. */
  mg_process_picker_set_search (picker, "MG-WORKL");
  g_assert_cmpuint (picker_find (picker, pid), !=, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MgRunningProcess) item = g_list_model_get_item (model, i);

      g_assert_nonnull (strstr (mg_running_process_get_cmdline (item), "mg-workl"));
    }
  mg_process_picker_set_search (picker, "no such process here");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  mg_process_picker_set_search (picker, pid_text);
  g_assert_cmpuint (picker_find (picker, pid), ==, 0);

  /* Updated as processes come and go. */
  mg_process_picker_refresh (picker);
  g_assert_cmpuint (picker_find (picker, pid), ==, 0);

  mg_process_picker_choose (picker, 0);
  g_assert_null (find_picker ());
  g_assert_true (mg_window_is_running (window));
  g_assert_cmpint (mg_recording_get_command_pid (mg_window_get_recording (window)), ==, pid);
  g_assert_true (mg_recording_get_attached (mg_window_get_recording (window)));
  {
    gboolean done = FALSE;

    /* The recorder stops watching and says so in its stream. */
    g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished),
                      &done);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
    g_assert_true (mg_test_wait_for (&done, 10));
  }
  g_assert_false (mg_window_is_running (window));
  g_assert_cmpuint (live_start_ticks (pid), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
}

/* Run On: a command typed on the start page runs through the link in the
 * field; the status says where; the recent command remembers where it ran,
 * and the place is offered again. */
static void
test_run_on (void)
{
  MgWindow *window = new_window ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *text = g_strdup_printf ("%s hold 44 1", mg_test_workload ());
  g_auto(GStrv) commands = NULL;
  g_auto(GStrv) places = NULL;
  g_auto(GStrv) hosts = NULL;
  gboolean done = FALSE, idle = FALSE;
  MgRecording *rec;

  g_settings_set_string (settings, "run-on", "env");
  mg_test_wait_for (&idle, 0.2);
  g_assert_true (mg_window_run_text (window, text));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window), "Running on env"));
  g_assert_true (mg_test_wait_for (&done, 30));
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window),
                                   "Exited with status 0 after "));
  g_assert_cmpfloat (mg_recording_get_peak_rss (rec), >=, 44 * MIB * 0.98);
  g_assert_cmpfloat (mg_recording_get_peak_rss (rec), <=, 44 * MIB * 1.05 + 8 * MIB);

  commands = g_settings_get_strv (settings, "recent-commands");
  places = g_settings_get_strv (settings, "recent-command-places");
  hosts = g_settings_get_strv (settings, "recent-places");
  g_assert_cmpstr (commands[0], ==, text);
  g_assert_cmpstr (places[0], ==, "env");
  g_assert_cmpstr (hosts[0], ==, "env");

  g_settings_set_string (settings, "run-on", "");
  g_settings_set_strv (settings, "recent-commands", NULL);
  g_settings_set_strv (settings, "recent-command-places", NULL);
  g_settings_set_strv (settings, "recent-places", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* What gtk_test_init () does, except that without a display the suite is
   * skipped (77) instead of aborted. */
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();

  g_test_add_func ("/memgraph/window/bad-entry", test_bad_entry);
  g_test_add_func ("/memgraph/window/live-and-final", test_live_and_final);
  g_test_add_func ("/memgraph/window/stop-button", test_stop_button);
  g_test_add_func ("/memgraph/window/close-asks", test_close_asks);
  g_test_add_func ("/memgraph/window/open-recording", test_open_recording);
  g_test_add_func ("/memgraph/window/open-cut-stream", test_open_cut_stream);
  g_test_add_func ("/memgraph/window/compare-runs", test_compare_runs);
  g_test_add_func ("/memgraph/window/back-to-graph", test_back_to_graph);
  g_test_add_func ("/memgraph/window/thousand-runs", test_thousand_runs);
  g_test_add_func ("/memgraph/window/command-line", test_command_line);
  g_test_add_func ("/memgraph/window/prepared-run-stopped", test_prepared_run_stopped);
  g_test_add_func ("/memgraph/window/prepared-run-launched", test_prepared_run_launched);
  g_test_add_func ("/memgraph/window/prepared-run-closed", test_prepared_run_closed);
  g_test_add_func ("/memgraph/window/command-line-after-first-frame",
                   test_command_line_after_first_frame);
  g_test_add_func ("/memgraph/window/budget", test_budget);
  g_test_add_func ("/memgraph/window/budget-command-line", test_budget_command_line);
  g_test_add_func ("/memgraph/window/stop-after-command", test_stop_after_command);
  g_test_add_func ("/memgraph/window/missing-interpreter", test_missing_interpreter);
  g_test_add_func ("/memgraph/window/failed-start", test_failed_start);
  g_test_add_func ("/memgraph/window/kill-9-leaves-nothing", test_kill9_window);
  g_test_add_func ("/memgraph/window/display-gone-leaves-nothing", test_display_gone);
  g_test_add_func ("/memgraph/window/no-orphan", test_no_orphan);
  g_test_add_func ("/memgraph/window/long-line", test_long_line);
  g_test_add_func ("/memgraph/window/output-flood", test_output_flood);
  g_test_add_func ("/memgraph/window/details-lists", test_details_lists);
  g_test_add_func ("/memgraph/window/flood-keeps-sampling", test_flood_keeps_sampling);
  g_test_add_func ("/memgraph/window/unseen-then-follow", test_unseen_then_follow);
  g_test_add_func ("/memgraph/window/demo", test_demo);
  g_test_add_func ("/memgraph/window/compare-workflow", test_compare_workflow);
  g_test_add_func ("/memgraph/window/copy-comparison", test_copy_comparison);
  g_test_add_func ("/memgraph/window/settings-toggles", test_settings_toggles);
  g_test_add_func ("/memgraph/window/show-error", test_show_error);
  g_test_add_func ("/memgraph/window/saved-comparison-recent", test_saved_comparison_recent);
  g_test_add_func ("/memgraph/window/export-dialog", test_export_dialog);
  g_test_add_func ("/memgraph/window/stop-and-save-keys", test_stop_and_save_keys);
  g_test_add_func ("/memgraph/window/one-peak-figure", test_one_peak_figure);
  g_test_add_func ("/memgraph/window/live-figures-no-layout", test_live_figures_no_layout);
  g_test_add_func ("/memgraph/window/keep-up-words", test_keep_up_words);
  g_test_add_func ("/memgraph/window/last-process-words", test_last_process_words);
  g_test_add_func ("/memgraph/window/attach", test_attach);
  g_test_add_func ("/memgraph/window/attach-command-line", test_attach_command_line);
  g_test_add_func ("/memgraph/window/attach-picker", test_attach_picker);
  g_test_add_func ("/memgraph/window/run-on", test_run_on);
  g_test_add_func ("/memgraph/window/many-markers", test_many_markers);

  return g_test_run ();
}
