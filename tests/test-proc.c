/* test-proc.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include "mg-proc.h"

static char *
read_fixture (const char *name,
              gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, len, NULL));
  return contents;
}

static void
test_parse_statm (void)
{
  gsize len;
  g_autofree char *buf = read_fixture ("statm-bash.txt", &len);
  MgStatm statm;

  g_assert_true (mg_proc_parse_statm (buf, len, 4096, &statm));
  g_assert_cmpuint (statm.vsz_bytes, ==, 27781ull * 4096);
  g_assert_cmpuint (statm.rss_bytes, ==, 6452ull * 4096);
  g_assert_cmpuint (statm.shared_bytes, ==, 1570ull * 4096);

  /* Another page size scales the same numbers. */
  g_assert_true (mg_proc_parse_statm (buf, len, 65536, &statm));
  g_assert_cmpuint (statm.rss_bytes, ==, 6452ull * 65536);
}

static void
test_parse_statm_malformed (void)
{
  const char *bad[] = {
    "",
    "12",
    "12 34",
    "a b c",
    "12 34 5x 0 0 0 0",
    "99999999999999999999999 1 1 0 0 0 0",
    "-1 2 3 0 0 0 0",
  };
  MgStatm statm;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (mg_proc_parse_statm (bad[i], strlen (bad[i]), 4096, &statm));

  /* Pages that would overflow 64 bits in bytes. */
  g_assert_false (mg_proc_parse_statm ("9000000000000000000 1 1", 23, 4096, &statm));

  /* Not NUL-terminated: the parser must stop at len. */
  g_assert_true (mg_proc_parse_statm ("10 20 30 999", 8, 4096, &statm));
  g_assert_cmpuint (statm.shared_bytes, ==, 30ull * 4096);
  g_assert_false (mg_proc_parse_statm ("10 20 30", 6, 4096, &statm));
}

static void
test_parse_status (void)
{
  gsize len;
  g_autofree char *buf = read_fixture ("status-bash.txt", &len);
  MgStatus status;

  g_assert_true (mg_proc_parse_status (buf, len, &status));
  g_assert_cmpstr (status.name, ==, "bash");
  g_assert_cmpint (status.ppid, ==, 1);
  g_assert_cmpuint (status.vm_peak, ==, 111192ull * 1024);
  g_assert_cmpuint (status.vm_size, ==, 111124ull * 1024);
  g_assert_cmpuint (status.vm_hwm, ==, 25808ull * 1024);
  g_assert_cmpuint (status.vm_rss, ==, 25808ull * 1024);
  g_assert_cmpuint (status.rss_anon, ==, 19528ull * 1024);
  g_assert_cmpuint (status.rss_file, ==, 6280ull * 1024);
  g_assert_cmpuint (status.rss_shmem, ==, 0);
  g_assert_cmpuint (status.threads, ==, 1);
  /* Anonymous plus file plus shared is the resident total. */
  g_assert_cmpuint (status.rss_anon + status.rss_file + status.rss_shmem, ==, status.vm_rss);
  g_assert_true (status.present & MG_STATUS_VM_HWM);
  g_assert_true (status.present & MG_STATUS_VM_SWAP);
}

static void
test_parse_status_kernel_thread (void)
{
  gsize len;
  g_autofree char *buf = read_fixture ("status-kernel-thread.txt", &len);
  MgStatus status;

  /* A kernel thread has no Vm lines: parsed, with those fields absent. */
  g_assert_true (mg_proc_parse_status (buf, len, &status));
  g_assert_cmpstr (status.name, ==, "kthreadd");
  g_assert_false (status.present & MG_STATUS_VM_RSS);
  g_assert_cmpuint (status.vm_rss, ==, 0);
}

static void
test_parse_status_malformed (void)
{
  MgStatus status;
  const char *bad_value = "Name:\tx\nVmRSS:\t  lots kB\n";
  const char *nothing = "Hello: world\n";

  g_assert_false (mg_proc_parse_status (bad_value, strlen (bad_value), &status));
  g_assert_false (mg_proc_parse_status (nothing, strlen (nothing), &status));
  g_assert_false (mg_proc_parse_status ("", 0, &status));
}

