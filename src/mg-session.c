/* mg-session.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a window shows, without the window: the runs kept (a list model of
 * MgRun), the current one, the command running and its one clock, which
 * runs are compared, and the files to write when the command ends.
 */
#include "config.h"

#include "mg-session.h"
#include "mg-batch.h"
#include "mg-compare.h"
#include "mg-export.h"
#include "mg-import.h"
#include "mg-options.h"
#include "mg-attach.h"
#include "mg-remote.h"
#include "mg-runner.h"

#include <glib/gi18n.h>
#include <string.h>

struct _MgSession
{
  GObject       parent_instance;

  /* owned */
  GListStore   *runs;             /* MgRun, in the order of the list */
  MgRun        *current;
  MgRemote     *remote;           /* a run, through a recorder here or elsewhere */
  MgRemote     *pending;          /* the current run's, made, not yet started */
  GStrv         outputs;
  int           output_width;
  int           output_height;
  int           output_dark;
  gulong        finished_handler;
  gint64        start_us;         /* the zero of the running command's clock */
  gboolean      from_terminal;
  gboolean      comparing;
  guint         holding;          /* comparison changes held while > 0 */

  /* the start page's choices */
  gboolean      catch_spikes;
  gboolean      measure_pss;
  gboolean      follow;
  char         *via;              /* "Run On": the link command, or NULL here */

  /* what the command line asked for, for commands started from it */
  gboolean      terminal_catch_spikes;
  gboolean      terminal_pss;
  gboolean      terminal_capture;
  int           terminal_follow;  /* -1: the start page's choice */
  char         *terminal_via;     /* --via */
};

G_DEFINE_FINAL_TYPE (MgSession, mg_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNS,
  PROP_CURRENT,
  PROP_RUNNING,
  PROP_COMPARING,
  PROP_CATCH_SPIKES,
  PROP_MEASURE_PSS,
  PROP_FOLLOW_EVERY_PROCESS,
  N_PROPS
};

enum {
  FINISHED,
  COMPARISON_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
detach_runner (MgSession *self)
{
  if (self->current != NULL && self->finished_handler != 0)
    g_clear_signal_handler (&self->finished_handler, mg_run_get_recording (self->current));
  self->finished_handler = 0;
  g_clear_object (&self->remote);
  g_clear_object (&self->pending);
}

static void
mg_session_dispose (GObject *object)
{
  MgSession *self = (MgSession *) object;

  /* Never leave a command behind. */
  mg_session_kill (self);
  detach_runner (self);
  g_clear_object (&self->current);

  G_OBJECT_CLASS (mg_session_parent_class)->dispose (object);
}

static void
mg_session_finalize (GObject *object)
{
  MgSession *self = (MgSession *) object;

  g_clear_object (&self->runs);
  g_clear_pointer (&self->outputs, g_strfreev);
  g_free (self->via);
  g_free (self->terminal_via);

  G_OBJECT_CLASS (mg_session_parent_class)->finalize (object);
}

static void
mg_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MgSession *self = MG_SESSION (object);

