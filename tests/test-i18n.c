/* test-i18n.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window in German: no string of the interface is left in English, the
 * numbers on screen are written as the locale writes them ("65,4 MiB"), and
 * every file format keeps its '.' whatever the locale.
 *
 * What is untranslated is told from po/de.po itself: a text shown is
 * untranslated when it is one of its msgids (or reads as one, its
 * placeholders filled) and none of its msgstrs. So the test keeps working
 * as strings are added: it fails until they are translated.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "mg-test-util.h"
#include "mg-export.h"
#include "mg-window.h"
#include "mg-window-private.h"

#define LOCALE_NAME "de_DE.UTF-8"

typedef struct
{
  GHashTable *msgids;       /* English, as written in the sources */
  GHashTable *msgstrs;      /* German */
  GPtrArray  *patterns;     /* GRegex: msgids with placeholders, filled */
} Catalog;

static Catalog catalog;

/* One C string of a .po line: "…" with its escapes. */
static void
append_po_string (GString    *out,
                  const char *line)
{
  const char *p = strchr (line, '"');

  g_assert_nonnull (p);
  for (p++; *p != '\0' && *p != '"'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

/* A msgid with printf placeholders, as a pattern of what it looks like
 * once filled: "Running, process %d" matches "Running, process 123". */
static GRegex *
pattern_of (const char *msgid)
{
  g_autoptr(GString) re = g_string_new ("^");
  g_autoptr(GError) error = NULL;
  GRegex *regex;

  for (const char *p = msgid; *p != '\0'; p++)
    {
      if (*p == '%' && p[1] == '%')
        {
          g_string_append_c (re, '%');
          p++;
        }
      else if (*p == '%')
        {
          p++;
          while (*p != '\0' && strchr ("0123456789.-+ #'lhzjtL", *p) != NULL)
            p++;
          if (*p == '\0')
            break;
          g_string_append (re, "(.+?)");
        }
      else
        {
          char c[2] = { *p, 0 };
          g_autofree char *escaped = g_regex_escape_string (c, 1);

          g_string_append (re, escaped);
        }
    }
  g_string_append_c (re, '$');
  regex = g_regex_new (re->str, G_REGEX_DOTALL | G_REGEX_OPTIMIZE, 0, &error);
  g_assert_no_error (error);
  return regex;
}

static void
add_entry (GString *msgid,
           GString *plural,
           GPtrArray *msgstrs)
{
  gboolean same = FALSE;

  if (msgid->len == 0)
    return;
  for (guint i = 0; i < msgstrs->len; i++)
    {
      const char *str = msgstrs->pdata[i];

      if (*str != '\0')
        g_hash_table_add (catalog.msgstrs, g_strdup (str));
      same |= g_strcmp0 (str, msgid->str) == 0;
    }
  g_hash_table_add (catalog.msgids, g_strdup (msgid->str));
  if (plural->len > 0)
    g_hash_table_add (catalog.msgids, g_strdup (plural->str));
  /* A placeholder alone, or a format German writes alike ("%.3f s"),
   * tells nothing. */
  if (strchr (msgid->str, '%') != NULL && !same && strlen (msgid->str) > 4)
    {
      g_ptr_array_add (catalog.patterns, pattern_of (msgid->str));
      if (plural->len > 0)
        g_ptr_array_add (catalog.patterns, pattern_of (plural->str));
    }
}

static void
load_catalog (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "de.po", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) msgid = g_string_new (NULL);
  g_autoptr(GString) plural = g_string_new (NULL);
  g_autoptr(GPtrArray) msgstrs = g_ptr_array_new_with_free_func (g_free);
  GString *current = NULL;
  g_autoptr(GError) error = NULL;

  catalog.msgids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  catalog.msgstrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  catalog.patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "msgctxt ") || g_str_has_prefix (line, "msgid "))
        {
          /* A new entry: the one before is complete. */
          if (msgstrs->len > 0)
            {
              add_entry (msgid, plural, msgstrs);
              g_string_truncate (msgid, 0);
              g_string_truncate (plural, 0);
              g_ptr_array_set_size (msgstrs, 0);
            }
          current = NULL;
          if (g_str_has_prefix (line, "msgid "))
            {
              current = msgid;
              append_po_string (current, line);
            }
        }
      else if (g_str_has_prefix (line, "msgid_plural "))
        {
          current = plural;
          append_po_string (current, line);
        }
      else if (g_str_has_prefix (line, "msgstr"))
        {
          g_ptr_array_add (msgstrs, g_string_free (g_string_new (NULL), FALSE));
          current = NULL;
          {
            g_autoptr(GString) str = g_string_new (NULL);

            append_po_string (str, line);
            g_free (msgstrs->pdata[msgstrs->len - 1]);
            msgstrs->pdata[msgstrs->len - 1] = g_strdup (str->str);
          }
        }
      else if (line[0] == '"' && current != NULL)
        append_po_string (current, line);
      else if (line[0] == '"' && msgstrs->len > 0)
        {
          g_autoptr(GString) str = g_string_new (msgstrs->pdata[msgstrs->len - 1]);

          append_po_string (str, line);
          g_free (msgstrs->pdata[msgstrs->len - 1]);
          msgstrs->pdata[msgstrs->len - 1] = g_strdup (str->str);
        }
    }
  if (msgstrs->len > 0)
    add_entry (msgid, plural, msgstrs);
  g_test_message ("de.po: %u msgids, %u msgstrs, %u patterns",
                  g_hash_table_size (catalog.msgids), g_hash_table_size (catalog.msgstrs),
                  catalog.patterns->len);
  g_assert_cmpuint (g_hash_table_size (catalog.msgids), >, 300);
}

