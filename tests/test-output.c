/* test-output.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is kept of a command's output, counted exactly, and the list model
 * the window shows it through.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mg-output.h"
#include "mg-output-list.h"
#include "mg-recording.h"

#define COST(n) ((n) + MG_OUTPUT_LINE_COST)

static char *
numbered_line (guint  k,
               gsize  bytes)
{
  char *text = g_malloc (bytes + 1);
  char number[16];

  g_snprintf (number, sizeof number, "%09u ", k);
  for (gsize i = 0; i < bytes; i++)
    text[i] = i < 10 ? number[i] : 'x';
  text[bytes] = '\0';
  return text;
}

/* 1000 lines of 100 bytes into a head of 10 lines and a tail of 20: the
 * first 10 and the last 20 are kept, 970 lines and their bytes counted. */
static void
test_head_and_tail (void)
{
  g_autoptr(MgOutput) out = mg_output_new (10 * COST (100), 20 * COST (100));
  guint64 first, end, dropped;
  guint head;

  for (guint k = 0; k < 1000; k++)
    {
      g_autofree char *text = numbered_line (k, 100);

      mg_output_add (out, k * 0.001, k % 2 ? MG_OUTPUT_STDERR : MG_OUTPUT_STDOUT, text, 100, 100);
    }
  g_assert_cmpuint (mg_output_get_n_lines (out), ==, 30);
  g_assert_cmpuint (mg_output_get_n_head (out), ==, 10);
  g_assert_cmpuint (mg_output_get_dropped_lines (out), ==, 970);
  g_assert_cmpuint (mg_output_get_dropped_bytes (out), ==, 970 * 100);
  mg_output_get_state (out, &head, &first, &end, &dropped);
  g_assert_cmpuint (head, ==, 10);
  g_assert_cmpuint (dropped, ==, 970);
  g_assert_cmpuint (first, ==, 980);
  g_assert_cmpuint (end, ==, 1000);

  for (guint i = 0; i < 30; i++)
    {
      const MgOutputLine *line = mg_output_get_line (out, i);
      guint k = i < 10 ? i : 980 + (i - 10);
      g_autofree char *expected = numbered_line (k, 100);

      g_assert_cmpstr (line->text, ==, expected);
      g_assert_cmpuint (line->length, ==, 100);
      g_assert_cmpuint (line->full_length, ==, 100);
      g_assert_cmpfloat (line->time_s, ==, k * 0.001);
      g_assert_cmpint (line->stream, ==, k % 2 ? MG_OUTPUT_STDERR : MG_OUTPUT_STDOUT);
      g_assert_true (mg_output_get_line_by_serial (out, k) == line);
    }
  g_assert_null (mg_output_get_line_by_serial (out, 10));
  g_assert_null (mg_output_get_line_by_serial (out, 979));
  g_assert_null (mg_output_get_line_by_serial (out, 1000));
}

/* What a stream of the store's lines does not carry, counted exactly
 * whichever way lines leave: one by one, a whole tail at once, or never
 * kept in a flood; lines sent and dropped later are not counted. */