  switch (prop_id)
    {
    case PROP_RUNS:
      g_value_set_object (value, self->runs);
      break;
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, mg_session_is_running (self));
      break;
    case PROP_COMPARING:
      g_value_set_boolean (value, self->comparing);
      break;
    case PROP_CATCH_SPIKES:
      g_value_set_boolean (value, self->catch_spikes);
      break;
    case PROP_MEASURE_PSS:
      g_value_set_boolean (value, self->measure_pss);
      break;
    case PROP_FOLLOW_EVERY_PROCESS:
      g_value_set_boolean (value, self->follow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_flag (MgSession *self,
          gboolean  *flag,
          gboolean   value,
          guint      prop_id)
{
  value = !!value;
  if (*flag == value)
    return;
  *flag = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
mg_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MgSession *self = MG_SESSION (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      mg_session_set_current (self, g_value_get_object (value));
      break;
    case PROP_CATCH_SPIKES:
      set_flag (self, &self->catch_spikes, g_value_get_boolean (value), prop_id);
      break;
    case PROP_MEASURE_PSS:
      set_flag (self, &self->measure_pss, g_value_get_boolean (value), prop_id);
      break;
    case PROP_FOLLOW_EVERY_PROCESS:
      set_flag (self, &self->follow, g_value_get_boolean (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_session_class_init (MgSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_session_dispose;
  object_class->finalize = mg_session_finalize;
  object_class->get_property = mg_session_get_property;
  object_class->set_property = mg_session_set_property;

  properties[PROP_RUNS] =
    g_param_spec_object ("runs", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, MG_TYPE_RUN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARING] =
    g_param_spec_boolean ("comparing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATCH_SPIKES] =
    g_param_spec_boolean ("catch-spikes", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEASURE_PSS] =
    g_param_spec_boolean ("measure-pss", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW_EVERY_PROCESS] =
    g_param_spec_boolean ("follow-every-process", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MgSession::finished:
   * @run: the run whose command ended
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_RUN);
  /**
   * MgSession::comparison-changed:
   *
   * The runs compared, or the name of one of them, changed.
   */
  signals[COMPARISON_CHANGED] =
    g_signal_new ("comparison-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mg_session_init (MgSession *self)
{
  self->runs = g_list_store_new (MG_TYPE_RUN);
  self->output_width = MG_EXPORT_DEFAULT_WIDTH;
  self->output_height = MG_EXPORT_DEFAULT_HEIGHT;
  self->output_dark = -1;
  self->terminal_follow = -1;
}

/**
 * mg_session_new:
 *
 * Returns: (transfer full): a session without runs
 */
MgSession *
mg_session_new (void)
{
  return g_object_new (MG_TYPE_SESSION, NULL);
}

/**
 * mg_session_get_runs:
 *
 * Returns: (transfer none): the runs kept, a list of #MgRun
 */
GListModel *
mg_session_get_runs (MgSession *self)
{
  g_return_val_if_fail (MG_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->runs);
}

guint
mg_session_get_n_runs (MgSession *self)
{
  g_return_val_if_fail (MG_IS_SESSION (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->runs));
}

/**
 * mg_session_get_run:
 *
 * Returns: (transfer none) (nullable): the run at @index
 */
MgRun *
mg_session_get_run (MgSession *self,
                    guint      index)
{
  MgRun *run;

  g_return_val_if_fail (MG_IS_SESSION (self), NULL);

  run = g_list_model_get_item (G_LIST_MODEL (self->runs), index);
  /* The store keeps its own reference. */
  if (run != NULL)
    g_object_unref (run);
  return run;
}

/**
 * mg_session_get_current:
 *
 * Returns: (transfer none) (nullable): the run shown: the one running, the
 *   last one started or opened, or the one chosen in the list
 */
MgRun *
mg_session_get_current (MgSession *self)
{
  g_return_val_if_fail (MG_IS_SESSION (self), NULL);
  return self->current;
}

/**
 * mg_session_get_recording:
 *
 * Returns: (transfer none) (nullable): the current run's recording
 */
MgRecording *
mg_session_get_recording (MgSession *self)
{
  g_return_val_if_fail (MG_IS_SESSION (self), NULL);
  return self->current != NULL ? mg_run_get_recording (self->current) : NULL;
}

/**
 * mg_session_set_current:
 * @run: a run to show; it need not be in the list
 *
 * Shows another run. Refused while a command runs: the running one stays
 * current.
 */
void
mg_session_set_current (MgSession *self,
                        MgRun     *run)
{
  g_return_if_fail (MG_IS_SESSION (self));
  g_return_if_fail (run == NULL || MG_IS_RUN (run));
  g_return_if_fail (!mg_session_is_running (self));

  if (self->current == run)
    return;
  detach_runner (self);
  g_set_object (&self->current, run);
  self->from_terminal = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

static void update_comparing (MgSession *self);

static void
on_run_changed (MgSession  *self,
                GParamSpec *pspec,
                MgRun      *run)
{
  /* A new name matters only to a comparison it is in. */
  if (g_strcmp0 (pspec->name, "compared") == 0 || mg_run_get_compared (run))
    update_comparing (self);
}

static MgRun *
append_run (MgSession   *self,
            MgRecording *recording,
            const char  *label)
{
  g_autoptr(MgRun) run = mg_run_new (recording, label);

  g_signal_connect_object (run, "notify::compared", G_CALLBACK (on_run_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (run, "notify::label", G_CALLBACK (on_run_changed), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->runs, run);
  return run;
}

/* Whether @token is one of @argv's arguments (past the program). */
static gboolean
has_argument (const char * const *argv,
              const char         *token)
{
  for (guint i = 1; argv[i] != NULL; i++)
    if (strcmp (argv[i], token) == 0)
      return TRUE;
  return FALSE;
}

/* @label, or "@label (N)" when another run has that name already. */
static char *
unique_label (MgSession  *self,
              const char *label)
{
  char *candidate = g_strdup (label);

  for (guint n = 2;; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < mg_session_get_n_runs (self) && !taken; i++)
        taken = g_strcmp0 (mg_run_get_label (mg_session_get_run (self, i)), candidate) == 0;
      if (!taken)
        return candidate;
      g_free (candidate);
      /* TRANSLATORS: a run's name when another run has it already, e.g. "floats (2)" */
      candidate = g_strdup_printf (_("%s (%u)"), label, n);
    }
}

/* The longest a name made from a command is, in characters. */
#define LABEL_MAX_CHARS 32

/* A new run's name says what sets its command apart from the runs before
 * it: the arguments the first run of the same program did not have
 * ("--floats"), or else the program's name ("memgraph-demo"). */
static char *
default_label (MgSession          *self,
               const char * const *argv)
{
  const char * const *first = NULL;
  g_autoptr(GString) label = g_string_new (NULL);

  for (guint i = 0; i < mg_session_get_n_runs (self) && first == NULL; i++)
    {
      MgRecording *recording = mg_run_get_recording (mg_session_get_run (self, i));
      const char * const *other = mg_recording_get_argv (recording);

      if (other != NULL && other[0] != NULL && g_strcmp0 (other[0], argv[0]) == 0)
        first = other;
    }
  if (first != NULL)
    for (guint i = 1; argv[i] != NULL; i++)
      if (argv[i][0] != '\0' && !has_argument (first, argv[i]))
        {
          g_autofree char *base = g_path_get_basename (argv[i]);

          if (label->len > 0)
            g_string_append_c (label, ' ');
          /* A path is known by its file's name. */
          g_string_append (label, strchr (argv[i], '/') != NULL && argv[i][0] != '-'
                                  ? base : argv[i]);
        }
  if (label->len == 0)
    {
      g_autofree char *base = g_path_get_basename (argv[0]);

      g_string_assign (label, base);
    }
  if (g_utf8_strlen (label->str, -1) > LABEL_MAX_CHARS)
    {
      g_autofree char *valid = g_utf8_make_valid (label->str, -1);
      g_autofree char *cut = g_utf8_substring (valid, 0, LABEL_MAX_CHARS - 1);

      g_string_printf (label, "%s\u2026", cut);
    }
  return unique_label (self, label->str);
}

/**
 * mg_session_add_recording:
 * @recording: a recording, such as one read from a file
 * @label: (nullable): its name; %NULL for one made from its command: what
 *   sets it apart from the runs before it ("--floats"), or its program
 *
 * Keeps @recording as a run in the list, without showing it.
 *
 * Returns: (transfer none): the new run
 */
MgRun *
mg_session_add_recording (MgSession   *self,
                          MgRecording *recording,
                          const char  *label)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (MG_IS_SESSION (self), NULL);
  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  if (label == NULL && mg_recording_get_argv (recording) != NULL &&
      mg_recording_get_argv (recording)[0] != NULL)
    label = name = default_label (self, mg_recording_get_argv (recording));
  else if (label == NULL)
    label = name = mg_compare_default_label (recording, NULL, mg_session_get_n_runs (self));
  return append_run (self, recording, label);
}

/**
 * mg_session_set_terminal_options:
 * @catch_spikes: --catch-spikes
 * @pss: --pss
 * @capture_output: --capture-output
 *
 * What the command line asked for, used for commands started from it
 * instead of the start page's choices.
 */
void
mg_session_set_terminal_options (MgSession *self,
                                 gboolean   catch_spikes,
                                 gboolean   pss,
                                 gboolean   capture_output)
{
  g_return_if_fail (MG_IS_SESSION (self));

  self->terminal_catch_spikes = catch_spikes;
  self->terminal_pss = pss;
  self->terminal_capture = capture_output;
}

/**
 * mg_session_set_terminal_follow:
 * @follow: --follow (1), --no-follow (0), or neither (-1: the start page's
 *   choice)
 */
void
mg_session_set_terminal_follow (MgSession *self,
                                int        follow)
{
  g_return_if_fail (MG_IS_SESSION (self));
  self->terminal_follow = follow;
}

/**
 * mg_session_set_via:
 * @via: (nullable): the start page's "Run On": a command that leads to
 *   where commands run ("ssh render01"); %NULL or "" for this computer
 */
void
mg_session_set_via (MgSession  *self,
                    const char *via)
{
  g_return_if_fail (MG_IS_SESSION (self));
  g_free (self->via);
  self->via = via != NULL && via[0] != '\0' ? g_strdup (via) : NULL;
}

/**
 * mg_session_set_terminal_via:
 * @via: (nullable): --via, for commands started from the command line
 */
void
mg_session_set_terminal_via (MgSession  *self,
                             const char *via)
{
  g_return_if_fail (MG_IS_SESSION (self));
  g_free (self->terminal_via);
  self->terminal_via = via != NULL && via[0] != '\0' ? g_strdup (via) : NULL;
}

/**
 * mg_session_dup_place:
 *
 * Returns: (transfer full) (nullable): where the current run runs or ran
 *   ("render01"), or %NULL for this computer
 */
char *
mg_session_dup_place (MgSession *self)
{
  MgRecording *recording;

  g_return_val_if_fail (MG_IS_SESSION (self), NULL);
  recording = mg_session_get_recording (self);
  if (recording == NULL || mg_remote_get_via_of (recording) == NULL)
    return NULL;
  return mg_remote_name_of_via (mg_remote_get_via_of (recording));
}

/**
 * mg_session_get_via:
 * @run: a run of the session
 *
 * Returns: (nullable): the link command @run's command ran through, or
 *   %NULL when it ran on this computer
 */
const char *
mg_session_get_via (MgSession *self,
                    MgRun     *run)
{
  g_return_val_if_fail (MG_IS_SESSION (self), NULL);
  g_return_val_if_fail (MG_IS_RUN (run), NULL);
  return mg_remote_get_via_of (mg_run_get_recording (run));
}

static void
on_finished (MgSession   *self,
             MgRecording *recording)
{
  MgRun *run = self->current;

  g_assert (run != NULL && mg_run_get_recording (run) == recording);

  g_clear_signal_handler (&self->finished_handler, recording);
  /* A handler may drop the last reference to the session (a window that
   * closes once its command ends), or to the run: both outlive the
   * emission. */
  g_object_ref (self);
  g_object_ref (run);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[FINISHED], 0, run);
  g_object_unref (run);
  g_object_unref (self);
}

/* The command as it will run. A program named without a '/' must be in
 * PATH: when it is not, @error says so, naming both. The demo is not in
 * PATH but is found where it was installed, so that the README's
 * "memgraph-demo --floats" works as typed. */
static GStrv
resolve_program (const char * const  *argv,
                 GError             **error)
{
  g_autofree char *found = NULL;
  GStrv resolved;

  if (strchr (argv[0], '/') != NULL)
    return g_strdupv ((char **) argv);
  found = g_find_program_in_path (argv[0]);
  if (found != NULL)
    return g_strdupv ((char **) argv);
  if (strcmp (argv[0], "memgraph-demo") == 0)
    {
      g_autofree char *demo = mg_find_libexec ("memgraph-demo");

      if (g_file_test (demo, G_FILE_TEST_IS_EXECUTABLE))
        {
          resolved = g_strdupv ((char **) argv);
          g_free (resolved[0]);
          resolved[0] = g_steal_pointer (&demo);
          return resolved;
        }
    }
  /* TRANSLATORS: a program that is not there, then the folders of PATH,
   * e.g. "pyhton3 was not found in PATH (/usr/local/bin:/usr/bin:/bin)" */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s was not found in PATH (%s)"),
               argv[0], g_getenv ("PATH") != NULL ? g_getenv ("PATH") : "");
  return NULL;
}

/* Shows @recording as a new run, the current one; the runs compared are
 * unchecked. */
static MgRun *
begin_run (MgSession   *self,
           MgRecording *recording,
           const char  *label,
           gboolean     from_terminal)
{
  MgRun *run = mg_session_add_recording (self, recording, label);

  mg_session_compare (self, G_MAXUINT, 0);
  mg_session_set_current (self, run);
  self->from_terminal = from_terminal;
  return run;
}

/* Once what runs it is kept: #MgSession::finished when it ends. */
static void
watch_run (MgSession   *self,
           MgRecording *recording)
{
  if (!mg_recording_is_finished (recording))
    self->finished_handler = g_signal_connect_object (recording, "finished",
                                                      G_CALLBACK (on_finished), self,
                                                      G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* A command run elsewhere: its program is looked for there, it runs in the
 * directory the link starts in unless one was given, and its output comes
 * back in the stream. */
static MgRun *
start_remote (MgSession          *self,
              const char         *via,
              const char * const *argv,
              const char         *directory,
              double              interval_s,
              gboolean            from_terminal,
              gboolean            follow,
              gboolean            defer,
              GError            **error)
{
  g_autoptr(MgRecording) recording = NULL;
  g_autoptr(MgRemote) remote = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  MgRun *run;

  recording = mg_recording_new (argv, directory ? directory : "", interval_s);
  mg_remote_set_via_of (recording, via);
  remote = mg_remote_new (via, recording, &local_error);
  if (remote != NULL)
    {
      mg_remote_set_catch_spikes (remote, from_terminal ? self->terminal_catch_spikes
                                                        : self->catch_spikes);
      mg_remote_set_pss (remote, from_terminal ? self->terminal_pss : self->measure_pss);
      mg_remote_set_follow (remote, follow);
      mg_remote_set_capture_output (remote, TRUE);
      mg_remote_set_directory (remote, directory);
      self->start_us = g_get_monotonic_time ();
    }
  if ((remote == NULL || (!defer && !mg_remote_start (remote, &local_error))) && !from_terminal)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (local_error != NULL)
    {
      MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, local_error->message };

      mg_recording_finish (recording, &exit_info, 0);
      g_clear_object (&remote);
    }

  name = mg_remote_name_of_via (via);
  {
    g_autofree char *base = default_label (self, argv);

    /* TRANSLATORS: a run's name: "raytracer on render01" */
    label = name != NULL ? g_strdup_printf (_("%s on %s"), base, name) : g_steal_pointer (&base);
  }
  run = begin_run (self, recording, label, from_terminal);
  if (defer)
    self->pending = g_steal_pointer (&remote);
  else
    self->remote = g_steal_pointer (&remote);
  watch_run (self, recording);
  return run;
}

/* Starts the local recorder @remote for @recording, the current run from
 * then on. From a terminal a run that cannot start is a run that says why;
 * from the start page it is only an error, and nothing changes. */
static MgRun *
begin_local (MgSession    *self,
             MgRecording  *recording,
             MgRemote     *remote,
             gboolean      from_terminal,
             gboolean      defer,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  MgRun *run;

  if (defer)
    {
      run = begin_run (self, recording, NULL, from_terminal);
      g_set_object (&self->pending, remote);
      watch_run (self, recording);
      return run;
    }

  self->start_us = g_get_monotonic_time ();
  if (!mg_remote_start (remote, &local_error))
    {
      if (!from_terminal)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!mg_recording_is_finished (recording))
        {
          MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, local_error->message };

          mg_recording_finish (recording, &exit_info, 0);
        }
      remote = NULL;
    }

  run = begin_run (self, recording, NULL, from_terminal);
  g_set_object (&self->remote, remote);
  watch_run (self, recording);
  return run;
}

static MgRun *
start (MgSession          *self,
       const char         *via,
       const char * const *argv,
       const char         *directory,
       double              interval_s,
       gboolean            from_terminal,
       gboolean            follow_every_process,
       gboolean            defer,
       GError            **error)
{
  g_autoptr(MgRecording) recording = NULL;
  g_autoptr(MgRemote) runner = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) resolved = NULL;
  gboolean follow;

  if (mg_session_is_running (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("A command is already running"));
      return NULL;
    }

  interval_s = CLAMP (interval_s, MG_INTERVAL_MIN, MG_INTERVAL_MAX);
  follow = from_terminal && self->terminal_follow >= 0 ? self->terminal_follow : self->follow;
  if (via != NULL)
    return start_remote (self, via, argv, directory, interval_s, from_terminal,
                         follow_every_process || follow, defer, error);
  resolved = resolve_program (argv, &local_error);
  if (resolved == NULL && !from_terminal)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (resolved == NULL)
    {
      /* From a terminal it is a run that says why, as below. */
      MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, local_error->message };

      recording = mg_recording_new (argv, directory ? directory : g_get_home_dir (), interval_s);
      mg_recording_finish (recording, &exit_info, 0);
      return begin_run (self, recording, NULL, from_terminal);
    }
  recording = mg_recording_new ((const char * const *) resolved,
                                directory ? directory : g_get_home_dir (), interval_s);
  /* The recorder samples it, as it would elsewhere; we read its stream. */
  runner = mg_remote_new_local (recording);
  mg_remote_set_inherit_stdin (runner, from_terminal);
  mg_remote_set_catch_spikes (runner, from_terminal ? self->terminal_catch_spikes
                                                    : self->catch_spikes);
  mg_remote_set_pss (runner, from_terminal ? self->terminal_pss : self->measure_pss);
  mg_remote_set_follow (runner, follow_every_process || follow);
  /* From the window the output has nowhere else to go: keep it. */
  mg_remote_set_capture_output (runner, !from_terminal || self->terminal_capture);

  return begin_local (self, recording, runner, from_terminal, defer, error);
}

/**
 * mg_session_start:
 * @argv: the command
 * @directory: (nullable): where to run it; %NULL for the home directory
 * @interval_s: time between samples, clamped to what the sampler can do
 * @from_terminal: whether the command keeps our terminal (stdin inherited)
 *   and uses the terminal options; its failure to start is then a run that
 *   says why
 * @error: return location for why it could not start
 *
 * Starts a command as a new run, the current one; the runs compared are
 * unchecked. #MgSession::finished is emitted when the command ends; a
 * command that could not start from a terminal has already ended on
 * return (mg_recording_is_finished()).
 *
 * Returns: (transfer none) (nullable): the new run, or %NULL when nothing
 *   started and nothing changed
 */
MgRun *
mg_session_start (MgSession          *self,
                  const char * const *argv,
                  const char         *directory,
                  double              interval_s,
                  gboolean            from_terminal,
                  GError            **error)
{
  g_return_val_if_fail (MG_IS_SESSION (self), NULL);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  return start (self, from_terminal ? self->terminal_via : self->via, argv, directory,
                interval_s, from_terminal, FALSE, FALSE, error);
}

/**
 * mg_session_prepare:
 * @argv: the command
 * @directory: (nullable): where to run it; %NULL for the home directory
 * @interval_s: time between samples, clamped to what the sampler can do
 *
 * As mg_session_start() from a terminal, but the command itself starts at
 * mg_session_launch(): the new run is the current one, running, so that it
 * can be shown, and drawn, before its command takes the processor. A
 * command that cannot start, known already (not in PATH), is a run that
 * has ended and says why.
 *
 * Returns: (transfer none) (nullable): the new run, or %NULL when a
 *   command runs already
 */
MgRun *
mg_session_prepare (MgSession          *self,
                    const char * const *argv,
                    const char         *directory,
                    double              interval_s,
                    GError            **error)
{
  g_return_val_if_fail (MG_IS_SESSION (self), NULL);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  return start (self, self->terminal_via, argv, directory, interval_s, TRUE, FALSE, TRUE, error);
}

/**
 * mg_session_launch:
 *
 * Starts the command of the run mg_session_prepare() made; one that cannot
 * start ends the run, which says why (#MgSession::finished). Nothing
 * happens when there is none, or it was stopped first.
 */
void
mg_session_launch (MgSession *self)
{
  g_autoptr(MgRemote) remote = NULL;
  g_autoptr(GError) error = NULL;
  MgRecording *recording;

  g_return_if_fail (MG_IS_SESSION (self));

  if (self->pending == NULL)
    return;
  remote = g_steal_pointer (&self->pending);
  recording = mg_session_get_recording (self);
  self->start_us = g_get_monotonic_time ();
  if (mg_remote_start (remote, &error))
    {
      self->remote = g_steal_pointer (&remote);
      /* Watched again, after the recorder: its own handler of the end
       * must have run (it is no longer running) when the window hears of
       * it. */
      g_clear_signal_handler (&self->finished_handler, recording);
      watch_run (self, recording);
      return;
    }
  /* A local recorder's stream has said why already. */
  if (!mg_recording_is_finished (recording))
    {
      MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, error->message };

      mg_recording_finish (recording, &exit_info, 0);
    }
}

/**
 * mg_session_is_starting:
 *
 * Returns: whether the current run is made and its command not yet
 *   started (mg_session_prepare())
 */
gboolean
mg_session_is_starting (MgSession *self)
{
  g_return_val_if_fail (MG_IS_SESSION (self), FALSE);
  return self->pending != NULL;
}

/* Stopped before its command started: nothing to stop, the run ends
 * saying so. */
static void
drop_pending (MgSession *self)
{
  MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE,
                       (char *) _("Stopped before it started") };

  g_clear_object (&self->pending);
  mg_recording_finish (mg_session_get_recording (self), &exit_info, 0);
}

/**
 * mg_session_attach:
 * @pids: (array length=n_pids): the processes to watch
 * @interval_s: time between samples, clamped to what the sampler can do
 * @from_terminal: whether it was asked for on the command line: a process
 *   that cannot be watched is then a run that says why
 * @error: return location for why it cannot be watched
 *
 * Watches processes that already run, and their descendants, as a new
 * run, the current one. Stopping it stops watching; the processes go on.
 * #MgSession::finished is emitted when they end or watching stops.
 *
 * Returns: (transfer none) (nullable): the new run, or %NULL when nothing
 *   started and nothing changed
 */
MgRun *
mg_session_attach (MgSession    *self,
                   const pid_t  *pids,
                   guint         n_pids,
                   double        interval_s,
                   gboolean      from_terminal,
                   GError      **error)
{
  g_autoptr(MgAttach) attach = NULL;
  g_autoptr(MgRemote) remote = NULL;
  g_autoptr(MgRecording) recording = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MG_IS_SESSION (self), NULL);
  g_return_val_if_fail (pids != NULL && n_pids > 0, NULL);

  if (mg_session_is_running (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("A command is already running"));
      return NULL;
    }

  interval_s = CLAMP (interval_s, MG_INTERVAL_MIN, MG_INTERVAL_MAX);
  attach = mg_attach_new (pids, n_pids, interval_s, &local_error);
  if (attach == NULL && !from_terminal)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (attach == NULL)
    {
      /* As a command that cannot start: a run that says why. */
      g_autoptr(MgRecording) failed = NULL;
      g_autofree char *name = g_strdup_printf ("%d", (int) pids[0]);
      const char *argv[] = { name, NULL };
      MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, local_error->message };

      failed = mg_recording_new (argv, g_get_home_dir (), interval_s);
      mg_recording_set_attached (failed, TRUE);
      mg_recording_finish (failed, &exit_info, 0);
      return begin_run (self, failed, NULL, from_terminal);
    }

  /* Checked here, for a clear message at once; the recorder watches them,
   * as it would elsewhere, and we read its stream. */
  recording = g_object_ref (mg_attach_get_recording (attach));
  g_clear_object (&attach);
  remote = mg_remote_new_local (recording);
  mg_remote_set_pids (remote, pids, n_pids);
  mg_remote_set_pss (remote, from_terminal ? self->terminal_pss : self->measure_pss);
  return begin_local (self, recording, remote, from_terminal, FALSE, error);
}

/**
 * mg_session_can_run_again:
 *
 * Returns: whether the current run has a command that can run again: it is
 *   not running, and it is not a file of samples only
 */
gboolean
mg_session_can_run_again (MgSession *self)
{
  MgRecording *recording;

  g_return_val_if_fail (MG_IS_SESSION (self), FALSE);

  recording = mg_session_get_recording (self);
  /* A run elsewhere whose connection was lost has a command too. */
  return recording != NULL && !mg_session_is_running (self) &&
         !mg_recording_get_attached (recording) &&
         (mg_recording_get_exit (recording)->kind != MG_EXIT_UNKNOWN ||
          mg_remote_get_via_of (recording) != NULL);
}

/**
 * mg_session_run_again:
 * @follow_every_process: follow every process this time, whatever the
 *   options say ("Run Again, Following Every Process")
 *
 * Runs the current run's command again, in its directory, at its interval,
 * from where it was started (terminal or start page).
 *
 * Returns: (transfer none) (nullable): the new run
 */
MgRun *
mg_session_run_again (MgSession  *self,
                      gboolean    follow_every_process,
                      GError    **error)
{
  g_autoptr(MgRecording) previous = NULL;
  const char *via;

  g_return_val_if_fail (MG_IS_SESSION (self), NULL);

  if (!mg_session_can_run_again (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("There is no command to run again"));
      return NULL;
    }

  previous = g_object_ref (mg_session_get_recording (self));
  via = mg_remote_get_via_of (previous);
  return start (self, via, mg_recording_get_argv (previous),
                via != NULL && mg_recording_get_directory (previous)[0] == '\0'
                ? NULL : mg_recording_get_directory (previous),
                mg_recording_get_interval (previous), self->from_terminal, follow_every_process,
                FALSE, error);
}

gboolean
mg_session_is_running (MgSession *self)
{
  g_return_val_if_fail (MG_IS_SESSION (self), FALSE);
  return self->pending != NULL || (self->remote != NULL && mg_remote_is_running (self->remote));
}

/**
 * mg_session_get_from_terminal:
 *
 * Returns: whether the current run was started from the command line
 */
gboolean
mg_session_get_from_terminal (MgSession *self)
{
  g_return_val_if_fail (MG_IS_SESSION (self), FALSE);
  return self->from_terminal;
}

/**
 * mg_session_get_pid:
 *
 * Returns: the process id of the running command, or 0
 */
int
mg_session_get_pid (MgSession *self)
{
  g_return_val_if_fail (MG_IS_SESSION (self), 0);
  return self->remote != NULL && mg_remote_is_running (self->remote) &&
         mg_remote_get_via_of (mg_session_get_recording (self)) == NULL
         ? mg_recording_get_command_pid (mg_session_get_recording (self)) : 0;
}

/**
 * mg_session_stop:
 *
 * Stops the running command: SIGTERM, then SIGKILL after
 * %MG_RUNNER_STOP_GRACE_MS. One not started yet (mg_session_prepare())
 * never starts: its run ends at once, saying so.
 */
void
mg_session_stop (MgSession *self)
{
  g_return_if_fail (MG_IS_SESSION (self));

  if (self->pending != NULL)
    drop_pending (self);
  else if (mg_session_is_running (self))
    {
      /* Processes watched: watching stops, they go on. Else the outcome is
       * said as the person's doing, not a signal's. */
      if (!mg_recording_get_attached (mg_session_get_recording (self)))
        mg_recording_set_stop_time (mg_session_get_recording (self),
                                    mg_session_get_elapsed (self));
      mg_remote_stop (self->remote);
    }
}

/**
 * mg_session_kill:
 *
 * Kills the running command and its tree at once (SIGKILL), for when the
 * program quits and cannot wait.
 */
void
mg_session_kill (MgSession *self)
{
  g_return_if_fail (MG_IS_SESSION (self));

  /* Not started: nothing to kill, and nothing said, as we are going.
   * Processes only watched are not ours to kill: the recorder stops
   * watching. */
  if (self->pending != NULL)
    g_clear_object (&self->pending);
  else if (mg_session_is_running (self))
    mg_remote_kill (self->remote);
}

/**
 * mg_session_get_elapsed:
 *
 * The one clock of the session: the time of the running command since it
 * started, or the duration of the current run when nothing runs.
 *
 * Returns: seconds, or 0 without a run
 */
double
mg_session_get_elapsed (MgSession *self)
{
  MgRecording *recording;

  g_return_val_if_fail (MG_IS_SESSION (self), 0);

  if (self->pending != NULL)
    return 0;
  if (mg_session_is_running (self))
    return (g_get_monotonic_time () - mg_session_get_start_time (self)) / 1e6;
  recording = mg_session_get_recording (self);
  return recording != NULL ? mg_recording_get_duration (recording) : 0;
}

/**
 * mg_session_get_start_time:
 *
 * Returns: the monotonic time (g_get_monotonic_time()) the last command
 *   started at, the zero of its time axis
 */
gint64
mg_session_get_start_time (MgSession *self)
{
  g_return_val_if_fail (MG_IS_SESSION (self), 0);
  if (self->remote != NULL)
    return mg_remote_get_start_time (self->remote);
  return self->start_us;
}

/**
 * mg_session_add_marker:
 * @time_s: where, or < 0 for now (mg_session_get_elapsed())
 * @label: (nullable): what it marks
 *
 * Adds a marker to the current run.
 */
void
mg_session_add_marker (MgSession  *self,
                       double      time_s,
                       const char *label)
{
  MgRecording *recording;

  g_return_if_fail (MG_IS_SESSION (self));

  recording = mg_session_get_recording (self);
  if (recording == NULL)
    return;
  if (time_s < 0)
    time_s = mg_session_get_elapsed (self);
  mg_recording_add_marker (recording, time_s, label);
}

static guint
count_compared (MgSession *self)
{
  guint n = 0;

  for (guint i = 0; i < mg_session_get_n_runs (self); i++)
    n += mg_run_get_compared (mg_session_get_run (self, i));
  return n;
}

/* Two or more runs checked: the session compares them. */
static void
update_comparing (MgSession *self)
{
  gboolean comparing;

  if (self->holding > 0)
    return;
  comparing = count_compared (self) >= 2;
  if (comparing != self->comparing)
    {
      self->comparing = comparing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARING]);
    }
  g_signal_emit (self, signals[COMPARISON_CHANGED], 0);
}

