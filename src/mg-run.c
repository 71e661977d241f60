/* mg-run.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run of a session: its recording, the name a person gave it, and
 * whether it is checked for comparison.
 */
#include "config.h"

#include "mg-run.h"
#include "mg-units.h"

#include <glib/gi18n.h>

struct _MgRun
{
  GObject      parent_instance;

  /* owned */
  MgRecording *recording;
  char        *label;
  gboolean     compared;
};

G_DEFINE_FINAL_TYPE (MgRun, mg_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECORDING,
  PROP_LABEL,
  PROP_COMPARED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mg_run_dispose (GObject *object)
{
  MgRun *self = (MgRun *) object;

  g_clear_object (&self->recording);

  G_OBJECT_CLASS (mg_run_parent_class)->dispose (object);
}

static void
mg_run_finalize (GObject *object)
{
  MgRun *self = (MgRun *) object;

  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (mg_run_parent_class)->finalize (object);
}

static void
mg_run_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  MgRun *self = MG_RUN (object);

  switch (prop_id)
    {
    case PROP_RECORDING:
      g_value_set_object (value, self->recording);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_COMPARED:
      g_value_set_boolean (value, self->compared);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_run_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  MgRun *self = MG_RUN (object);

  switch (prop_id)
    {
    case PROP_RECORDING:
      self->recording = g_value_dup_object (value);
      break;
    case PROP_LABEL:
      mg_run_set_label (self, g_value_get_string (value));
      break;
    case PROP_COMPARED:
      mg_run_set_compared (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_run_class_init (MgRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_run_dispose;
  object_class->finalize = mg_run_finalize;
  object_class->get_property = mg_run_get_property;
  object_class->set_property = mg_run_set_property;

  properties[PROP_RECORDING] =
    g_param_spec_object ("recording", NULL, NULL, MG_TYPE_RECORDING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARED] =
    g_param_spec_boolean ("compared", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_run_init (MgRun *self)
{
  self->label = g_strdup ("");
}

/**
 * mg_run_new:
 * @recording: what was recorded
 * @label: the run's name, such as "run 1" or "floats"
 *
 * Returns: (transfer full): a new run, not compared
 */
MgRun *
mg_run_new (MgRecording *recording,
            const char  *label)
{
  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  return g_object_new (MG_TYPE_RUN, "recording", recording, "label", label, NULL);
}

/**
 * mg_run_get_recording:
 *
 * Returns: (transfer none): the recording of the run
 */
MgRecording *
mg_run_get_recording (MgRun *self)
{
  g_return_val_if_fail (MG_IS_RUN (self), NULL);
  return self->recording;
}

const char *
mg_run_get_label (MgRun *self)
{
  g_return_val_if_fail (MG_IS_RUN (self), NULL);
  return self->label;
}

/**
 * mg_run_set_label:
 * @label: the new name; %NULL or "" keeps the old one (a run always has a
 *   name to be compared by)
 */
void
mg_run_set_label (MgRun      *self,
                  const char *label)
{
  g_return_if_fail (MG_IS_RUN (self));

  if (label == NULL || label[0] == '\0' || g_strcmp0 (label, self->label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

gboolean
mg_run_get_compared (MgRun *self)
{
  g_return_val_if_fail (MG_IS_RUN (self), FALSE);
  return self->compared;
}

void
mg_run_set_compared (MgRun    *self,
                     gboolean  compared)
{
  g_return_if_fail (MG_IS_RUN (self));

  compared = !!compared;
  if (self->compared == compared)
    return;
  self->compared = compared;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARED]);
}

/**
 * mg_run_dup_summary:
 *
 * Returns: (transfer full): the run in one line for the list of runs:
 *   start time, duration (once it has ended), peak and outcome
 */
char *
mg_run_dup_summary (MgRun *self)
{
  g_autofree char *peak = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *started = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *stop_details = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  const MgExit *exit_info;

  g_return_val_if_fail (MG_IS_RUN (self), NULL);

  /* A range or a lower bound said as such, as everywhere else. */
  peak = mg_recording_get_peak_is_exact (self->recording)
         ? mg_format_bytes (mg_recording_get_peak_rss (self->recording))
         : mg_recording_dup_peak_text (self->recording);
  duration = mg_format_duration (mg_recording_get_duration (self->recording));
  started = g_date_time_format (mg_recording_get_started (self->recording), "%X");
  exit_info = mg_recording_get_exit (self->recording);
  stop_details = mg_recording_dup_stop_details (self->recording);

  /* Stopped by the person, with the signal that ended it. */
  if (stop_details != NULL && exit_info->kind == MG_EXIT_SIGNAL)
    /* TRANSLATORS: the outcome of a stopped run, e.g. "stopped (SIGTERM)" */
    outcome = g_strdup_printf (_("stopped (%s)"), mg_signal_name (exit_info->code));
  else if (stop_details != NULL)
    outcome = g_strdup (_("stopped"));
  else switch (exit_info->kind)
    {
    case MG_EXIT_RUNNING:
      outcome = g_strdup (_("running"));
      break;
    case MG_EXIT_STATUS:
      outcome = g_strdup_printf (_("status %d"), exit_info->code);
      break;
    case MG_EXIT_SIGNAL:
      outcome = g_strdup (mg_signal_name (exit_info->code));
      break;
    case MG_EXIT_ERROR:
      outcome = g_strdup (_("did not start"));
      break;
    case MG_EXIT_UNKNOWN:
    default:
      outcome = g_strdup (_("samples only"));
      break;
    }
  /* While it runs, without its duration: the strip says it, and a row
   * whose text changes every second lays the window out every second. */
  if (exit_info->kind == MG_EXIT_RUNNING)
    /* TRANSLATORS: a running run in the list: start time, peak, "running" */
    text = g_strdup_printf (_("%s · peak %s · %s"), started, peak, outcome);
  else
    /* TRANSLATORS: a run in the list: start time, duration, peak, outcome */
    text = g_strdup_printf (_("%s · %s · peak %s · %s"), started, duration, peak, outcome);
  /* Wrapped in a narrow list, a line breaks between its parts only, not
   * inside "361.5 MiB" or "status 0". */
  parts = g_strsplit (text, " · ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char **words = g_strsplit (parts[i], " ", -1);

      g_free (parts[i]);
      parts[i] = g_strjoinv ("\u00a0", words);
      g_strfreev (words);
    }
  return g_strjoinv (" · ", parts);
}