static void
test_unsent (void)
{
  g_autoptr(MgOutput) out = mg_output_new (10 * COST (100), 20 * COST (100));
  g_autoptr(GString) flood = g_string_new (NULL);
  guint64 lines, bytes;
  MgOutputLine line;
  gsize end;
  double when = 0;
  MgOutputChunks chunks = { 1, &end, &when };

  /* 0…9 in the head, 20…39 in the tail: 10…19 left before any was sent. */
  for (guint k = 0; k < 40; k++)
    {
      g_autofree char *text = numbered_line (k, 100);

      mg_output_add (out, 0, MG_OUTPUT_STDOUT, text, 100, 100);
    }
  mg_output_get_unsent (out, &lines, &bytes);
  g_assert_cmpuint (lines, ==, 10);
  g_assert_cmpuint (bytes, ==, 1000);

  g_assert_false (mg_output_send_line (out, 15, &line));
  for (guint k = 20; k < 40; k++)
    {
      g_autofree char *expected = numbered_line (k, 100);

      g_assert_true (mg_output_send_line (out, k, &line));
      g_assert_cmpstr (line.text, ==, expected);
      g_free (line.text);
    }
  /* 40…49 push out 20…29, which were sent. */
  for (guint k = 40; k < 50; k++)
    {
      g_autofree char *text = numbered_line (k, 100);

      mg_output_add (out, 0, MG_OUTPUT_STDOUT, text, 100, 100);
    }
  mg_output_get_unsent (out, &lines, &bytes);
  g_assert_cmpuint (lines, ==, 10);

  /* 100 lines at once: 50…129 are never kept, and the tail (30…49, of
   * which 40…49 were not sent) is cleared for 130…149. */
  for (guint k = 50; k < 150; k++)
    {
      g_autofree char *text = numbered_line (k, 100);

      g_string_append (flood, text);
      g_string_append_c (flood, '\n');
    }
  end = flood->len;
  mg_output_lock (out);
  mg_output_add_lines_locked (out, MG_OUTPUT_STDOUT, flood->str, flood->len, 0, &chunks);
  mg_output_unlock (out);
  g_assert_nonnull (mg_output_get_line_by_serial (out, 130));
  g_assert_null (mg_output_get_line_by_serial (out, 129));
  mg_output_get_unsent (out, &lines, &bytes);
  g_assert_cmpuint (lines, ==, 10 + 10 + 80);
  g_assert_cmpuint (bytes, ==, 100 * 100);
  g_assert_cmpuint (mg_output_get_dropped_lines (out), ==, 120);

  /* Lines a stream did not carry to this store add to it. */
  mg_output_add_unsent (out, 7, 700);
  mg_output_get_unsent (out, &lines, &bytes);
  g_assert_cmpuint (lines, ==, 107);
  g_assert_cmpuint (bytes, ==, 10700);
  g_assert_cmpuint (mg_output_get_dropped_lines (out), ==, 127);
}

/* Random lines: mostly short, now and then long, one longer than a text
 * block (2 MiB), some empty, some bytes not UTF-8 and some NULs. */
static GString *
random_lines (GRand *rand,
              gsize  bytes)
{
  GString *text = g_string_new (NULL);
  gboolean long_done = FALSE;

  while (text->len < bytes)
    {
      guint kind = g_rand_int_range (rand, 0, 1000);
      gsize n = kind < 20 ? 0 : kind < 990 ? (gsize) g_rand_int_range (rand, 1, 120)
                                           : (gsize) g_rand_int_range (rand, 1000, 300000);

      if (!long_done && text->len > bytes / 2)
        {
          n = 2200000;
          long_done = TRUE;
        }
      for (gsize i = 0; i < n; i++)
        {
          guint r = g_rand_int_range (rand, 0, 4000);

          g_string_append_c (text, r == 0 ? '\0' : r == 1 ? (char) 0xc3 : r == 2 ? (char) 0xa9
                                   : r == 3 ? (char) 0xff : (char) ('a' + r % 26));
        }
      g_string_append_c (text, '\n');
    }
  return text;
}

/* Whole buffers of lines at once (as the capture splits them, read in
 * chunks at different times) keep exactly what the same lines kept one by
 * one do: the same lines with the same text, times and lengths, the same
 * counts of lines dropped and not sent, within the same memory bound. */
