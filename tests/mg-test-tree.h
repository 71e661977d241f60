/* mg-test-tree.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The processes below a pid, each known by its pid AND its start time
 * (field 22 of /proc/PID/stat), so that a pid reused by another program is
 * never taken for one of ours still alive.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

typedef struct
{
  int     pid;
  guint64 start;   /* clock ticks after boot */
} MgTestProc;

/* Start time and state of @pid, from /proc/PID/stat; FALSE when gone. */
static inline gboolean
mg_test_proc_stat (int      pid,
                   guint64 *start,
                   char    *state)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  paren = strrchr (text, ')');
  if (paren == NULL || paren[1] != ' ')
    return FALSE;
  /* After ") ": field 3 (state) is fields[0], so field 22 is fields[19]. */
  fields = g_strsplit (paren + 2, " ", 21);
  if (g_strv_length (fields) < 20)
    return FALSE;
  *state = fields[0][0];
  *start = g_ascii_strtoull (fields[19], NULL, 10);
  return TRUE;
}

/* Every descendant of @pid now (not @pid itself), through the children
 * list of each of its threads. */
static inline GArray *
mg_test_tree (int pid)
{
  GArray *procs = g_array_new (FALSE, FALSE, sizeof (MgTestProc));
  g_autoptr(GArray) todo = g_array_new (FALSE, FALSE, sizeof (int));

  g_array_append_val (todo, pid);
  for (guint i = 0; i < todo->len; i++)
    {
      int parent = g_array_index (todo, int, i);
      g_autofree char *task_path = g_strdup_printf ("/proc/%d/task", parent);
      g_autoptr(GDir) dir = g_dir_open (task_path, 0, NULL);
      const char *tid;

      while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s/children", task_path, tid);
          g_autofree char *children = NULL;
          char *p, *end;

          if (!g_file_get_contents (path, &children, NULL, NULL))
            continue;
          for (p = children; ; p = end)
            {
              MgTestProc proc = { (int) strtol (p, &end, 10), 0 };
              char state;

              if (end == p)
                break;
              if (proc.pid > 0 && mg_test_proc_stat (proc.pid, &proc.start, &state))
                {
                  g_array_append_val (procs, proc);
                  g_array_append_val (todo, proc.pid);
                }
            }
        }
    }
  return procs;
}

/* Whether that very process (pid and start time) still runs; a zombie has
 * ended. */
static inline gboolean
mg_test_proc_alive (const MgTestProc *proc)
{
  guint64 start;
  char state;

  return mg_test_proc_stat (proc->pid, &start, &state) && start == proc->start && state != 'Z';
}

static inline guint
mg_test_count_alive (GArray *procs)
{
  guint alive = 0;

  for (guint i = 0; i < procs->len; i++)
    alive += mg_test_proc_alive (&g_array_index (procs, MgTestProc, i));
  return alive;
}

/* Waits up to @timeout_s for none of @procs to be alive; returns how many
 * still are. */
static inline guint
mg_test_wait_none_alive (GArray *procs,
                         double  timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);
  guint alive;

  while ((alive = mg_test_count_alive (procs)) > 0 && g_get_monotonic_time () < end)
    g_usleep (20000);
  return alive;
}

/* Waits up to @timeout_s for @pid to have at least @n descendants. */
static inline GArray *
mg_test_wait_tree (int    pid,
                   guint  n,
                   double timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);
  GArray *procs = mg_test_tree (pid);

  while (procs->len < n && g_get_monotonic_time () < end)
    {
      g_array_unref (procs);
      g_usleep (20000);
      procs = mg_test_tree (pid);
    }
  return procs;
}

/* Kills what a failed test left, so that it does not outlive the test. */
static inline void
mg_test_kill_procs (GArray *procs)
{
  for (guint i = 0; i < procs->len; i++)
    if (mg_test_proc_alive (&g_array_index (procs, MgTestProc, i)))
      kill (g_array_index (procs, MgTestProc, i).pid, SIGKILL);
}