/**
 * mg_session_compare:
 * @first: index of the first run to compare
 * @n: how many runs from there, or 0 for all the others; @first past the
 *   end checks none
 *
 * Checks runs for comparison, and unchecks the others, as a person would
 * in the list of runs; #MgSession::comparison-changed is emitted once.
 */
void
mg_session_compare (MgSession *self,
                    guint      first,
                    guint      n)
{
  guint n_runs;

  g_return_if_fail (MG_IS_SESSION (self));

  n_runs = mg_session_get_n_runs (self);
  self->holding++;
  for (guint i = 0; i < n_runs; i++)
    mg_run_set_compared (mg_session_get_run (self, i),
                         first < n_runs && i >= first && (n == 0 || i - first < n));
  self->holding--;
  update_comparing (self);
}

gboolean
mg_session_is_comparing (MgSession *self)
{
  g_return_val_if_fail (MG_IS_SESSION (self), FALSE);
  return self->comparing;
}

/**
 * mg_session_get_compared:
 * @recordings: an array to append the compared runs' recordings to
 * @labels: an array to append their names to, then %NULL
 *
 * The runs checked for comparison, in the list's order.
 */
void
mg_session_get_compared (MgSession *self,
                         GPtrArray *recordings,
                         GPtrArray *labels)
{
  g_return_if_fail (MG_IS_SESSION (self));
  g_return_if_fail (recordings != NULL && labels != NULL);

  for (guint i = 0; i < mg_session_get_n_runs (self); i++)
    {
      MgRun *run = mg_session_get_run (self, i);

      if (mg_run_get_compared (run))
        {
          g_ptr_array_add (recordings, mg_run_get_recording (run));
          g_ptr_array_add (labels, (gpointer) mg_run_get_label (run));
        }
    }
  g_ptr_array_add (labels, NULL);
}

