/* test-a11y.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window as a screen reader reads it: the accessible names of its
 * controls, and what the graph and the status say, from GTK's own
 * GtkAccessible properties and relations.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mg-test-util.h"
#include "mg-units.h"
#include "mg-window.h"
#include "mg-window-private.h"

/* The value of a string property as GTK holds it, or NULL when unset.
 * GTK 4.8 has no getter: gtk_test_accessible_check_property() returns the
 * value it holds when it differs from the one asked. */
static char *
dup_property (GtkWidget             *widget,
              GtkAccessibleProperty  property)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property,
                                             "\x01 not a value");
}

static GtkWidget *
template_child (MgWindow   *window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), MG_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* The widget below @widget that activates @action. */
static GtkWidget *
find_by_action (GtkWidget  *widget,
                const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_SPIN_BUTTON (widget);
}

/* The widgets a screen reader would name, below @widget: controls, and
 * their name as GTK gives it (the label property), or a labelled-by
 * relation. */
static void
collect_controls (GtkWidget *widget,
                  GPtrArray *controls)
{
  /* A menu button's inner toggle button is the menu button's. */
  if (is_control (widget) &&
      !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
    g_ptr_array_add (controls, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls (child, controls);
}

/* A name is read as it is written: no GType name in its place, no
 * mnemonic underscore. */
static void
assert_readable_name (const char *name,
                      GtkWidget  *widget)
{
  g_assert_nonnull (name);
  g_assert_cmpstr (name, !=, "");
  g_assert_cmpstr (name, !=, G_OBJECT_TYPE_NAME (widget));
  g_assert_false (g_str_has_prefix (name, "Gtk"));
  g_assert_null (strchr (name, '_'));
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
on_finished (MgRecording *rec,
             gboolean    *done)
{
  *done = TRUE;
}

static MgRecording *
run_to_end (MgWindow   *window,
            const char *mib)
{
  const char *argv[] = { mg_test_workload (), "hold", mib, "0.5", NULL };
  gboolean done = FALSE;
  MgRecording *rec;

  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_test_wait_for (&done, 20));
  return rec;
}

/* Every button, menu button, check box, switch and spin button of the
 * window has a name that reads as words, and those named in the issue
 * read as their label. */
static void
test_control_names (void)
{
  MgWindow *window = new_window ();
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  static const struct {
    const char *child;
    const char *name;
  } named[] = {
    { "back_button", "Back to the Graph" },
    { "new_button", "New Command" },
    { "run_again_button", "Run Again" },
    { "export_button", "Export Graph" },
    { "stop_button", "Stop" },
    { "processes_toggle", "Details" },
    { "follow_button", "Follow" },
  };
  static const struct {
    const char *action;
    const char *name;
  } by_action[] = {
    { "settings.show-kinds", "Show Kinds" },
    { "settings.show-vsz", "Show VSZ" },
  };
  guint n_labelled = 0, n_related = 0;

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      g_autofree char *name = dup_property (template_child (window, named[i].child),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL);

      g_test_message ("%s: %s", named[i].child, name);
      g_assert_cmpstr (name, ==, named[i].name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (by_action); i++)
    {
      GtkWidget *check = find_by_action (GTK_WIDGET (window), by_action[i].action);
      g_autofree char *name = NULL;

      g_assert_true (GTK_IS_CHECK_BUTTON (check));
      name = dup_property (check, GTK_ACCESSIBLE_PROPERTY_LABEL);
      g_test_message ("%s: %s", by_action[i].action, name);
      g_assert_cmpstr (name, ==, by_action[i].name);
    }

  run_to_end (window, "10");
  collect_controls (GTK_WIDGET (window), controls);
  g_assert_cmpuint (controls->len, >=, 15);
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = controls->pdata[i];
      g_autofree char *name = dup_property (control, GTK_ACCESSIBLE_PROPERTY_LABEL);

      /* Named by another widget (a row's title, a label): that widget's
       * text is the name. */
      if (name == NULL)
        {
          GtkWidget *parent = control;
          gboolean related = FALSE;

          /* Rows of libadwaita name their suffix widget after their
           * title; the compare check boxes are named after their run. */
          while (!related && (parent = gtk_widget_get_parent (parent)) != NULL)
            related = ADW_IS_ACTION_ROW (parent) || ADW_IS_ENTRY_ROW (parent) ||
                      GTK_IS_LIST_BOX_ROW (parent);
          g_test_message ("%s (action %s) without a label, in a row: %d",
                          G_OBJECT_TYPE_NAME (control),
                          GTK_IS_ACTIONABLE (control)
                            ? gtk_actionable_get_action_name (GTK_ACTIONABLE (control)) : "-",
                          related);
          g_assert_true (related);
          n_related++;
          continue;
        }
      g_test_message ("%s: “%s”", G_OBJECT_TYPE_NAME (control), name);
      assert_readable_name (name, control);
      n_labelled++;
    }
  g_assert_cmpuint (n_labelled, >=, 10);

  /* The main menu is not "GtkMenuButton". */
  {
    GtkWidget *menu = NULL;

    for (guint i = 0; i < controls->len && menu == NULL; i++)
      if (GTK_IS_MENU_BUTTON (controls->pdata[i]))
        menu = controls->pdata[i];
    g_assert_nonnull (menu);
    {
      g_autofree char *name = dup_property (menu, GTK_ACCESSIBLE_PROPERTY_LABEL);

      g_assert_cmpstr (name, ==, "Main Menu");
    }
  }

  /* The mnemonic still works with the text in a label of its own. */
  {
    GtkWidget *toggle = template_child (window, "processes_toggle");
    GtkWidget *label = gtk_button_get_child (GTK_BUTTON (toggle));

    g_assert_true (GTK_IS_LABEL (label));
    g_assert_true (gtk_label_get_use_underline (GTK_LABEL (label)));
    g_assert_cmpuint (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (label))), ==,
                      GDK_KEY_d);
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
    g_assert_true (gtk_widget_mnemonic_activate (label, FALSE));
    /* A button activated shows itself pressed for a moment, then clicks. */
    {
      gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

      while (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)) &&
             g_get_monotonic_time () < end)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
    }
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Collects the widgets of @type below @widget. */
static void
collect_type (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_type (child, type, found);
}

