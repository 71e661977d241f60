/* test-models.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list models a recording exposes for Details > Processes and
 * Details > Markers: what they hold, in which order, and which
 * items-changed they emit as processes and markers arrive.
 */
#include "config.h"

#include <locale.h>

#include "mg-recording.h"
#include "mg-recording-models.h"

typedef struct
{
  guint position, removed, added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change c = { position, removed, added };

  g_array_append_val (changes, c);
}

static void
assert_change (GArray *changes,
               guint   i,
               guint   position,
               guint   removed,
               guint   added)
{
  const Change *c;

  g_assert_cmpuint (i, <, changes->len);
  c = &g_array_index (changes, Change, i);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
}

static void
count_changed (MgProcessItem *item,
               guint         *count)
{
  (*count)++;
}

/* The pids of the model, in its order, with each depth: "100 101:1 …". */
static char *
dup_tree (GListModel *model)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MgProcessItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (s, "%s%d:%u", i > 0 ? " " : "", mg_process_item_get_pid (item),
                              mg_process_item_get_depth (item));
    }
  return g_string_free (s, FALSE);
}

static MgProcessItem *
item_of_pid (GListModel *model,
             int         pid)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MgProcessItem) item = g_list_model_get_item (model, i);

      if (mg_process_item_get_pid (item) == pid)
        return item;   /* the model keeps its own reference */
    }
  return NULL;
}

static void
test_processes (void)
{
  const char *argv[] = { "make", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, "/tmp", 0.1);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  MgSample sample = { 0 };
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };
  GListModel *model;
  MgProcessItem *cc, *make, *ld;
  guint cc_changed = 0, make_changed = 0;
  char *tree;

  /* A process seen before the model is asked for is in it. */
  g_assert_cmpuint (mg_recording_add_process (rec, 100, 1, "make", "make all", 0.0), ==, 0);
  model = mg_recording_get_process_model (rec);
  g_assert_true (model == mg_recording_get_process_model (rec));
  g_assert_true (g_list_model_get_item_type (model) == MG_TYPE_PROCESS_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), changes);

  /* Each process is inserted in the tree: after its parent and the
   * subtrees of its parent's earlier children, one step deeper. */
  g_assert_cmpuint (mg_recording_add_process (rec, 101, 100, "sh", "sh -c cc", 0.1), ==, 1);
  assert_change (changes, 0, 1, 0, 1);
  g_assert_cmpuint (mg_recording_add_process (rec, 200, 1, "other", "other", 0.2), ==, 2);
  assert_change (changes, 1, 2, 0, 1);
  g_assert_cmpuint (mg_recording_add_process (rec, 102, 100, "ld", "ld -o a.out", 0.3), ==, 3);
  assert_change (changes, 2, 2, 0, 1);
  g_assert_cmpuint (mg_recording_add_process (rec, 103, 101, "cc1", "cc1 -O2", 0.4), ==, 4);
  assert_change (changes, 3, 2, 0, 1);
  g_assert_cmpuint (changes->len, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  tree = dup_tree (model);
  g_assert_cmpstr (tree, ==, "100:0 101:1 103:2 102:1 200:0");
  g_free (tree);

  cc = item_of_pid (model, 103);
  g_assert_cmpint (mg_process_item_get_index (cc), ==, 4);
  g_assert_cmpstr (mg_process_item_get_name (cc), ==, "cc1");
  g_assert_cmpstr (mg_process_item_get_cmdline (cc), ==, "cc1 -O2");
  g_assert_cmpfloat (mg_process_item_get_start (cc), ==, 0.4);
  g_assert_cmpfloat (mg_process_item_get_end (cc), <, 0);
  g_assert_cmpuint (mg_process_item_get_peak_rss (cc), ==, 0);
  g_signal_connect (cc, "changed", G_CALLBACK (count_changed), &cc_changed);

  /* Its peak follows its samples; what does not change says nothing. */
  sample.time_s = 0.5;
  sample.rss_bytes = 3 << 20;
  mg_recording_process_sample (rec, 4, &sample, 0, 0.4);
  g_assert_cmpuint (cc_changed, ==, 1);
  g_assert_cmpuint (mg_process_item_get_peak_rss (cc), ==, 3 << 20);
  g_assert_cmpint (mg_process_item_get_peak_source (cc), ==, MG_PEAK_SAMPLED);
  sample.time_s = 0.6;
  sample.rss_bytes = 2 << 20;
  mg_recording_process_sample (rec, 4, &sample, 0, 0.5);
  g_assert_cmpuint (cc_changed, ==, 1);
  mg_recording_process_sample (rec, 4, &sample, 5 << 20, 0.5);
  g_assert_cmpuint (cc_changed, ==, 2);
  g_assert_cmpuint (mg_process_item_get_peak_rss (cc), ==, 5 << 20);
  g_assert_cmpint (mg_process_item_get_peak_source (cc), ==, MG_PEAK_VM_HWM);
  g_assert_false (mg_process_item_get_peak_exact (cc));

  /* An exec renames it. */
  mg_recording_process_exec (rec, 4, "as", "as -o x.o");
  g_assert_cmpuint (cc_changed, ==, 3);
  g_assert_cmpstr (mg_process_item_get_name (cc), ==, "as");

  /* Its end, with the exact peak of its reaping: the row changes, the
   * list does not. */
  mg_recording_process_ended_full (rec, 103, 0, 0.7, 0, 6 << 20, 0);
  g_assert_cmpuint (cc_changed, ==, 4);
  g_assert_cmpfloat (mg_process_item_get_end (cc), ==, 0.7);
  g_assert_cmpuint (mg_process_item_get_peak_rss (cc), ==, 6 << 20);
  g_assert_true (mg_process_item_get_peak_exact (cc));
  g_assert_cmpint (mg_process_item_get_peak_source (cc), ==, MG_PEAK_RU_MAXRSS);

  /* Gone out of sight: the end is when it was missed, the peak a bound. */
  ld = item_of_pid (model, 102);
  sample.time_s = 0.7;
  sample.rss_bytes = 1 << 20;
  mg_recording_process_sample (rec, 3, &sample, 2 << 20, 0.6);
  g_assert_cmpint (mg_process_item_get_peak_source (ld), ==, MG_PEAK_VM_HWM);
  mg_recording_process_gone (rec, 3, 0.8);
  g_assert_cmpfloat (mg_process_item_get_end (ld), ==, 0.8);
  g_assert_cmpint (mg_process_item_get_peak_source (ld), ==, MG_PEAK_LAST_VM_HWM);
  g_assert_cmpuint (mg_process_item_get_peak_rss (ld), ==, 2 << 20);

  /* A process reaped before it was ever seen comes as a new root. */
  mg_recording_process_ended_full (rec, 300, 0, 0.9, 0, 1 << 20, 0);
  assert_change (changes, 4, 5, 0, 1);
  g_assert_cmpstr (mg_process_item_get_name (item_of_pid (model, 300)), ==, "");

  /* At the end of the run, the processes still running end with it. */
  make = item_of_pid (model, 100);
  g_signal_connect (make, "changed", G_CALLBACK (count_changed), &make_changed);
  mg_recording_finish (rec, &exit_info, 1.5);
  g_assert_cmpuint (make_changed, ==, 1);
  g_assert_cmpfloat (mg_process_item_get_end (make), ==, 1.5);
  g_assert_cmpfloat (mg_process_item_get_end (cc), ==, 0.7);
  g_assert_cmpuint (cc_changed, ==, 4);
  g_assert_cmpuint (changes->len, ==, 5);
  tree = dup_tree (model);
  g_assert_cmpstr (tree, ==, "100:0 101:1 103:2 102:1 200:0 300:0");
  g_free (tree);
}

