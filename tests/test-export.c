/* test-export.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each writer's output read back: the numbers survive the round trip.
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <linux/fs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "mg-export.h"
#include "mg-test-util.h"

static MgRecording *
ramp_recording (void)
{
  const char *argv[] = { "./raytracer", "--floats", NULL };
  MgRecording *rec = mg_recording_new (argv, "/home/user/src", 0.1);
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };

  for (guint i = 0; i <= 50; i++)
    mg_recording_append (rec, i * 0.1 + 0.000123, (guint64) (i * 6 * MIB) + 4096 * i,
                         (guint64) (1000 * MIB) + i);
  mg_recording_finish (rec, &exit_info, 5.05);
  return rec;
}

typedef struct
{
  GBytes *bytes;
  gsize   offset;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  Reader *r = closure;
  gsize size;
  const guchar *src = g_bytes_get_data (r->bytes, &size);

  if (r->offset + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, src + r->offset, length);
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
test_png (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  MgPlotStyle style;
  Reader reader;

  mg_plot_style_init (&style, FALSE);
  bytes = mg_export_png_bytes (rec, &style, MG_EXPORT_DEFAULT_WIDTH, MG_EXPORT_DEFAULT_HEIGHT,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 8, "\x89PNG\r\n\x1a\n", 8);

  reader.bytes = bytes;
  reader.offset = 0;
  surface = cairo_image_surface_create_from_png_stream (read_bytes, &reader);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 700);
  /* A rising line across most of the width is in the RSS colour. */
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, 0, 0, 1200, 700), >, 1000);
  g_assert_cmpuint (mg_test_count_color (surface, &style.vsz, 0, 0, 1200, 700), >, 300);
  cairo_surface_destroy (surface);

  g_assert_null (mg_export_png_bytes (rec, &style, 0, 10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_csv (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autoptr(GBytes) bytes = mg_export_csv_bytes (rec);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree MgSample *samples = mg_test_copy_samples (rec);
  guint n = mg_recording_get_n_samples (rec);

  g_assert_cmpstr (lines[0], ==,
                   "time_s,rss_bytes,vsz_bytes,anon_bytes,file_bytes,shmem_bytes,swap_bytes");
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);   /* header, rows, empty after last \n */
  g_assert_cmpstr (lines[n + 1], ==, "");

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 7);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[0], NULL), samples[i].time_s, 1e-6);
      g_assert_cmpuint (g_ascii_strtoull (cells[1], NULL, 10), ==, samples[i].rss_bytes);
      g_assert_cmpuint (g_ascii_strtoull (cells[2], NULL, 10), ==, samples[i].vsz_bytes);
    }
}

static JsonObject *
parse_json (GBytes     *bytes,
            JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_json (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autoptr(GBytes) bytes = mg_export_json_bytes (rec);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) started = NULL;
  JsonObject *root = parse_json (bytes, parser);
  JsonObject *samples, *peak, *exit_obj;
  JsonArray *command, *times, *rss, *vsz;
  g_autofree MgSample *s = mg_test_copy_samples (rec);
  guint n = mg_recording_get_n_samples (rec);

  command = json_object_get_array_member (root, "command");
  g_assert_cmpuint (json_array_get_length (command), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (command, 0), ==, "./raytracer");
  g_assert_cmpstr (json_array_get_string_element (command, 1), ==, "--floats");
  g_assert_cmpstr (json_object_get_string_member (root, "directory"), ==, "/home/user/src");
  g_assert_cmpfloat (json_object_get_double_member (root, "interval_s"), ==, 0.1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "duration_s"), 5.05, 1e-9);
  started = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "started"), NULL);
  g_assert_nonnull (started);

  exit_obj = json_object_get_object_member (root, "exit");
  g_assert_cmpint (json_object_get_int_member (exit_obj, "status"), ==, 0);
  g_assert_false (json_object_has_member (exit_obj, "signal"));

  peak = json_object_get_object_member (root, "peak");
  g_assert_cmpint (json_object_get_int_member (peak, "rss_bytes"), ==,
                   (gint64) mg_recording_get_peak_rss (rec));
  g_assert_cmpint (json_object_get_int_member (peak, "vsz_bytes"), ==,
                   (gint64) mg_recording_get_peak_vsz (rec));

  samples = json_object_get_object_member (root, "samples");
  times = json_object_get_array_member (samples, "time_s");
  rss = json_object_get_array_member (samples, "rss_bytes");
  vsz = json_object_get_array_member (samples, "vsz_bytes");
  g_assert_cmpuint (json_array_get_length (times), ==, n);
  g_assert_cmpuint (json_array_get_length (rss), ==, n);
  g_assert_cmpuint (json_array_get_length (vsz), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (times, i), s[i].time_s, 1e-6);
      g_assert_cmpint (json_array_get_int_element (rss, i), ==, (gint64) s[i].rss_bytes);
      g_assert_cmpint (json_array_get_int_element (vsz, i), ==, (gint64) s[i].vsz_bytes);
    }
}