static void
test_lines_at_once (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GString) text = random_lines (rand, 24 * 1024 * 1024);
  g_autoptr(MgOutput) bulk = mg_output_new (300 * 1024, 5 * 1024 * 1024);
  g_autoptr(MgOutput) single = mg_output_new (300 * 1024, 5 * 1024 * 1024);
  gsize done = 0, most = 0;
  guint64 serial = 0, bulk_lines, bulk_bytes, single_lines, single_bytes;
  guint buffers = 0, n;

  while (done < text->len)
    {
      /* A buffer of up to 4 MiB, ended at a newline, read in 1 to 8 chunks. */
      gsize want = MIN (text->len - done, (gsize) g_rand_int_range (rand, 1, 4 * 1024 * 1024));
      const char *last = memchr (text->str + done + want - 1, '\n', text->len - done - want + 1);
      gsize size = last + 1 - (text->str + done);
      gsize ends[8];
      double times[8];
      guint n_chunks = g_rand_int_range (rand, 1, 9);
      MgOutputChunks chunks = { n_chunks, ends, times };
      guint ci = 0;

      for (guint i = 0; i < n_chunks; i++)
        {
          ends[i] = i + 1 == n_chunks ? size : size * (i + 1) / n_chunks;
          times[i] = buffers + i / 10.0;
        }
      mg_output_lock (bulk);
      mg_output_add_lines_locked (bulk, MG_OUTPUT_STDERR, text->str + done, size, 0, &chunks);
      mg_output_unlock (bulk);

      for (const char *p = text->str + done, *end = p + size; p < end;)
        {
          const char *newline = memchr (p, '\n', end - p);
          gsize at = newline - (text->str + done);

          while (ci + 1 < n_chunks && at >= ends[ci])
            ci++;
          mg_output_add (single, times[ci], MG_OUTPUT_STDERR, p, newline - p, newline - p);
          p = newline + 1;
        }

      /* Now and then a reader passes lines on, as a stream does. */
      if (buffers % 3 == 0)
        {
          guint64 first, end, dropped;
          guint head;

          mg_output_get_state (bulk, &head, &first, &end, &dropped);
          for (serial = MAX (serial, first); serial < end; serial++)
            {
              MgOutputLine a, b;

              g_assert_true (mg_output_send_line (bulk, serial, &a));
              g_assert_true (mg_output_send_line (single, serial, &b));
              g_free (a.text);
              g_free (b.text);
            }
        }
      most = MAX (most, mg_output_get_memory (bulk));
      done += size;
      buffers++;
    }

  n = mg_output_get_n_lines (single);
  g_test_message ("%u buffers, %u lines kept, %" G_GUINT64_FORMAT " dropped, most memory %zu",
                  buffers, n, mg_output_get_dropped_lines (single), most);
  g_assert_cmpuint (buffers, >, 8);
  g_assert_cmpuint (mg_output_get_dropped_lines (single), >, 0);
  g_assert_cmpuint (mg_output_get_n_lines (bulk), ==, n);
  g_assert_cmpuint (mg_output_get_n_head (bulk), ==, mg_output_get_n_head (single));
  g_assert_cmpuint (mg_output_get_dropped_lines (bulk), ==, mg_output_get_dropped_lines (single));
  g_assert_cmpuint (mg_output_get_dropped_bytes (bulk), ==, mg_output_get_dropped_bytes (single));
  mg_output_get_unsent (bulk, &bulk_lines, &bulk_bytes);
  mg_output_get_unsent (single, &single_lines, &single_bytes);
  g_assert_cmpuint (bulk_lines, ==, single_lines);
  g_assert_cmpuint (bulk_bytes, ==, single_bytes);
  for (guint i = 0; i < n; i++)
    {
      const MgOutputLine *a = mg_output_get_line (bulk, i);
      const MgOutputLine *b = mg_output_get_line (single, i);

      g_assert_cmpuint (a->length, ==, b->length);
      g_assert_cmpuint (a->full_length, ==, b->full_length);
      g_assert_cmpfloat (a->time_s, ==, b->time_s);
      g_assert_cmpint (a->stream, ==, b->stream);
      g_assert_cmpmem (a->text, a->length + 1, b->text, b->length + 1);
      g_assert_true (g_utf8_validate (a->text, a->length, NULL));
    }
  /* Budgets of 300 KiB + 5 MiB: beyond them at most a big block (2 MiB)
   * partly used at each end of each part, one spare, the 2.2 MB line's own
   * block, and the entries (each line charged 64 bytes, an entry 40, the
   * ring up to twice as many). */
  g_assert_cmpuint (most, <=, 300 * 1024 + 5 * 1024 * 1024 + 4 * 2 * 1024 * 1024 + 2200000 +
                              (300 * 1024 + 5 * 1024 * 1024) / 64 * 40 * 2 + 64 * 40 * 1024 * 2);
}

/* A line longer than MG_OUTPUT_LINE_MAX keeps its first bytes and its
 * length; bytes that are not UTF-8, and NULs, become "?" one for one. */
static void
test_cut_and_invalid (void)
{
  g_autoptr(MgOutput) out = mg_output_new (MG_OUTPUT_HEAD_BYTES, MG_OUTPUT_TAIL_BYTES);
  gsize big = MG_OUTPUT_LINE_MAX + 12345;
  g_autofree char *text = g_malloc (big);
  const char raw[] = { 'a', '\xff', 'b', '\0', 'c', '\xc3', '\xa9', '\xe2', '\x82' };
  const MgOutputLine *line;

  memset (text, 'z', big);
  mg_output_add (out, 1, MG_OUTPUT_STDOUT, text, big, 400000000);
  line = mg_output_get_line (out, 0);
  g_assert_cmpuint (line->length, ==, MG_OUTPUT_LINE_MAX);
  g_assert_cmpuint (line->full_length, ==, 400000000);
  g_assert_cmpuint (strlen (line->text), ==, MG_OUTPUT_LINE_MAX);
  g_assert_cmpuint (mg_output_get_dropped_lines (out), ==, 0);
  g_assert_cmpuint (mg_output_get_dropped_bytes (out), ==, 400000000 - MG_OUTPUT_LINE_MAX);

  mg_output_add (out, 2, MG_OUTPUT_STDOUT, raw, sizeof raw, sizeof raw);
  line = mg_output_get_line (out, 1);
  g_assert_cmpuint (line->length, ==, sizeof raw);
  g_assert_cmpstr (line->text, ==, "a?b?c\xc3\xa9??");
  g_assert_true (g_utf8_validate (line->text, -1, NULL));
}