/* Whether @text, shown in the German window, is English of ours. */
static const char *
untranslated (const char *text)
{
  if (text == NULL || *text == '\0' || g_hash_table_contains (catalog.msgstrs, text))
    return NULL;
  if (g_hash_table_contains (catalog.msgids, text))
    return "a msgid";
  for (guint i = 0; i < catalog.patterns->len; i++)
    if (g_regex_match (catalog.patterns->pdata[i], text, 0, NULL))
      return g_regex_get_pattern (catalog.patterns->pdata[i]);
  return NULL;
}

typedef struct
{
  guint      n_checked;
  GPtrArray *english;       /* "where: text" */
} Walk;

static void
check_text (Walk       *walk,
            const char *where,
            const char *text)
{
  const char *why;

  if (text == NULL || *text == '\0')
    return;
  walk->n_checked++;
  why = untranslated (text);
  if (why != NULL)
    g_ptr_array_add (walk->english, g_strdup_printf ("%s: “%s” (%s)", where, text, why));
}

/* GTK's own accessible label and description, where set (GTK_A11Y=test). */
static void
check_accessible (Walk      *walk,
                  GtkWidget *widget)
{
  GtkAccessibleProperty props[] = {
    GTK_ACCESSIBLE_PROPERTY_LABEL, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
  };

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), props[i]))
      {
        g_autofree char *value =
          gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), props[i], "\x01");

        check_text (walk, G_OBJECT_TYPE_NAME (widget), value);
      }
}

static void
check_menu (Walk       *walk,
            GMenuModel *model)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (walk, "menu", label);
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          check_menu (walk, link);
        }
    }
}

/* Every text of @widget and below that a person or a screen reader
 * reads. */
static void
walk_widget (Walk      *walk,
             GtkWidget *widget)
{
  const char *type = G_OBJECT_TYPE_NAME (widget);

  check_text (walk, type, gtk_widget_get_tooltip_text (widget));
  check_accessible (walk, widget);

  if (GTK_IS_LABEL (widget))
    check_text (walk, type, gtk_label_get_use_underline (GTK_LABEL (widget))
                              ? gtk_label_get_label (GTK_LABEL (widget))
                              : gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget))
    check_text (walk, type, gtk_button_get_label (GTK_BUTTON (widget)));
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    check_menu (walk, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
  if (ADW_IS_WINDOW_TITLE (widget))
    check_text (walk, type, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    check_text (walk, type, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget))
    check_text (walk, type, adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    check_text (walk, type, adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
  if (GTK_IS_STACK (widget))
    {
      g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (GTK_STACK (widget));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          GtkStackPage *page = g_list_model_get_item (G_LIST_MODEL (pages), i);

          check_text (walk, "GtkStackPage", gtk_stack_page_get_title (page));
          g_object_unref (page);
        }
    }
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget) || GTK_IS_SHORTCUTS_GROUP (widget))
    {
      g_autofree char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      check_text (walk, type, title);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_widget (walk, child);
}

static guint
check_window (GtkWidget  *widget,
              const char *stage)
{
  Walk walk = { 0, g_ptr_array_new_with_free_func (g_free) };
  guint n;

  walk_widget (&walk, widget);
  if (GTK_IS_WINDOW (widget))
    check_text (&walk, "title", gtk_window_get_title (GTK_WINDOW (widget)));
  for (guint i = 0; i < walk.english->len; i++)
    g_test_message ("%s: untranslated: %s", stage, (char *) walk.english->pdata[i]);
  g_test_message ("%s: %u texts checked", stage, walk.n_checked);
  g_assert_cmpuint (walk.n_checked, >, 10);
  n = walk.english->len;
  g_ptr_array_unref (walk.english);
  return n;
}

static void
on_finished (MgRecording *rec,
             gboolean    *done)
{
  *done = TRUE;
}

/* The catalogue loaded is the German one, and a string of ours reads in
 * German: the test would prove nothing otherwise. */
static void
test_catalog (void)
{
  g_assert_cmpstr (_("Run Again"), ==, "Erneut ausführen");
  g_assert_cmpstr (C_("series", "Anonymous"), ==, "Anonym");
  g_assert_nonnull (untranslated ("Run Again"));
  g_assert_nonnull (untranslated ("Running, process 4242"));
  g_assert_null (untranslated ("Läuft, Prozess 4242"));
  g_assert_null (untranslated ("Erneut ausführen"));
}

/* The start page, a run and the graph page, and a comparison: nothing
 * left in English; numbers as German writes them. */
