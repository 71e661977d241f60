/* test-graph.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The graph widget's view and palette, and the notifications of its
 * properties.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "mg-graph.h"
#include "mg-test-util.h"

#define W 800
#define H 400

typedef struct
{
  guint  n;
  GSList *names;
} Notes;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Notes      *notes)
{
  notes->n++;
  notes->names = g_slist_prepend (notes->names, (gpointer) g_param_spec_get_name (pspec));
}

static guint
count_notes (Notes      *notes,
             const char *name)
{
  guint n = 0;

  for (GSList *l = notes->names; l != NULL; l = l->next)
    n += g_str_equal (l->data, name);
  return n;
}

static void
notes_clear (Notes *notes)
{
  g_clear_pointer (&notes->names, g_slist_free);
  notes->n = 0;
}

static MgRecording *
constant_recording (guint   n,
                    double  duration,
                    guint64 rss,
                    guint64 vsz)
{
  const char *argv[] = { "constant", NULL };
  MgRecording *rec = mg_recording_new (argv, NULL, 0.01);

  for (guint i = 0; i < n; i++)
    mg_recording_append (rec, duration * i / (n - 1), rss, vsz);
  return rec;
}

static MgGraph *
new_graph (void)
{
  return g_object_ref_sink (g_object_new (MG_TYPE_GRAPH, NULL));
}

/* A light/dark switch changes the colours and nothing the person chose: no
 * view property notifies, the zoom and mark stay, and what is exported
 * from the graph's style is in the dark palette's colours. */
static void
test_palette_keeps_view (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(MgRecording) rec = constant_recording (1001, 10, 100 * MIB, 300 * MIB);
  g_autoptr(MgGraph) graph = NULL;
  MgPlotStyle before, after;
  MgPlotPalette light, dark;
  MgPlotLayout l;
  Notes notes = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  int y_rss;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  graph = new_graph ();
  mg_plot_palette_init (&light, FALSE);
  mg_plot_palette_init (&dark, TRUE);

  mg_graph_set_recording (graph, rec);
  mg_graph_set_show_vsz (graph, FALSE);
  mg_graph_set_series_shown (graph, MG_PLOT_SERIES_PSS, FALSE);
  mg_graph_zoom (graph, 4, 5);
  mg_graph_set_highlight_time (graph, 5);
  mg_graph_get_style (graph, &before);
  g_assert_false (mg_graph_get_following (graph));
  g_assert_cmpfloat (before.view_end, >, before.view_start);
  g_assert_true (memcmp (&before.rss, &light.rss, sizeof light.rss) == 0);

  g_signal_connect (graph, "notify", G_CALLBACK (on_notify), &notes);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  g_assert_cmpuint (notes.n, ==, 0);

  mg_graph_get_style (graph, &after);
  g_assert_false (after.show_vsz);
  g_assert_false (after.show_pss);
  g_assert_true (after.show_rss);
  g_assert_cmpfloat (after.view_start, ==, before.view_start);
  g_assert_cmpfloat (after.view_end, ==, before.view_end);
  g_assert_cmpfloat (after.highlight_time, ==, 5);
  g_assert_true (memcmp (&after.rss, &dark.rss, sizeof dark.rss) == 0);
  g_assert_false (mg_graph_get_following (graph));
  {
    gboolean show_vsz, show_pss;

    g_object_get (graph, "show-vsz", &show_vsz, "show-pss", &show_pss, NULL);
    g_assert_false (show_vsz);
    g_assert_false (show_pss);
  }

  /* Exported as the graph is: the dark palette's colours, zoomed. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cr = cairo_create (surface);
  mg_plot_render_full (cr, W, H, rec, &after, &l);
  cairo_destroy (cr);
  g_assert_cmpfloat_with_epsilon (l.t_min, before.view_start, 1e-9);
  g_assert_cmpfloat_with_epsilon (l.t_max, before.view_end, 1e-9);
  y_rss = (int) round (mg_plot_y_for_value (&l, &l.rss, 100 * MIB));
  g_assert_cmpuint (mg_test_count_color (surface, &dark.background, 0, 0, 4, 4), ==, 16);
  g_assert_cmpuint (mg_test_count_color (surface, &dark.rss, (int) l.x0 + 5, y_rss - 2,
                                         (int) l.x1 - 5, y_rss + 3), >=,
                    (guint) (l.x1 - l.x0 - 10) * 9 / 10);
  g_assert_cmpuint (mg_test_count_color (surface, &light.rss, 0, 0, W, H), ==, 0);
  g_assert_cmpuint (mg_test_count_color (surface, &dark.vsz, (int) l.x0, (int) l.y0, (int) l.x1,
                                         (int) l.y1), ==, 0);
  cairo_surface_destroy (surface);

  g_signal_handlers_disconnect_by_func (graph, on_notify, &notes);
  notes_clear (&notes);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* Showing a series that is shown, or hiding one that is hidden, changes
 * nothing and says nothing; a change says so once. */
static void
test_series_shown_notifies_changes (void)
{
  static const struct { int series; const char *property; } cases[] = {
    { MG_PLOT_SERIES_RSS, "show-rss" },
    { MG_PLOT_SERIES_VSZ, "show-vsz" },
    { MG_PLOT_SERIES_PSS, "show-pss" },
    { MG_PLOT_SERIES_ENVELOPE, "show-envelope" },
  };
  g_autoptr(MgGraph) graph = new_graph ();
  Notes notes = { 0 };

  g_signal_connect (graph, "notify", G_CALLBACK (on_notify), &notes);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean shown = FALSE;

      /* Every series starts shown. */
      mg_graph_set_series_shown (graph, cases[i].series, TRUE);
      g_assert_cmpuint (notes.n, ==, 0);

      mg_graph_set_series_shown (graph, cases[i].series, FALSE);
      mg_graph_set_series_shown (graph, cases[i].series, FALSE);
      g_assert_cmpuint (notes.n, ==, 1);
      g_assert_cmpuint (count_notes (&notes, cases[i].property), ==, 1);
      g_object_get (graph, cases[i].property, &shown, NULL);
      g_assert_false (shown);

      mg_graph_set_series_shown (graph, cases[i].series, TRUE);
      g_assert_cmpuint (count_notes (&notes, cases[i].property), ==, 2);
      g_object_get (graph, cases[i].property, &shown, NULL);
      g_assert_true (shown);
      notes_clear (&notes);
    }
  g_signal_handlers_disconnect_by_func (graph, on_notify, &notes);
}