static void
test_json_exits (void)
{
  const char *argv[] = { "x", NULL };
  g_autoptr(MgRecording) killed = mg_recording_new (argv, NULL, 0.1);
  g_autoptr(MgRecording) failed = mg_recording_new (argv, NULL, 0.1);
  MgExit by_signal = { MG_EXIT_SIGNAL, SIGKILL, FALSE, NULL };
  MgExit error = { MG_EXIT_ERROR, 0, FALSE, (char *) "No such file or directory" };
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(GBytes) b1 = NULL;
  g_autoptr(GBytes) b2 = NULL;
  JsonObject *exit_obj;

  mg_recording_finish (killed, &by_signal, 1);
  mg_recording_finish (failed, &error, 0);
  b1 = mg_export_json_bytes (killed);
  b2 = mg_export_json_bytes (failed);

  exit_obj = json_object_get_object_member (parse_json (b1, p1), "exit");
  g_assert_cmpint (json_object_get_int_member (exit_obj, "signal"), ==, SIGKILL);
  g_assert_cmpstr (json_object_get_string_member (exit_obj, "signal_name"), ==, "SIGKILL");
  g_assert_false (json_object_has_member (exit_obj, "status"));

  exit_obj = json_object_get_object_member (parse_json (b2, p2), "exit");
  g_assert_cmpstr (json_object_get_string_member (exit_obj, "error"), ==,
                   "No such file or directory");
}