/* Whatever passes through, the store holds its budgets plus at most a
 * block and the entries of its ring. */
static void
test_memory_bound (void)
{
  g_autoptr(MgOutput) out = mg_output_new (MG_OUTPUT_HEAD_BYTES, MG_OUTPUT_TAIL_BYTES);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *text = g_malloc (300000);
  guint64 total_lines = 0, total_bytes = 0, kept_bytes = 0, cut = 0;
  gsize most = 0;

  memset (text, 'q', 300000);
  for (guint i = 0; i < 200000; i++)
    {
      /* Mostly short lines, now and then a long one. */
      gsize n = g_rand_int_range (rand, 0, 100) == 0 ? g_rand_int_range (rand, 0, 300000)
                                                     : g_rand_int_range (rand, 0, 200);

      mg_output_add (out, i, MG_OUTPUT_STDOUT, text, n, n);
      total_lines++;
      total_bytes += n;
      most = MAX (most, mg_output_get_memory (out));
    }
  for (guint i = 0; i < mg_output_get_n_lines (out); i++)
    {
      kept_bytes += mg_output_get_line (out, i)->length;
      cut += mg_output_get_line (out, i)->full_length - mg_output_get_line (out, i)->length;
    }
  g_test_message ("most memory %zu bytes for %" G_GUINT64_FORMAT " bytes in %" G_GUINT64_FORMAT
                  " lines", most, total_bytes, total_lines);
  g_assert_cmpuint (cut, ==, 0);
  g_assert_cmpuint (mg_output_get_n_lines (out) + mg_output_get_dropped_lines (out), ==,
                    total_lines);
  g_assert_cmpuint (kept_bytes + mg_output_get_dropped_bytes (out), ==, total_bytes);
  /* Budgets of 8 + 8 MiB: at most 16 MiB, two blocks of 256 KiB and a
   * 300 KB line beyond, and the entries (32 bytes for each 64 charged,
   * the ring up to twice as many). */
  g_assert_cmpuint (most, <=, 16 * 1024 * 1024 + 1024 * 1024 + 16 * 1024 * 1024 / 2);
}

/* Counts read back from a file replace the store's own, but a line cut
 * in the file is not counted twice. */
static void
test_restore (void)
{
  g_autoptr(MgOutput) out = mg_output_new (MG_OUTPUT_HEAD_BYTES, MG_OUTPUT_TAIL_BYTES);

  mg_output_add (out, 0, MG_OUTPUT_STDOUT, "first", 5, 5);
  mg_output_add (out, 1, MG_OUTPUT_STDOUT, "cut", 3, 1000);
  mg_output_close_head (out);
  mg_output_add (out, 2, MG_OUTPUT_STDOUT, "last", 4, 4);
  mg_output_restore_dropped (out, 50, 5997);
  g_assert_cmpuint (mg_output_get_n_head (out), ==, 2);
  g_assert_cmpuint (mg_output_get_n_lines (out), ==, 3);
  g_assert_cmpuint (mg_output_get_dropped_lines (out), ==, 50);
  g_assert_cmpuint (mg_output_get_dropped_bytes (out), ==, 5997);
}

/* The model, followed through its items-changed signals as a list view
 * would, always matches what the store keeps. */
static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GPtrArray  *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, position + i, g_list_model_get_item (model, position + i));
}

static void
check_mirror (MgOutputList *list,
              MgRecording  *rec,
              GPtrArray    *mirror)
{
  MgOutput *out = mg_recording_get_output_store (rec);
  guint n = mg_output_get_n_lines (out);
  guint head = mg_output_get_n_head (out);
  gboolean gap = mg_output_get_dropped_lines (out) > 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, mirror->len);
  g_assert_cmpuint (mirror->len, ==, n + (gap ? 1 : 0));
  for (guint i = 0, k = 0; i < mirror->len; i++)
    {
      MgOutputItem *item = g_ptr_array_index (mirror, i);
      const MgOutputLine *line;

      if (gap && i == head)
        {
          g_assert_true (mg_output_item_is_gap (item));
          g_assert_cmpuint (mg_output_item_get_gap_lines (item), ==,
                            mg_output_get_dropped_lines (out));
          continue;
        }
      line = mg_output_get_line (out, k++);
      g_assert_false (mg_output_item_is_gap (item));
      g_assert_true (mg_output_get_line_by_serial (out, mg_output_item_get_serial (item)) == line);
      g_assert_true (strncmp (mg_output_item_get_preview (item), line->text,
                              strlen (mg_output_item_get_preview (item))) == 0);
    }
}