/* Containers a screen reader announces are named after what they hold:
 * the lists of Details, its switcher, the strip and the graph's options;
 * none is read as its type. */
static void
test_container_names (void)
{
  MgWindow *window = new_window ();
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(GPtrArray) flows = g_ptr_array_new ();
  g_autoptr(GPtrArray) switchers = g_ptr_array_new ();
  g_autoptr(GPtrArray) editables = g_ptr_array_new ();
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  run_to_end (window, "10");
  collect_type (template_child (window, "side_stack"), GTK_TYPE_LIST_BOX, lists);
  /* Output and Markers are GtkListViews: a recording may hold any number. */
  collect_type (template_child (window, "side_stack"), GTK_TYPE_LIST_VIEW, lists);
  for (guint i = 0; i < lists->len; i++)
    {
      char *name = dup_property (lists->pdata[i], GTK_ACCESSIBLE_PROPERTY_LABEL);

      g_test_message ("list: %s", name);
      g_hash_table_add (names, name != NULL ? name : g_strdup ("(no name)"));
    }
  g_assert_cmpuint (lists->len, ==, 4);
  g_assert_true (g_hash_table_contains (names, "Runs"));
  g_assert_true (g_hash_table_contains (names, "Output of the command"));
  g_assert_true (g_hash_table_contains (names, "Processes"));
  g_assert_true (g_hash_table_contains (names, "Markers"));

  g_hash_table_remove_all (names);
  collect_type (GTK_WIDGET (window), GTK_TYPE_FLOW_BOX, flows);
  g_assert_cmpuint (flows->len, ==, 2);
  for (guint i = 0; i < flows->len; i++)
    {
      GtkWidget *flow = flows->pdata[i];

      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (flow)), ==,
                       GTK_ACCESSIBLE_ROLE_GROUP);
      char *name = dup_property (flow, GTK_ACCESSIBLE_PROPERTY_LABEL);

      g_hash_table_add (names, name != NULL ? name : g_strdup ("(no name)"));
      for (GtkWidget *child = gtk_widget_get_first_child (flow); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)), ==,
                         GTK_ACCESSIBLE_ROLE_GROUP);
    }
  g_assert_true (g_hash_table_contains (names, "Figures of the run"));
  g_assert_true (g_hash_table_contains (names, "Graph options"));

  collect_type (GTK_WIDGET (window), GTK_TYPE_STACK_SWITCHER, switchers);
  g_assert_cmpuint (switchers->len, ==, 1);
  {
    g_autofree char *name = dup_property (switchers->pdata[0], GTK_ACCESSIBLE_PROPERTY_LABEL);

    g_assert_cmpstr (name, ==, "Details");
  }

  collect_type (template_child (window, "run_list"), GTK_TYPE_EDITABLE_LABEL, editables);
  g_assert_cmpuint (editables->len, ==, 1);
  {
    g_autofree char *name = dup_property (editables->pdata[0], GTK_ACCESSIBLE_PROPERTY_LABEL);

    g_assert_cmpstr (name, ==, "Name of the run");
  }

  /* A stack's pages are read by their titles: none goes by its type name. */
  {
    const char *stacks[] = { "stack", "top_stack", "side_stack", "bottom_stack" };
    guint n_pages = 0;

    for (guint i = 0; i < G_N_ELEMENTS (stacks); i++)
      {
        g_autoptr(GListModel) pages =
          G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (template_child (window, stacks[i]))));

        for (guint j = 0; j < g_list_model_get_n_items (pages); j++, n_pages++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (pages, j);
            GtkStackPage *page = GTK_STACK_PAGE (item);

            g_test_message ("%s page %s: %s", stacks[i], gtk_stack_page_get_name (page),
                            gtk_stack_page_get_title (page));
            assert_readable_name (gtk_stack_page_get_title (page), gtk_stack_page_get_child (page));
          }
      }
    g_assert_cmpuint (n_pages, ==, 11);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The start page: Run, Open and the demo read as words. */