/* A recording opened from a file: its model, made afterwards, holds the
 * processes as saved. */
static void
test_processes_restored (void)
{
  const char *argv[] = { "x", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  MgProcess saved[] = {
    { .pid = 10, .ppid = 1, .name = (char *) "a", .cmdline = (char *) "a", .start_s = 0,
      .end_s = 2, .peak_rss = 7 << 20, .peak_source = MG_PEAK_EXIT, .peak_exact = TRUE },
    { .pid = 11, .ppid = 10, .name = (char *) "b", .cmdline = (char *) "b", .start_s = 1,
      .end_s = 1.5, .peak_rss = 4096, .peak_source = MG_PEAK_LAST_VM_HWM },
  };
  GListModel *model;
  g_autoptr(MgProcessItem) a = NULL;
  g_autoptr(MgProcessItem) b = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (saved); i++)
    mg_recording_restore_process (rec, &saved[i]);
  model = mg_recording_get_process_model (rec);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  a = g_list_model_get_item (model, 0);
  b = g_list_model_get_item (model, 1);
  g_assert_cmpint (mg_process_item_get_pid (a), ==, 10);
  g_assert_cmpuint (mg_process_item_get_peak_rss (a), ==, 7 << 20);
  g_assert_true (mg_process_item_get_peak_exact (a));
  g_assert_cmpfloat (mg_process_item_get_end (a), ==, 2);
  g_assert_cmpint (mg_process_item_get_pid (b), ==, 11);
  g_assert_cmpuint (mg_process_item_get_depth (b), ==, 1);
  g_assert_cmpuint (mg_process_item_get_peak_rss (b), ==, 4096);
  g_assert_false (mg_process_item_get_peak_exact (b));
  g_assert_cmpint (mg_process_item_get_peak_source (b), ==, MG_PEAK_LAST_VM_HWM);
}

static void
assert_marker (GListModel *model,
               guint       position,
               double      time_s,
               const char *label)
{
  g_autoptr(MgMarkerItem) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_assert_cmpfloat (mg_marker_item_get_time (item), ==, time_s);
  g_assert_cmpstr (mg_marker_item_get_label (item), ==, label);
}

static void
test_markers (void)
{
  const char *argv[] = { "x", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  MgMarker restored[2];
  GListModel *model;

  mg_recording_add_marker (rec, 2.0, "b");
  model = mg_recording_get_marker_model (rec);
  g_assert_true (g_list_model_get_item_type (model) == MG_TYPE_MARKER_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), changes);

  /* Each inserted where its time puts it, after those of the same time. */
  mg_recording_add_marker (rec, 1.0, "a");
  assert_change (changes, 0, 0, 0, 1);
  mg_recording_add_marker (rec, 3.0, NULL);
  assert_change (changes, 1, 2, 0, 1);
  mg_recording_add_marker (rec, 2.0, "b2");
  assert_change (changes, 2, 2, 0, 1);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  assert_marker (model, 0, 1.0, "a");
  assert_marker (model, 1, 2.0, "b");
  assert_marker (model, 2, 2.0, "b2");
  assert_marker (model, 3, 3.0, "");

  /* Markers opened from a file: one change for the whole list. */
  restored[0] = (MgMarker) { 5.0, g_strdup ("y") };
  restored[1] = (MgMarker) { 0.5, g_strdup ("x") };
  mg_recording_restore_markers (rec, restored, 2);
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 3, 0, 4, 6);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  assert_marker (model, 0, 0.5, "x");
  assert_marker (model, 1, 1.0, "a");
  assert_marker (model, 5, 5.0, "y");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/models/processes", test_processes);
  g_test_add_func ("/memgraph/models/processes-restored", test_processes_restored);
  g_test_add_func ("/memgraph/models/markers", test_markers);

  return g_test_run ();
}
