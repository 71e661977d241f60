/* mg-recording.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The samples of one run and what is derived from them. Append-only, with
 * running maxima, so that readers never rescan the samples.
 */
#include "config.h"

#include "mg-recording.h"
#include "mg-units.h"

#include <glib/gi18n.h>
#include <string.h>

struct _MgRecording
{
  GObject     parent_instance;

  /* owned */
  GStrv       argv;
  char       *directory;
  GDateTime  *started;
  GArray     *samples;     /* of MgSample */
  MgExit      exit_info;

  double      interval_s;
  double      duration_s;
  guint64     peak_rss;
  guint64     peak_vsz;
  double      peak_rss_time;
};

G_DEFINE_FINAL_TYPE (MgRecording, mg_recording, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_SAMPLES,
  PROP_FINISHED,
  N_PROPS
};

enum {
  SAMPLES_ADDED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
mg_recording_finalize (GObject *object)
{
  MgRecording *self = (MgRecording *) object;

  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->samples, g_array_unref);
  g_clear_pointer (&self->exit_info.message, g_free);

  G_OBJECT_CLASS (mg_recording_parent_class)->finalize (object);
}

static void
mg_recording_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MgRecording *self = MG_RECORDING (object);

  switch (prop_id)
    {
    case PROP_N_SAMPLES:
      g_value_set_uint (value, self->samples->len);
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, mg_recording_is_finished (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_recording_class_init (MgRecordingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mg_recording_finalize;
  object_class->get_property = mg_recording_get_property;

  properties[PROP_N_SAMPLES] =
    g_param_spec_uint ("n-samples", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MgRecording::samples-added:
   * @first: index of the first new sample
   *
   * Emitted after samples were appended.
   */
  signals[SAMPLES_ADDED] =
    g_signal_new ("samples-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * MgRecording::finished:
   *
   * Emitted once, when the outcome of the run is known.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mg_recording_init (MgRecording *self)
{
  self->samples = g_array_new (FALSE, FALSE, sizeof (MgSample));
  self->exit_info.kind = MG_EXIT_RUNNING;
  self->duration_s = -1;
}

/**
 * mg_recording_new:
 * @argv: the command and its arguments
 * @directory: (nullable): where it runs
 * @interval_s: the requested time between samples
 *
 * Returns: (transfer full): a new, empty recording
 */
MgRecording *
mg_recording_new (const char * const *argv,
                  const char         *directory,
                  double              interval_s)
{
  MgRecording *self;

  g_return_val_if_fail (argv != NULL, NULL);

  self = g_object_new (MG_TYPE_RECORDING, NULL);
  self->argv = g_strdupv ((char **) argv);
  self->directory = g_strdup (directory);
  self->interval_s = interval_s;
  self->started = g_date_time_new_now_local ();
  return self;
}

const char * const *
mg_recording_get_argv (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  return (const char * const *) self->argv;
}

/**
 * mg_recording_dup_title:
 *
 * Returns: (transfer full): the command as a person would type it, quoted
 *   where needed
 */
char *
mg_recording_dup_title (MgRecording *self)
{
  GString *s;

  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  s = g_string_new (NULL);
  for (guint i = 0; self->argv[i] != NULL; i++)
    {
      const char *arg = self->argv[i];
      gboolean plain = arg[0] != '\0';

      for (const char *p = arg; *p && plain; p++)
        plain = g_ascii_isalnum (*p) || strchr ("-_./=:,+@%", *p) != NULL;

      if (i > 0)
        g_string_append_c (s, ' ');
      if (plain)
        g_string_append (s, arg);
      else
        {
          g_autofree char *quoted = g_shell_quote (arg);
          g_string_append (s, quoted);
        }
    }
  return g_string_free (s, FALSE);
}

const char *
mg_recording_get_directory (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  return self->directory;
}

double
mg_recording_get_interval (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->interval_s;
}

/**
 * mg_recording_get_started:
 *
 * Returns: (transfer none): the wall-clock time the command started
 */
GDateTime *
mg_recording_get_started (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  return self->started;
}

void
mg_recording_set_started (MgRecording *self,
                          GDateTime   *started)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (started != NULL);

  g_date_time_ref (started);
  g_clear_pointer (&self->started, g_date_time_unref);
  self->started = started;
}

/**
 * mg_recording_append:
 * @time_s: seconds since the start; not before the previous sample
 *
 * Appends one sample and updates the peaks.
 */
void
mg_recording_append (MgRecording *self,
                     double       time_s,
                     guint64      rss_bytes,
                     guint64      vsz_bytes)
{
  MgSample sample = { time_s, rss_bytes, vsz_bytes };
  guint first;

  g_return_if_fail (MG_IS_RECORDING (self));

  /* Time must not go backwards, or the binary searches break. */
  if (self->samples->len > 0)
    sample.time_s = MAX (sample.time_s, mg_recording_get_last (self)->time_s);

  first = self->samples->len;
  g_array_append_val (self->samples, sample);

  if (rss_bytes > self->peak_rss)
    {
      self->peak_rss = rss_bytes;
      self->peak_rss_time = sample.time_s;
    }
  self->peak_vsz = MAX (self->peak_vsz, vsz_bytes);

  g_signal_emit (self, signals[SAMPLES_ADDED], 0, first);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SAMPLES]);
}

guint
mg_recording_get_n_samples (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->samples->len;
}

/**
 * mg_recording_get_samples:
 *
 * Returns: (transfer none): the samples, valid until the next append
 */
const MgSample *
mg_recording_get_samples (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  return (const MgSample *) self->samples->data;
}

/**
 * mg_recording_get_last:
 *
 * Returns: (transfer none) (nullable): the newest sample
 */
const MgSample *
mg_recording_get_last (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  if (self->samples->len == 0)
    return NULL;
  return &g_array_index (self->samples, MgSample, self->samples->len - 1);
}

guint64
mg_recording_get_peak_rss (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->peak_rss;
}

guint64
mg_recording_get_peak_vsz (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->peak_vsz;
}

double
mg_recording_get_peak_rss_time (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->peak_rss_time;
}

/**
 * mg_recording_find_sample:
 * @time_s: a time since the start
 *
 * Returns: the index of the first sample at or after @time_s, or the number
 *   of samples when there is none
 */
guint
mg_recording_find_sample (MgRecording *self,
                          double       time_s)
{
  const MgSample *s;
  guint lo = 0, hi;

  g_return_val_if_fail (MG_IS_RECORDING (self), 0);

  s = (const MgSample *) self->samples->data;
  hi = self->samples->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (s[mid].time_s < time_s)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
mg_recording_is_finished (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);
  return self->exit_info.kind != MG_EXIT_RUNNING;
}

/**
 * mg_recording_get_exit:
 *
 * Returns: (transfer none): how the command ended; kind is
 *   %MG_EXIT_RUNNING while it has not
 */
const MgExit *
mg_recording_get_exit (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  return &self->exit_info;
}

/**
 * mg_recording_get_duration:
 *
 * Returns: the run's length in seconds once finished; before, the time of
 *   the newest sample
 */
double
mg_recording_get_duration (MgRecording *self)
{
  const MgSample *last;

  g_return_val_if_fail (MG_IS_RECORDING (self), 0);

  if (self->duration_s >= 0)
    return self->duration_s;
  last = mg_recording_get_last (self);
  return last != NULL ? last->time_s : 0;
}

/**
 * mg_recording_finish:
 * @exit_info: how the command ended
 * @duration_s: from start to exit, in seconds
 *
 * Records the outcome. Only the first call counts.
 */
void
mg_recording_finish (MgRecording  *self,
                     const MgExit *exit_info,
                     double        duration_s)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (exit_info != NULL);
  g_return_if_fail (exit_info->kind != MG_EXIT_RUNNING);

  if (mg_recording_is_finished (self))
    return;

  self->exit_info = *exit_info;
  self->exit_info.message = g_strdup (exit_info->message);
  self->duration_s = MAX (duration_s, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  g_signal_emit (self, signals[FINISHED], 0);
}

/**
 * mg_recording_describe_exit:
 *
 * Returns: (transfer full): how the run ended in plain words, such as
 *   "Exited with status 0 after 12.3 s"
 */
char *
mg_recording_describe_exit (MgRecording *self)
{
  g_autofree char *duration = NULL;

  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  duration = mg_format_duration (mg_recording_get_duration (self));

  switch (self->exit_info.kind)
    {
    case MG_EXIT_RUNNING:
      return g_strdup_printf (_("Running for %s"), duration);

    case MG_EXIT_STATUS:
      return g_strdup_printf (_("Exited with status %d after %s"),
                              self->exit_info.code, duration);

    case MG_EXIT_SIGNAL:
      if (self->exit_info.core_dumped)
        return g_strdup_printf (_("Killed by signal %d (%s) after %s, core dumped"),
                                self->exit_info.code,
                                mg_signal_name (self->exit_info.code), duration);
      return g_strdup_printf (_("Killed by signal %d (%s) after %s"),
                              self->exit_info.code,
                              mg_signal_name (self->exit_info.code), duration);

    case MG_EXIT_ERROR:
    default:
      return g_strdup_printf (_("Could not start: %s"),
                              self->exit_info.message ? self->exit_info.message : _("unknown error"));
    }
}

/**
 * mg_recording_get_exit_code:
 *
 * Returns: the status a shell would report: the exit status, 128 + N when
 *   killed by signal N, 127 when it could not start, -1 while running
 */
int
mg_recording_get_exit_code (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), -1);

  switch (self->exit_info.kind)
    {
    case MG_EXIT_STATUS:
      return self->exit_info.code;
    case MG_EXIT_SIGNAL:
      return 128 + self->exit_info.code;
    case MG_EXIT_ERROR:
      return 127;
    case MG_EXIT_RUNNING:
    default:
      return -1;
    }
}