/* A key holding a NUL is no key we know: "VmSize\0" is passed over, read
 * within the buffer (the fuzzer found a read past the key's literal). */
static void
test_parse_status_key_with_nul (void)
{
  MgStatus status;
  const char buf[] = "VmSize\0:\t 500 kB\nVmRSS:\t 4 kB\n";

  g_assert_true (mg_proc_parse_status (buf, sizeof buf - 1, &status));
  g_assert_false (status.present & MG_STATUS_VM_SIZE);
  g_assert_true (status.present & MG_STATUS_VM_RSS);
  g_assert_cmpuint (status.vm_rss, ==, 4096);
}

static void
test_parse_smaps_rollup (void)
{
  gsize len;
  g_autofree char *buf = read_fixture ("smaps_rollup-big.txt", &len);
  MgSmapsRollup r;

  g_assert_true (mg_proc_parse_smaps_rollup (buf, len, &r));
  g_assert_cmpuint (r.rss, ==, 1053696ull * 1024);
  /* "Pss_Anon" and friends are not "Pss". */
  g_assert_cmpuint (r.pss, ==, 526848ull * 1024);
  g_assert_cmpuint (r.uss, ==, 2048ull * 1024);
  g_assert_cmpuint (r.swap, ==, 64ull * 1024);

  g_assert_false (mg_proc_parse_smaps_rollup ("Rss: 12 kB\n", 11, &r));
  g_assert_false (mg_proc_parse_smaps_rollup ("Rss: x kB\nPss: 1 kB\n", 21, &r));
}

static void
test_parse_children (void)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  const char *text = "1234 5678 90 \n";

  g_assert_cmpuint (mg_proc_parse_children (text, strlen (text), pids), ==, 3);
  g_assert_cmpint (g_array_index (pids, pid_t, 0), ==, 1234);
  g_assert_cmpint (g_array_index (pids, pid_t, 2), ==, 90);

  g_array_set_size (pids, 0);
  g_assert_cmpuint (mg_proc_parse_children ("", 0, pids), ==, 0);
  /* Garbage stops the list; pid 0 and overflowing numbers are refused. */
  g_assert_cmpuint (mg_proc_parse_children ("12 ab 34", 8, pids), ==, 1);
  g_assert_cmpuint (mg_proc_parse_children ("0 7", 3, pids), ==, 0);
  g_assert_cmpuint (mg_proc_parse_children ("99999999999", 11, pids), ==, 0);
}

static void
test_read_self (void)
{
  g_autoptr(GError) error = NULL;
  MgStatm before, after;
  int fd = mg_proc_open (getpid (), "statm", &error);
  gsize size = 64 * 1024 * 1024;
  char *block;

  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_assert_true (mg_proc_read_statm (fd, mg_proc_page_size (), &before, &error));
  g_assert_no_error (error);

  /* The same descriptor, read again at offset 0, sees 64 MiB more. */
  block = g_malloc (size);
  for (gsize i = 0; i < size; i += 4096)
    ((volatile char *) block)[i] = 1;
  g_assert_true (mg_proc_read_statm (fd, mg_proc_page_size (), &after, &error));
  g_assert_cmpuint (after.rss_bytes, >=, before.rss_bytes + size * 95 / 100);
  g_assert_cmpuint (after.vsz_bytes, >=, before.vsz_bytes + size);
  g_free (block);
  close (fd);
}