static void
test_write_files (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("memgraph-test-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "graph.png", NULL);
  g_autofree char *csv = g_build_filename (dir, "samples.CSV", NULL);
  g_autofree char *blocker = g_build_filename (dir, "not-a-dir", NULL);
  g_autofree char *bad = g_build_filename (blocker, "graph.png", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autofree char *contents = NULL;
  MgPlotStyle style;

  mg_plot_style_init (&style, FALSE);
  g_assert_cmpint (mg_export_format_for_path (png), ==, MG_EXPORT_PNG);
  g_assert_cmpint (mg_export_format_for_path (csv), ==, MG_EXPORT_CSV);
  g_assert_cmpint (mg_export_format_for_path ("a.JSON"), ==, MG_EXPORT_JSON);
  g_assert_cmpint (mg_export_format_for_path ("a.txt"), ==, MG_EXPORT_UNKNOWN);
  g_assert_cmpint (mg_export_format_for_path ("dir.png/file"), ==, MG_EXPORT_UNKNOWN);

  g_assert_true (mg_export_write (rec, png_file, MG_EXPORT_PNG, &style, 1200, 700, &error));
  g_assert_no_error (error);
  g_assert_true (mg_export_write (rec, csv_file, MG_EXPORT_CSV, &style, 1200, 700, &error));
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "time_s,rss_bytes,vsz_bytes,"));

  /* A path below a regular file cannot be written: a clear error naming it. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_assert_false (mg_export_write (rec, bad_file, MG_EXPORT_PNG, &style, 1200, 700, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not-a-dir"));
  g_clear_error (&error);

  g_assert_false (mg_export_write (rec, png_file, MG_EXPORT_UNKNOWN, &style, 1200, 700, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);

  g_unlink (png);
  g_unlink (csv);
  g_unlink (blocker);
  g_rmdir (dir);
}

static void
svg_start (GMarkupParseContext *context,
           const char          *element,
           const char         **names,
           const char         **values,
           gpointer             user_data,
           GError             **error)
{
  guint *counts = user_data;

  if (g_str_equal (element, "svg"))
    {
      for (guint i = 0; names[i] != NULL; i++)
        {
          if (g_str_equal (names[i], "width"))
            g_assert_true (g_str_has_prefix (values[i], "1200"));
          if (g_str_equal (names[i], "height"))
            g_assert_true (g_str_has_prefix (values[i], "700"));
        }
      counts[0]++;
    }
  else if (g_str_equal (element, "path"))
    counts[1]++;
}

/* SVG: a well-formed XML document of the asked size, with paths in it. */
static void
test_svg (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GMarkupParser parser = { svg_start, NULL, NULL, NULL, NULL };
  GMarkupParseContext *context;
  guint counts[2] = { 0, 0 };
  MgPlotStyle style;
  gsize size;
  const char *data;

  mg_plot_style_init (&style, FALSE);
  bytes = mg_export_vector_bytes (rec, MG_EXPORT_SVG, &style, 1200, 700, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);

  context = g_markup_parse_context_new (&parser, 0, counts, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, size, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  g_assert_cmpuint (counts[0], ==, 1);
  /* Grid, axes, the curves: many paths, not an embedded bitmap. */
  g_assert_cmpuint (counts[1], >, 10);
  g_assert_null (g_strstr_len (data, size, "<image"));
}

/* PDF: by structure: the header, one page of the asked size, the trailer. */
static void
test_pdf (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  MgPlotStyle style;
  gsize size;
  const char *data;

  mg_plot_style_init (&style, TRUE);
  bytes = mg_export_vector_bytes (rec, MG_EXPORT_PDF, &style, 800, 450, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);

  /* Binary streams hold NUL bytes: search with memmem(). */
  g_assert_true (g_str_has_prefix (data, "%PDF-1."));
  g_assert_nonnull (memmem (data, size, "/Type /Page", 11));
  g_assert_nonnull (memmem (data, size, "/MediaBox [ 0 0 800 450 ]", 25));
  g_assert_null (memmem (data, size, "/MediaBox [ 0 0 1200", 20));
  g_assert_nonnull (memmem (data + size - 16, 16, "%%EOF", 5));
}

static void
test_parse_size (void)
{
  int w = 0, h = 0;

  g_assert_true (mg_export_parse_size ("1200x700", &w, &h));
  g_assert_cmpint (w, ==, 1200);
  g_assert_cmpint (h, ==, 700);
  g_assert_true (mg_export_parse_size ("800X450", &w, &h));
  g_assert_false (mg_export_parse_size ("1200", &w, &h));
  g_assert_false (mg_export_parse_size ("x700", &w, &h));
  g_assert_false (mg_export_parse_size ("1200x", &w, &h));
  g_assert_false (mg_export_parse_size ("50x50", &w, &h));
  g_assert_false (mg_export_parse_size ("99999x700", &w, &h));
  g_assert_false (mg_export_parse_size ("1200x700px", &w, &h));
  g_assert_false (mg_export_parse_size ("-1200x700", &w, &h));
}

/* A write that fails leaves the existing file as it was. */
static void
test_failed_write_keeps_file (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("memgraph-keep-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "graph.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  MgPlotStyle style;
  int flags = 0, fd;
  gboolean locked;

  g_assert_true (g_file_set_contents (path, "the old graph", -1, NULL));

  /* The directory refuses new files: read-only for a user, immutable for
   * root (who ignores permissions). */
  if (geteuid () != 0)
    locked = g_chmod (dir, 0555) == 0;
  else
    {
      fd = open (dir, O_RDONLY | O_DIRECTORY);
      locked = fd >= 0 && ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0 &&
               (flags |= FS_IMMUTABLE_FL, ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0);
      if (fd >= 0)
        close (fd);
    }
  if (!locked)
    {
      g_unlink (path);
      g_rmdir (dir);
      g_test_skip ("cannot make a directory read-only on this file system");
      return;
    }

  mg_plot_style_init (&style, FALSE);
  g_assert_false (mg_export_write (rec, file, MG_EXPORT_PNG, &style, 1200, 700, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old graph");

  if (geteuid () != 0)
    g_chmod (dir, 0755);
  else
    {
      fd = open (dir, O_RDONLY | O_DIRECTORY);
      flags &= ~FS_IMMUTABLE_FL;
      g_assert_cmpint (ioctl (fd, FS_IOC_SETFLAGS, &flags), ==, 0);
      close (fd);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* Whether this test has mounts of its own (see main ()). */
static gboolean private_mounts;

/* Mounts a small tmpfs with @options on a new directory, in this test's
 * own mount namespace. */
static char *
mount_small_tmpfs (const char *options)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-disk-XXXXXX", NULL);

  if (!private_mounts || mount ("tmpfs", dir, "tmpfs", 0, options) != 0)
    {
      g_rmdir (dir);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

static void
unmount_tmpfs (const char *dir)
{
  g_assert_cmpint (umount (dir), ==, 0);
  g_rmdir (dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A full disk: the export fails with the path and the reason, the old file
 * keeps its bytes and no half-written temporary file is left behind. */
static void
test_full_disk_keeps_file (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autofree char *dir = mount_small_tmpfs ("size=256k,mode=0755");
  g_autofree char *path = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  const MgExportFormat formats[] = { MG_EXPORT_PNG, MG_EXPORT_SVG, MG_EXPORT_CSV, MG_EXPORT_JSON };
  char block[4096] = { 0 };
  MgPlotStyle style;
  int fd;

  if (dir == NULL)
    {
      g_test_skip ("mounting a small file system needs root and a mount namespace");
      return;
    }
  path = g_build_filename (dir, "graph.png", NULL);
  filler = g_build_filename (dir, "filler", NULL);
  g_assert_true (g_file_set_contents (path, "the old graph", -1, NULL));

  /* Fill every free block. */
  fd = open (filler, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) == sizeof block)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);

  mg_plot_style_init (&style, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      g_assert_false (mg_export_write (rec, file, formats[i], &style, 1200, 700, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "the old graph");
      g_clear_pointer (&contents, g_free);
      names = list_dir (dir);
      g_assert_cmpstr (names, ==, "filler graph.png");
      g_clear_pointer (&names, g_free);
    }

  unmount_tmpfs (dir);
}

/* A read-only file system: the same, for root too. */
static void
test_read_only_fs_keeps_file (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autofree char *dir = mount_small_tmpfs ("size=256k,mode=0755");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  MgPlotStyle style;

  if (dir == NULL)
    {
      g_test_skip ("mounting a small file system needs root and a mount namespace");
      return;
    }
  path = g_build_filename (dir, "graph.png", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (g_file_set_contents (path, "the old graph", -1, NULL));
  g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL), ==, 0);

  mg_plot_style_init (&style, FALSE);
  g_assert_false (mg_export_write (rec, file, MG_EXPORT_PNG, &style, 1200, 700, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old graph");

  unmount_tmpfs (dir);
}

/* -o onto a symbolic link (or a chain of them, relative and absolute):
 * the file it points to is replaced, atomically, and the link stays a
 * link; a dangling link gets its file; a loop of links is an error. */
static void
test_write_symlink (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autoptr(GBytes) csv = mg_export_csv_bytes (rec);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("memgraph-link-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *target = g_build_filename (sub, "target.csv", NULL);
  g_autofree char *middle = g_build_filename (dir, "middle.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.csv", NULL);
  g_autofree char *made = g_build_filename (sub, "made.csv", NULL);
  g_autofree char *loop = g_build_filename (dir, "loop.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *points = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GFile) dangling_file = g_file_new_for_path (dangling);
  g_autoptr(GFile) loop_file = g_file_new_for_path (loop);
  struct stat st;
  gsize size;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (chmod (target, 0640), ==, 0);
  /* link.csv → middle.csv (relative) → sub/target.csv (absolute) */
  g_assert_cmpint (symlink ("middle.csv", link), ==, 0);
  g_assert_cmpint (symlink (target, middle), ==, 0);

  g_assert_true (mg_export_write (rec, file, MG_EXPORT_CSV, NULL, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  points = g_file_read_link (link, NULL);
  g_assert_cmpstr (points, ==, "middle.csv");
  g_assert_cmpint (lstat (middle, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (lstat (target, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_true (g_file_get_contents (target, &contents, &size, NULL));
  g_assert_cmpmem (contents, size, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));

  /* A link to a file that is not there yet: the file is made, beside where
   * the link points. */
  g_assert_cmpint (symlink ("sub/made.csv", dangling), ==, 0);
  g_assert_true (mg_export_write (rec, dangling_file, MG_EXPORT_CSV, NULL, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));

  /* A link to itself. */
  g_assert_cmpint (symlink ("loop.csv", loop), ==, 0);
  g_assert_false (mg_export_write (rec, loop_file, MG_EXPORT_CSV, NULL, 0, 0, &error));
  g_assert_nonnull (strstr (error->message, "Could not write"));
  g_assert_nonnull (strstr (error->message, g_strerror (ELOOP)));

  g_unlink (loop);
  g_unlink (dangling);
  g_unlink (made);
  g_unlink (link);
  g_unlink (middle);
  g_unlink (target);
  g_rmdir (sub);
  g_rmdir (dir);
}

typedef struct
{
  char       *path;
  GByteArray *bytes;
} FifoReader;

static gpointer
read_fifo (gpointer data)
{
  FifoReader *r = data;
  guint8 buf[4096];
  gssize n;
  int fd = open (r->path, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_byte_array_append (r->bytes, buf, n);
  g_assert_cmpint (n, ==, 0);
  close (fd);
  return NULL;
}

/* -o onto a FIFO: its reader gets every byte of the document, and the FIFO
 * stays a FIFO (it was replaced by a regular file, its reader left
 * waiting). */
static void
test_write_fifo (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("memgraph-fifo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) want = mg_export_json_bytes (rec);
  FifoReader reader = { path, g_byte_array_new () };
  GThread *thread;
  struct stat st;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  thread = g_thread_new ("fifo-reader", read_fifo, &reader);
  g_assert_true (mg_export_write (rec, file, MG_EXPORT_JSON, NULL, 0, 0, &error));
  g_assert_no_error (error);
  g_thread_join (thread);

  g_assert_cmpmem (reader.bytes->data, reader.bytes->len, g_bytes_get_data (want, NULL),
                   g_bytes_get_size (want));
  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_byte_array_unref (reader.bytes);
  g_unlink (path);
  g_rmdir (dir);
}

static gpointer
open_and_close (gpointer data)
{
  int fd = open (data, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  return NULL;
}

/* A FIFO whose reader goes away without reading: the export fails with
 * "Broken pipe", and SIGPIPE does not end the process. */
static void
test_write_fifo_reader_gone (void)
{
  const char *argv[] = { "./big", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.01);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("memgraph-fifo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "gone.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GThread *thread;

  /* Far more than a pipe holds. */
  for (guint i = 0; i < 50000; i++)
    mg_recording_append (rec, i * 0.01, 1000000 + i * 4096, 3000000 + i * 4096);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  thread = g_thread_new ("fifo-closer", open_and_close, path);
  g_assert_false (mg_export_write (rec, file, MG_EXPORT_JSON, NULL, 0, 0, &error));
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE);
  g_assert_nonnull (strstr (error->message, g_strerror (EPIPE)));
  g_unlink (path);
  g_rmdir (dir);
}

/* -o onto a character device writes into it: /dev/null stays itself. */
static void
test_write_device (void)
{
  g_autoptr(MgRecording) rec = ramp_recording ();
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/null");
  g_autoptr(GError) error = NULL;
  struct stat before, after;

  g_assert_cmpint (stat ("/dev/null", &before), ==, 0);
  g_assert_true (mg_export_write (rec, file, MG_EXPORT_JSON, NULL, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat ("/dev/null", &after), ==, 0);
  g_assert_true (S_ISCHR (after.st_mode));
  g_assert_cmpuint (after.st_rdev, ==, before.st_rdev);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* As root, mounts made by the tests stay in this process's own
   * namespace, and go with it. */
  if (geteuid () == 0 && unshare (CLONE_NEWNS) == 0)
    private_mounts = mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/export/png", test_png);
  g_test_add_func ("/memgraph/export/csv", test_csv);
  g_test_add_func ("/memgraph/export/json", test_json);
  g_test_add_func ("/memgraph/export/json-exits", test_json_exits);
  g_test_add_func ("/memgraph/export/write-files", test_write_files);
  g_test_add_func ("/memgraph/export/svg", test_svg);
  g_test_add_func ("/memgraph/export/pdf", test_pdf);
  g_test_add_func ("/memgraph/export/parse-size", test_parse_size);
  g_test_add_func ("/memgraph/export/write-symlink", test_write_symlink);
  g_test_add_func ("/memgraph/export/write-device", test_write_device);
  g_test_add_func ("/memgraph/export/write-fifo", test_write_fifo);
  g_test_add_func ("/memgraph/export/write-fifo-reader-gone", test_write_fifo_reader_gone);
  g_test_add_func ("/memgraph/export/failed-write-keeps-file", test_failed_write_keeps_file);
  g_test_add_func ("/memgraph/export/full-disk-keeps-file", test_full_disk_keeps_file);
  g_test_add_func ("/memgraph/export/read-only-fs-keeps-file", test_read_only_fs_keeps_file);

  return g_test_run ();
}