static void
test_window_in_german (void)
{
  MgWindow *window = mg_window_new (NULL);
  const char *argv[] = { mg_test_workload (), "hold", "60", "0.4", NULL };
  GtkLabel *peak_label;
  g_autoptr(GRegex) german_size = NULL;
  gboolean done = FALSE;
  guint english = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  english += check_window (GTK_WIDGET (window), "start page");

  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
  g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished),
                    &done);
  english += check_window (GTK_WIDGET (window), "running");
  g_assert_true (mg_test_wait_for (&done, 20));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (
                                  GTK_WIDGET (window), MG_TYPE_WINDOW, "processes_toggle")),
                                TRUE);
  english += check_window (GTK_WIDGET (window), "ended");
  g_assert_true (g_str_has_prefix (mg_window_get_status_text (window), "Beendet mit Status 0 nach "));

  /* The strip's peak, as German writes it: "61,3 MiB". */
  peak_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window->strip),
                                                         MG_TYPE_RUN_STRIP, "peak_label"));
  g_test_message ("peak on screen: %s", gtk_label_get_text (peak_label));
  german_size = g_regex_new ("^[0-9]+,[0-9]\u00a0MiB$", 0, 0, NULL);
  g_assert_true (g_regex_match (german_size, gtk_label_get_text (peak_label), 0, NULL));

  /* A second run, compared with the first. */
  done = FALSE;
  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
  g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished),
                    &done);
  g_assert_true (mg_test_wait_for (&done, 20));
  mg_window_compare (window, 0, 2);
  g_assert_cmpstr (gtk_label_get_text (window->compare_status_label), ==,
                   "Vergleich: mg-workload vs. mg-workload (2)");
  english += check_window (GTK_WIDGET (window), "comparing");

  g_assert_cmpuint (english, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The shortcuts window, as F1's neighbour Ctrl+? shows it. */
static void
test_shortcuts_in_german (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_nonnull (overlay);
  g_assert_cmpuint (check_window (overlay, "shortcuts"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* Every file format writes numbers with '.', in a locale whose decimal
 * separator is ','. */
static void
test_files_keep_the_dot (void)
{
  MgWindow *window = mg_window_new (NULL);
  const char *argv[] = { mg_test_workload (), "hold", "20", "0.3", NULL };
  g_autofree char *dir = g_dir_make_tmp ("memgraph-i18n-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "run.csv", NULL);
  g_autofree char *json_path = g_build_filename (dir, "run.json", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "run.svg", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GRegex) comma_number = g_regex_new ("[0-9],[0-9]+(?: |\"|')", 0, 0, NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean done = FALSE;
  JsonObject *root;

  /* The locale is German: printf writes a comma. */
  g_snprintf (buf, sizeof buf, "%.1f", 0.5);
  g_assert_cmpstr (buf, ==, "0,5");

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mg_window_run_command (window, argv, NULL, 0.05, FALSE));
  g_signal_connect (mg_window_get_recording (window), "finished", G_CALLBACK (on_finished),
                    &done);
  g_assert_true (mg_test_wait_for (&done, 20));

  g_assert_true (mg_window_export (window, csv, MG_EXPORT_CSV, &error));
  g_assert_no_error (error);
  g_file_get_contents (csv_path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "time_s,rss_bytes"));
  /* A time is one cell: "0.050", never split by a decimal comma. */
  {
    g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);
    g_auto(GStrv) cells = g_strsplit (lines[2], ",", -1);

    g_test_message ("CSV: %s", lines[2]);
    g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (header));
    g_assert_nonnull (strchr (cells[0], '.'));
    g_assert_cmpfloat (g_ascii_strtod (cells[0], NULL), >, 0.0);
  }
  g_clear_pointer (&text, g_free);

  g_assert_true (mg_window_export (window, json, MG_EXPORT_JSON, &error));
  g_assert_no_error (error);
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpfloat (json_object_get_double_member (root, "interval_s"), ==, 0.05);
  g_file_get_contents (json_path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "0.05"));
  g_clear_pointer (&text, g_free);

  g_assert_true (mg_window_export (window, svg, MG_EXPORT_SVG, &error));
  g_assert_no_error (error);
  g_file_get_contents (svg_path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "<svg"));
  /* Coordinates such as "12.5 40.25": no "12,5 ". */
  g_assert_false (g_regex_match (comma_number, text, 0, NULL));
  g_assert_nonnull (strchr (text, '.'));

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (csv_path);
  g_remove (json_path);
  g_remove (svg_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;

  g_test_init (&argc, &argv, NULL);
  if (setlocale (LC_ALL, LOCALE_NAME) == NULL)
    {
      g_test_message ("no %s locale: generate it (locale-gen)", LOCALE_NAME);
      return 77;
    }
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();
  load_catalog ();

  g_test_add_func ("/memgraph/i18n/catalog", test_catalog);
  g_test_add_func ("/memgraph/i18n/window-in-german", test_window_in_german);
  g_test_add_func ("/memgraph/i18n/shortcuts-in-german", test_shortcuts_in_german);
  g_test_add_func ("/memgraph/i18n/files-keep-the-dot", test_files_keep_the_dot);

  return g_test_run ();
}