/* A new recording shows the whole of it, following it: when the graph was
 * zoomed, "following" says it changed. */
static void
test_following_notifies (void)
{
  g_autoptr(MgRecording) first = constant_recording (101, 10, 100 * MIB, 300 * MIB);
  g_autoptr(MgRecording) second = constant_recording (101, 20, 100 * MIB, 300 * MIB);
  g_autoptr(MgGraph) graph = new_graph ();
  Notes notes = { 0 };

  mg_graph_set_recording (graph, first);
  g_assert_true (mg_graph_get_following (graph));
  g_signal_connect (graph, "notify", G_CALLBACK (on_notify), &notes);

  mg_graph_zoom (graph, 4, 5);
  g_assert_false (mg_graph_get_following (graph));
  g_assert_cmpuint (count_notes (&notes, "following"), ==, 1);

  mg_graph_set_recording (graph, second);
  g_assert_true (mg_graph_get_following (graph));
  g_assert_cmpuint (count_notes (&notes, "following"), ==, 2);
  g_assert_cmpuint (count_notes (&notes, "recording"), ==, 1);

  /* Already following: only the recording changes. */
  mg_graph_set_recording (graph, first);
  g_assert_true (mg_graph_get_following (graph));
  g_assert_cmpuint (count_notes (&notes, "following"), ==, 2);
  g_assert_cmpuint (count_notes (&notes, "recording"), ==, 2);

  g_signal_handlers_disconnect_by_func (graph, on_notify, &notes);
  notes_clear (&notes);
}

/* The graph's text follows the interface font and its scaling, as GTK's
 * labels do, and so do exports taken from its style: a bigger font widens
 * the axis labels' column and the legend. */