static void
test_open_missing (void)
{
  g_autoptr(GError) error = NULL;
  /* Pid numbers above pid_max are never used. */
  int fd = mg_proc_open (G_MAXINT32 - 1, "statm", &error);

  g_assert_cmpint (fd, ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_parse_stat (void)
{
  /* A name with spaces and parentheses; field 22 (start time) is 4242,
   * cminflt (10) 70 and cmajflt (12) 3. */
  const char *stat = "1234 (a (b) c) S 77 1234 1234 0 -1 4194560 500 70 2 3 10 20 5 6 20 0 1 0 "
                     "4242 1000000 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0\n";
  MgStat out = { 0 };

  g_assert_true (mg_proc_parse_stat (stat, strlen (stat), &out));
  g_assert_cmpint (out.ppid, ==, 77);
  g_assert_cmpuint (out.start_ticks, ==, 4242);
  g_assert_cmpuint (out.child_faults, ==, 73);
  /* Cut before field 22: refused. */
  g_assert_false (mg_proc_parse_stat (stat, strstr (stat, "4242") - stat, &out));
  g_assert_false (mg_proc_parse_stat ("1234 no parenthesis", 19, &out));
}

/* A file longer than a page is read whole, from a kept-open descriptor. */
static void
test_read_whole (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  int fd = g_file_open_tmp ("memgraph-children-XXXXXX", &path, NULL);

  g_assert_cmpint (fd, >=, 0);
  /* 2,000 pids of 7 digits and a space: 16,000 bytes. */
  for (int i = 0; i < 2000; i++)
    g_string_append_printf (text, "%d ", 1000000 + i);
  g_assert_cmpint (write (fd, text->str, text->len), ==, (gssize) text->len);
  g_assert_cmpint (mg_proc_read_whole (fd, buf), ==, (gssize) text->len);
  g_assert_cmpuint (mg_proc_parse_children ((char *) buf->data, text->len, pids), ==, 2000);
  g_assert_cmpint (g_array_index (pids, pid_t, 1999), ==, 1001999);
  /* Read again from the start: the same. */
  g_assert_cmpint (mg_proc_read_whole (fd, buf), ==, (gssize) text->len);
  close (fd);
  g_unlink (path);
}

/* The real children list of a process with 2,000 children. */
static void
test_read_children_2000 (void)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  g_autoptr(GHashTable) mine = g_hash_table_new (NULL, NULL);
  char path[64];
  guint found = 0;
  gssize n;
  int fd;

  for (int i = 0; i < 2000; i++)
    {
      pid_t child = fork ();

      if (child == 0)
        {
          pause ();
          _exit (0);
        }
      g_assert_cmpint (child, >, 0);
      g_hash_table_add (mine, GINT_TO_POINTER (child));
    }
  g_snprintf (path, sizeof path, "task/%d/children", (int) getpid ());
  fd = mg_proc_open (getpid (), path, NULL);
  g_assert_cmpint (fd, >=, 0);
  n = mg_proc_read_whole (fd, buf);
  close (fd);
  g_assert_cmpint (n, >, 4096);
  mg_proc_parse_children ((char *) buf->data, n, pids);
  for (guint i = 0; i < pids->len; i++)
    if (g_hash_table_contains (mine, GINT_TO_POINTER (g_array_index (pids, pid_t, i))))
      found++;

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, mine);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        kill (GPOINTER_TO_INT (key), SIGKILL);
        waitpid (GPOINTER_TO_INT (key), NULL, 0);
      }
  }
  g_assert_cmpuint (found, ==, 2000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/proc/parse-statm", test_parse_statm);
  g_test_add_func ("/memgraph/proc/parse-statm-malformed", test_parse_statm_malformed);
  g_test_add_func ("/memgraph/proc/parse-status", test_parse_status);
  g_test_add_func ("/memgraph/proc/parse-status-kernel-thread", test_parse_status_kernel_thread);
  g_test_add_func ("/memgraph/proc/parse-status-malformed", test_parse_status_malformed);
  g_test_add_func ("/memgraph/proc/parse-status-key-with-nul", test_parse_status_key_with_nul);
  g_test_add_func ("/memgraph/proc/parse-smaps-rollup", test_parse_smaps_rollup);
  g_test_add_func ("/memgraph/proc/parse-children", test_parse_children);
  g_test_add_func ("/memgraph/proc/read-self", test_read_self);
  g_test_add_func ("/memgraph/proc/open-missing", test_open_missing);
  g_test_add_func ("/memgraph/proc/parse-stat", test_parse_stat);
  g_test_add_func ("/memgraph/proc/read-whole", test_read_whole);
  g_test_add_func ("/memgraph/proc/read-children-2000", test_read_children_2000);

  return g_test_run ();
}