static void
test_start_page_names (void)
{
  MgWindow *window = new_window ();
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  const char *expected[] = { "Run", "Open…", "Try a Demo" };
  guint found = 0;

  collect_controls (template_child (window, "start_page"), controls);
  for (guint i = 0; i < controls->len; i++)
    {
      g_autofree char *name = dup_property (controls->pdata[i], GTK_ACCESSIBLE_PROPERTY_LABEL);

      for (guint j = 0; name != NULL && j < G_N_ELEMENTS (expected); j++)
        if (g_strcmp0 (name, expected[j]) == 0)
          found |= 1 << j;
      if (name != NULL)
        assert_readable_name (name, controls->pdata[i]);
    }
  g_assert_cmpuint (found, ==, 7);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The graph says the command, the outcome, the peak and the values now,
 * and the status under it is named after how the run went. */
static void
test_graph_description (void)
{
  MgWindow *window = new_window ();
  const char *argv[] = { mg_test_workload (), "hold", "40", "1.5", NULL };
  GtkWidget *graph = GTK_WIDGET (mg_window_get_graph (window));
  GtkWidget *status = template_child (window, "status_label");
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  g_autofree char *peak = NULL;
  g_autofree char *status_name = NULL;
  g_autofree char *expected_label = NULL;
  MgRecording *rec;
  gboolean done = FALSE;
  gint64 end;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (graph)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (status)), ==,
                   GTK_ACCESSIBLE_ROLE_STATUS);
  g_assert_true (gtk_widget_get_focusable (graph));

  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
  rec = mg_window_get_recording (window);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  title = mg_recording_dup_title (rec);
  expected_label = g_strdup_printf ("Memory graph of %s", title);

  /* While it runs: the values now, once 40 MiB are held. */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end && !done &&
         mg_recording_get_peak_rss (rec) < 40 * MIB)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpfloat (mg_recording_get_peak_rss (rec), >=, 40 * MIB);
  g_assert_false (done);
  /* The strip (and the description) follow on their next tick. */
  mg_test_wait_for (&done, 0.3);
  description = dup_property (graph, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  label = dup_property (graph, GTK_ACCESSIBLE_PROPERTY_LABEL);
  status_name = dup_property (status, GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_test_message ("running: %s / %s / %s", label, description, status_name);
  g_assert_cmpstr (label, ==, expected_label);
  g_assert_true (g_str_has_prefix (description, "Command: "));
  g_assert_nonnull (strstr (description, title));
  g_assert_nonnull (strstr (description, ". Running. Peak RSS "));
  g_assert_nonnull (strstr (description, "RSS now "));
  g_assert_nonnull (strstr (description, "VSZ now "));
  /* GTK names a label after its text: a change of it, in a "status"
   * role, is what AT-SPI sends to screen readers. */
  g_assert_true (g_str_has_prefix (status_name, "Running, process "));
  g_assert_cmpstr (status_name, ==, gtk_label_get_text (GTK_LABEL (status)));

  /* At the end: how it ended and the exact peak, the figure of the strip. */
  g_assert_true (mg_test_wait_for (&done, 20));
  g_clear_pointer (&description, g_free);
  g_clear_pointer (&status_name, g_free);
  description = dup_property (graph, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  status_name = dup_property (status, GTK_ACCESSIBLE_PROPERTY_LABEL);
  peak = mg_format_bytes (mg_recording_get_peak_rss (rec));
  g_test_message ("ended: %s / %s", description, status_name);
  g_assert_true (mg_recording_get_peak_is_exact (rec));
  {
    g_autofree char *expected = NULL;
    g_autofree char *outcome = mg_recording_describe_exit (rec);

    g_assert_true (g_str_has_prefix (outcome, "Exited with status 0 after "));
    expected = g_strdup_printf ("Command: %s. %s. Peak RSS %s.", title, outcome, peak);
    g_assert_cmpstr (description, ==, expected);
    g_assert_cmpstr (status_name, ==, gtk_label_get_text (GTK_LABEL (status)));
    g_assert_true (g_str_has_prefix (status_name, outcome));
  }
  g_assert_null (strstr (description, "RSS now"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Finds the compare check box of a run's row, and the label that names it. */
static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW))
    g_ptr_array_add (checks, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_checks (child, checks);
}

static GtkWidget *
find_hidden_label (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LABEL (widget) && !gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_hidden_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The compare check boxes are labelled by their run's name, and follow a
 * rename; comparing changes the graph's description to the comparison. */
static void
test_compare_checks (void)
{
  MgWindow *window = new_window ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  const char *names[] = { "doubles", "floats" };
  GtkWidget *run_list = template_child (window, "run_list");
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;

  run_to_end (window, "20");
  run_to_end (window, "10");
  g_assert_cmpuint (mg_window_get_n_runs (window), ==, 2);
  mg_window_set_run_label (window, 0, names[0]);
  mg_window_set_run_label (window, 1, names[1]);

  collect_checks (run_list, checks);
  g_assert_cmpuint (checks->len, ==, 2);
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (checks->pdata[i], GTK_TYPE_LIST_BOX_ROW);
      GtkWidget *name = NULL;
      char *error;

      for (guint j = 0; name == NULL && j < G_N_ELEMENTS (names); j++)
        name = find_hidden_label (row, names[j]);
      g_assert_nonnull (name);
      g_test_message ("check box %u named by “%s”", i, gtk_label_get_text (GTK_LABEL (name)));
      error = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (checks->pdata[i]),
                                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                  name, NULL);
      g_assert_null (error);
      g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (checks->pdata[i]),
                                                        GTK_ACCESSIBLE_PROPERTY_LABEL));
    }

  mg_window_compare (window, 0, 2);
  description = dup_property (GTK_WIDGET (mg_window_get_graph (window)),
                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  label = dup_property (GTK_WIDGET (mg_window_get_graph (window)), GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_test_message ("%s: %s", label, description);
  g_assert_cmpstr (label, ==, "Memory graph of the runs compared");
  g_assert_cmpstr (description, ==, mg_window_get_comparison_text (window));
  g_assert_true (g_str_has_prefix (description, "doubles: "));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* GTK's test context keeps the accessible attributes for reading. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();

  g_test_add_func ("/memgraph/a11y/control-names", test_control_names);
  g_test_add_func ("/memgraph/a11y/start-page-names", test_start_page_names);
  g_test_add_func ("/memgraph/a11y/container-names", test_container_names);
  g_test_add_func ("/memgraph/a11y/graph-description", test_graph_description);
  g_test_add_func ("/memgraph/a11y/compare-checks", test_compare_checks);

  return g_test_run ();
}