static void
test_font_follows_settings (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autoptr(MgRecording) rec = constant_recording (1001, 10, 100 * MIB, 300 * MIB);
  g_autoptr(MgGraph) graph = new_graph ();
  g_autofree char *old_name = NULL;
  MgPlotStyle small, big, scaled;
  MgPlotLayout l_small, l_big;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  int old_dpi;

  g_object_get (settings, "gtk-font-name", &old_name, "gtk-xft-dpi", &old_dpi, NULL);
  g_object_set (settings, "gtk-font-name", "DejaVu Sans 9", "gtk-xft-dpi", 96 * 1024, NULL);
  mg_graph_set_recording (graph, rec);
  mg_graph_get_style (graph, &small);
  g_assert_cmpfloat_with_epsilon (small.font_size, 9, 1e-9);
  g_assert_true (g_str_has_prefix (small.font_family, "DejaVu Sans"));

  g_object_set (settings, "gtk-font-name", "DejaVu Sans 18", NULL);
  mg_graph_get_style (graph, &big);
  g_assert_cmpfloat_with_epsilon (big.font_size, 18, 1e-9);

  /* Text scaling (Xft DPI) scales the graph's text too. */
  g_object_set (settings, "gtk-font-name", "DejaVu Sans 9", "gtk-xft-dpi", 144 * 1024, NULL);
  mg_graph_get_style (graph, &scaled);
  g_assert_cmpfloat_with_epsilon (scaled.font_size, 13.5, 1e-9);

  mg_plot_layout (&l_small, cr, W, H, rec, &small);
  mg_plot_layout (&l_big, cr, W, H, rec, &big);
  /* Twice the size: the labels' column and the first legend item grow by
   * more than half, the plot area starts lower. */
  g_assert_cmpfloat (l_big.x0 - 18, >, (l_small.x0 - 18) * 1.5);
  g_assert_cmpfloat (l_big.legend_x[0][1] - l_big.legend_x[0][0] - 24, >,
                     (l_small.legend_x[0][1] - l_small.legend_x[0][0] - 24) * 1.5);
  g_assert_cmpfloat (l_big.y0, >, l_small.y0);

  g_object_set (settings, "gtk-font-name", old_name, "gtk-xft-dpi", old_dpi, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Runs the main context for @seconds, or until the graph has drawn more
 * than @draws times (with @draws >= 0). */
static guint
run_for (MgGraph *graph,
         double   seconds,
         int      draws)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end &&
         (draws < 0 || mg_graph_get_n_draws (graph) <= (guint) draws))
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return mg_graph_get_n_draws (graph);
}

/* A live graph draws a frame for a new sample only when the sample changes
 * a pixel: one like the last, in the last column and the same tenth of a
 * second, draws none; a spike draws one. */
static void
test_draws_only_changes (void)
{
  const char *argv[] = { "live", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.01);
  GtkWidget *window = gtk_window_new ();
  MgGraph *graph = MG_GRAPH (g_object_new (MG_TYPE_GRAPH, NULL));
  MgSample s;
  guint drawn;

  /* Many samples to a column, as in a long run. */
  for (guint i = 0; i < 10000; i++)
    mg_recording_append (rec, i * 0.001, (guint64) ((50 + (i % 10)) * MIB), 300 * MIB);
  gtk_widget_set_size_request (GTK_WIDGET (graph), W, H);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (graph));
  mg_graph_set_recording (graph, rec);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (run_for (graph, 5, 0), >, 0);
  drawn = run_for (graph, 0.3, -1);

  s = *mg_recording_get_last (rec);
  s.time_s += 0.0001;
  mg_recording_append_sample (rec, &s);
  g_assert_cmpuint (run_for (graph, 0.8, -1), ==, drawn);

  s.time_s += 0.0001;
  s.rss_bytes = 90 * MIB;
  mg_recording_append_sample (rec, &s);
  g_assert_cmpuint (run_for (graph, 3, drawn), ==, drawn + 1);

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

  g_test_add_func ("/memgraph/graph/palette-keeps-view", test_palette_keeps_view);
  g_test_add_func ("/memgraph/graph/series-shown-notifies-changes",
                   test_series_shown_notifies_changes);
  g_test_add_func ("/memgraph/graph/following-notifies", test_following_notifies);
  g_test_add_func ("/memgraph/graph/font-follows-settings", test_font_follows_settings);
  g_test_add_func ("/memgraph/graph/draws-only-changes", test_draws_only_changes);

  return g_test_run ();
}