static void
test_list_model (void)
{
  const char *argv[] = { "printer", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  g_autoptr(MgOutputList) list = NULL;
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree char *text = g_malloc (70000);
  guint k = 0;

  memset (text, 'w', 70000);
  list = mg_output_list_new (rec);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), mirror);

  /* Batches of every size, from one line to more than the whole tail,
   * synced in between as the window's timer would. */
  for (guint round = 0; round < 60; round++)
    {
      guint n = round % 7 == 0 ? 300000 : g_rand_int_range (rand, 1, 5000);

      for (guint i = 0; i < n; i++, k++)
        {
          gsize len = g_rand_int_range (rand, 0, 100) == 0 ? 60000 : g_rand_int_range (rand, 0, 80);

          g_snprintf (text, 11, "%09u ", k);
          text[MIN (len, 10)] = 'w';
          mg_recording_add_output_full (rec, k * 1e-4, MG_OUTPUT_STDOUT, text, len, len);
        }
      mg_recording_output_changed (rec);
      mg_output_list_sync (list);
      check_mirror (list, rec, mirror);
    }
  g_test_message ("%u lines, %u kept, %u rows", k, mg_recording_get_n_output (rec), mirror->len);
  g_assert_cmpuint (mg_recording_get_output_dropped_lines (rec), >, 0);

  /* The whole kept text of a line, not its preview. */
  {
    g_autofree char *copy = NULL;
    guint last = mirror->len - 1;
    const MgOutputLine *line = mg_recording_get_output (rec, mg_recording_get_n_output (rec) - 1);

    copy = mg_output_list_dup_line (list, last);
    g_assert_cmpstr (copy, ==, line->text);
    g_assert_null (mg_output_list_dup_line (list,
                                            mg_output_get_n_head (mg_recording_get_output_store (rec))));
  }
}

/* The exit text says what the end of the run waited for: the processes
 * the command left, or the rest of its output, never one for the other. */
static void
test_exit_text (void)
{
  const char *argv[] = { "printer", NULL };
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };

  {
    g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
    g_autofree char *text = NULL;

    mg_recording_set_command_pid (rec, 100);
    mg_recording_add_process (rec, 100, 1, "printer", "printer", 0);
    mg_recording_process_ended (rec, 100, 1.0, 0, 1024);
    mg_recording_add_output (rec, 0.5, MG_OUTPUT_STDOUT, "hello");
    mg_recording_finish (rec, &exit_info, 3.0);
    text = mg_recording_describe_exit (rec);
    g_assert_cmpstr (text, ==, "Exited with status 0 after 1.0 s; reading its output ended "
                               "after 3.0 s");
  }
  {
    g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
    g_autofree char *text = NULL;

    mg_recording_set_command_pid (rec, 100);
    mg_recording_add_process (rec, 100, 1, "printer", "printer", 0);
    mg_recording_add_process (rec, 101, 100, "child", "child", 0.2);
    mg_recording_process_ended (rec, 100, 1.0, 0, 1024);
    mg_recording_process_ended (rec, 101, 2.0, 0, 1024);
    mg_recording_finish (rec, &exit_info, 2.01);
    text = mg_recording_describe_exit (rec);
    g_assert_cmpstr (text, ==, "Exited with status 0 after 1.0 s; the last process it left "
                               "ended after 2.0 s");
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/output/head-and-tail", test_head_and_tail);
  g_test_add_func ("/memgraph/output/cut-and-invalid", test_cut_and_invalid);
  g_test_add_func ("/memgraph/output/memory-bound", test_memory_bound);
  g_test_add_func ("/memgraph/output/lines-at-once", test_lines_at_once);
  g_test_add_func ("/memgraph/output/restore", test_restore);
  g_test_add_func ("/memgraph/output/unsent", test_unsent);
  g_test_add_func ("/memgraph/output/list-model", test_list_model);
  g_test_add_func ("/memgraph/output/exit-text", test_exit_text);

  return g_test_run ();
}