/**
 * mg_session_dup_comparison_text:
 *
 * Returns: (transfer full) (nullable): the comparison in words, one line a
 *   run, or %NULL when not comparing
 */
char *
mg_session_dup_comparison_text (MgSession *self)
{
  g_autoptr(GPtrArray) recordings = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (MG_IS_SESSION (self), NULL);

  if (!self->comparing)
    return NULL;
  mg_session_get_compared (self, recordings, labels);
  lines = mg_compare_summary ((MgRecording **) recordings->pdata, (const char **) labels->pdata,
                              recordings->len);
  return g_strjoinv ("\n", lines);
}

/**
 * mg_session_open_file:
 * @file: a recording saved as JSON (one run or a comparison), or samples as
 *   CSV
 * @error: return location for a #GError naming the file and what is wrong
 *
 * Reads @file into new runs, the first one current; a saved comparison
 * opens compared. When it cannot be read nothing changes. Refused while a
 * command runs.
 *
 * Returns: (transfer none) (nullable): the first new run
 */
MgRun *
mg_session_open_file (MgSession  *self,
                      GFile      *file,
                      GError    **error)
{
  g_autoptr(GPtrArray) recordings = NULL;
  g_auto(GStrv) labels = NULL;
  MgRun *first_run = NULL;
  guint first;

  g_return_val_if_fail (MG_IS_SESSION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (mg_session_is_running (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("A command is running"));
      return NULL;
    }
  recordings = mg_import_file_runs (file, &labels, error);
  if (recordings == NULL)
    return NULL;

  first = mg_session_get_n_runs (self);
  for (guint i = 0; i < recordings->len; i++)
    {
      MgRun *run = mg_session_add_recording (self, g_ptr_array_index (recordings, i), labels[i]);

      if (first_run == NULL)
        first_run = run;
    }
  mg_session_compare (self, G_MAXUINT, 0);
  mg_session_set_current (self, first_run);
  /* A saved comparison opens compared. */
  if (recordings->len > 1)
    mg_session_compare (self, first, recordings->len);
  return first_run;
}

/**
 * mg_session_set_outputs:
 * @outputs: (nullable): files to write when the next command ends, as with
 *   --output; each one's extension gives its format
 * @width: size of images
 * @height: size of images
 * @dark: style of images: 1 dark, 0 light, -1 as given to
 *   mg_session_write_outputs()
 */
void
mg_session_set_outputs (MgSession          *self,
                        const char * const *outputs,
                        int                 width,
                        int                 height,
                        int                 dark)
{
  g_return_if_fail (MG_IS_SESSION (self));

  g_clear_pointer (&self->outputs, g_strfreev);
  self->outputs = g_strdupv ((char **) outputs);
  self->output_width = width;
  self->output_height = height;
  self->output_dark = dark;
}

/**
 * mg_session_write_outputs:
 * @style: the style of the graph on screen: its series shown are kept,
 *   its colours too unless a style was asked for
 * @error: return location for the first file not written
 *
 * Writes the current run to the files of mg_session_set_outputs(), once:
 * the list is then cleared.
 *
 * Returns: %TRUE when every file was written, or there were none
 */
gboolean
mg_session_write_outputs (MgSession          *self,
                          const MgPlotStyle  *style,
                          GError            **error)
{
  g_auto(GStrv) outputs = NULL;
  MgPlotStyle output_style;

  g_return_val_if_fail (MG_IS_SESSION (self), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  if (self->outputs == NULL || mg_session_get_recording (self) == NULL)
    return TRUE;

  outputs = g_steal_pointer (&self->outputs);
  output_style = *style;
  if (self->output_dark >= 0)
    {
      mg_plot_style_init (&output_style, self->output_dark);
      output_style.show_vsz = style->show_vsz;
      output_style.show_kinds = style->show_kinds;
    }
  return mg_write_outputs (mg_session_get_recording (self), (const char * const *) outputs,
                           &output_style, self->output_width, self->output_height, error);
}
