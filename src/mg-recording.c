/* mg-recording.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The samples of one run and what is derived from them. Append-only, with
 * running maxima, so that readers never rescan the samples.
 */
#include "config.h"

#include "mg-recording.h"
#include "mg-recording-models.h"
#include "mg-field.h"

#include <math.h>
#include <string.h>

struct _MgRecording
{
  GObject     parent_instance;

  /* owned */
  GStrv       argv;
  char       *directory;
  GDateTime  *started;
  MgSamples  *samples;
  MgPyramid  *rss_pyramid; /* min/max summaries of the samples, for drawing */
  MgPyramid  *vsz_pyramid;
  MgExit      exit_info;

  GPtrArray  *processes;   /* of MgProcess */
  GArray     *markers;     /* of MgMarker, by time */
  GArray     *unreadable;  /* of MgUnreadable, as found */
  MgOutput   *output;      /* the kept part of the command's output */
  GHashTable *process_index; /* pid → index + 1 of its newest entry */

  double      interval_s;
  double      duration_s;

  /* Running maxima of every field of MgSample, and of the stacked kinds, so
   * that nothing is recomputed per frame or per export. */
  guint64     field_peaks[MG_N_FIELDS];
  guint64     stacked_peak;

  /* The highest sample, and the highest value known (exact when a kernel
   * high-water mark produced it), with where it may have happened. */
  guint64      sampled_peak_rss;
  double       peak_rss_time;
  guint64      peak_rss;
  MgPeakSource peak_source;
  gboolean     peak_unsampled;
  double       peak_from;
  double       peak_to;
  guint64      max_process_peak;
  int          peak_process;    /* the process whose own figure is the peak, or -1 */

  /* The upper end of the peak of the sum: the highest sum of the exact own
   * peaks of processes alive at the same time; < 0 while not known. */
  gint64       peak_upper;
  gboolean     upper_restored;
  gboolean     unseen;          /* processes ran or ended out of sight */
  gboolean     attached;        /* watched from a moment of its life, not started */
  MgFollow     follow;
  char        *follow_reason;
  guint64      budget;          /* the peak RSS allowed (--max-rss), or 0 */
  GPtrArray   *setuid_names;    /* programs that ran without their privileges */

  /* Achieved interval: a histogram of tick-to-tick times in 1 % buckets. */
  guint32     *interval_hist;
  guint        n_intervals;
  double       worst_interval;
  double       last_tick;

  int          command_pid;
  gboolean     stopped;
  double       stop_time;        /* when Stop was asked for, or < 0 */
  int          exact_restored;   /* -1: derive; 0 or 1: as saved */
  double       median_restored;
  double       worst_restored;
  gboolean     has_kinds;
  gboolean     has_envelope;
  gboolean     has_pss;

  /* Created when first asked for. */
  GListStore  *process_model;   /* MgProcessItem, in the tree's order */
  GPtrArray   *process_items;   /* the same, in the recording's order */
  GListStore  *marker_model;    /* MgMarkerItem, in time order */
};

#define HIST_BUCKETS 2400
#define HIST_BASE    1.01

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
  OUTPUT_CHANGED,
  PSS_SET,
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
  g_clear_pointer (&self->samples, mg_samples_free);
  g_clear_pointer (&self->rss_pyramid, mg_pyramid_free);
  g_clear_pointer (&self->vsz_pyramid, mg_pyramid_free);
  g_clear_pointer (&self->exit_info.message, g_free);
  g_clear_pointer (&self->processes, g_ptr_array_unref);
  for (guint i = 0; self->markers != NULL && i < self->markers->len; i++)
    g_free (g_array_index (self->markers, MgMarker, i).label);
  g_clear_pointer (&self->markers, g_array_unref);
  g_clear_pointer (&self->unreadable, g_array_unref);
  g_clear_pointer (&self->output, mg_output_free);
  g_clear_pointer (&self->process_index, g_hash_table_unref);
  g_clear_pointer (&self->interval_hist, g_free);
  g_clear_object (&self->process_model);
  g_clear_pointer (&self->process_items, g_ptr_array_unref);
  g_clear_object (&self->marker_model);

  g_clear_pointer (&self->setuid_names, g_ptr_array_unref);
  g_clear_pointer (&self->follow_reason, g_free);

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
      g_value_set_uint (value, mg_samples_get_size (self->samples));
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

  /**
   * MgRecording::output-changed:
   *
   * Emitted after lines of the command's output were captured, once for
   * many lines (see mg_recording_output_changed()).
   */
  signals[OUTPUT_CHANGED] =
    g_signal_new ("output-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * MgRecording::pss-set:
   * @index: the sample that got a PSS and USS reading
   *
   * Emitted after mg_recording_set_pss() stored a reading on a sample
   * already appended (PSS is read more slowly than the rest).
   */
  signals[PSS_SET] =
    g_signal_new ("pss-set", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
process_free (gpointer data)
{
  MgProcess *p = data;

  g_free (p->name);
  g_free (p->cmdline);
  mg_samples_free (p->samples);
  g_free (p);
}

static void
mg_recording_init (MgRecording *self)
{
  self->samples = mg_samples_new ();
  self->rss_pyramid = mg_pyramid_new ();
  self->vsz_pyramid = mg_pyramid_new ();
  self->processes = g_ptr_array_new_with_free_func (process_free);
  self->markers = g_array_new (FALSE, FALSE, sizeof (MgMarker));
  self->unreadable = g_array_new (FALSE, FALSE, sizeof (MgUnreadable));
  self->output = mg_output_new (MG_OUTPUT_HEAD_BYTES, MG_OUTPUT_TAIL_BYTES);
  self->process_index = g_hash_table_new (NULL, NULL);
  self->last_tick = -1;
  self->stop_time = -1;
  self->exact_restored = -1;
  self->median_restored = -1;
  self->peak_process = -1;
  self->peak_upper = -1;
  self->setuid_names = g_ptr_array_new_with_free_func (g_free);
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
  guint n_args;

  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  s = g_string_new (NULL);
  for (n_args = 0; self->argv[n_args] != NULL && s->len < MG_TITLE_MAX_BYTES; n_args++)
    {
      guint i = n_args;
      /* A title is read, not searched: a command of megabytes is cut to
       * its start before it is quoted, drawn or printed. */
      g_autofree char *arg = g_strndup (self->argv[i], MG_TITLE_MAX_BYTES);
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
  /* Arguments are bytes; the title is shown and drawn: valid UTF-8. */
  {
    gboolean cut = s->len > MG_TITLE_MAX_BYTES || self->argv[n_args] != NULL;
    g_autofree char *valid = NULL;

    for (guint i = 0; i < n_args && !cut; i++)
      cut = strnlen (self->argv[i], MG_TITLE_MAX_BYTES + 1) > MG_TITLE_MAX_BYTES;
    valid = g_utf8_make_valid (s->str, MIN (s->len, MG_TITLE_MAX_BYTES));
    g_string_free (s, TRUE);
    if (!cut)
      return g_steal_pointer (&valid);
    /* The last character may have been cut in two: make_valid replaced it. */
    return g_strconcat (valid, "…", NULL);
  }
}

/**
 * mg_recording_restore_head:
 * @directory: (nullable): where it ran
 * @interval_s: the requested time between samples
 *
 * For recordings read from a stream, whose first line tells these.
 */
void
mg_recording_restore_head (MgRecording *self,
                           const char  *directory,
                           double       interval_s)
{
  g_return_if_fail (MG_IS_RECORDING (self));

  if (directory != self->directory)
    {
      g_free (self->directory);
      self->directory = g_strdup (directory);
    }
  self->interval_s = interval_s;
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
 * Appends a sample of RSS and VSZ only.
 */
void
mg_recording_append (MgRecording *self,
                     double       time_s,
                     guint64      rss_bytes,
                     guint64      vsz_bytes)
{
  MgSample sample;

  mg_sample_init (&sample, time_s);
  sample.rss_bytes = rss_bytes;
  sample.vsz_bytes = vsz_bytes;
  mg_recording_append_sample (self, &sample);
}

/* A kernel high-water mark: the true peak of one process, which may lie
 * between two samples. */
static void
note_exact_peak (MgRecording  *self,
                 guint64       value,
                 MgPeakSource  source,
                 int           process,
                 double        from_s,
                 double        to_s)
{
  self->max_process_peak = MAX (self->max_process_peak, value);
  /* A high-water mark equal to the highest sample confirms it. */
  if (value == self->peak_rss && self->peak_source == MG_PEAK_SAMPLED)
    {
      self->peak_source = source;
      self->peak_process = process;
    }
  if (value <= self->peak_rss)
    return;

  self->peak_rss = value;
  self->peak_source = source;
  self->peak_process = process;
  /* An attached process's high-water mark at the first read may come from
   * any time since it started, before the recording too: no window. */
  self->peak_unsampled = value > self->sampled_peak_rss && !(self->attached && from_s < 0);
  self->peak_from = MAX (from_s, 0);
  self->peak_to = MAX (to_s, self->peak_from);
}

/**
 * mg_recording_append_sample:
 * @sample: the totals of one tick; time not before the previous sample
 *
 * Appends one sample and updates the peaks.
 */
void
mg_recording_append_sample (MgRecording    *self,
                            const MgSample *sample)
{
  MgSample copy;
  guint first;

  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (sample != NULL);

  copy = *sample;
  /* Time must not go backwards, or the binary searches break. */
  if (mg_samples_get_size (self->samples) > 0)
    copy.time_s = MAX (copy.time_s, mg_recording_get_last (self)->time_s);

  first = mg_samples_get_size (self->samples);
  mg_samples_append (self->samples, &copy);
  mg_pyramid_append (self->rss_pyramid, copy.rss_bytes);
  mg_pyramid_append (self->vsz_pyramid, copy.vsz_bytes);

  if (copy.rss_bytes > self->sampled_peak_rss)
    {
      self->sampled_peak_rss = copy.rss_bytes;
      self->peak_rss_time = copy.time_s;
    }
  if (copy.rss_bytes > self->peak_rss)
    {
      self->peak_rss = copy.rss_bytes;
      self->peak_source = MG_PEAK_SAMPLED;
      self->peak_process = -1;
      self->peak_unsampled = FALSE;
    }
  if (copy.rss_max_bytes > 0)
    self->has_envelope = TRUE;
  if (copy.anon_bytes | copy.file_bytes | copy.shmem_bytes)
    self->has_kinds = TRUE;
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      guint64 v = mg_field_get (&copy, f);

      if (v != MG_NO_VALUE)
        self->field_peaks[f] = MAX (self->field_peaks[f], v);
    }
  self->stacked_peak = MAX (self->stacked_peak, copy.anon_bytes + copy.file_bytes +
                                                copy.shmem_bytes + copy.swap_bytes);

  g_signal_emit (self, signals[SAMPLES_ADDED], 0, first);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SAMPLES]);
}

/**
 * mg_recording_note_interval_max:
 * @rss_max_bytes: the highest RSS between @from_s and @to_s, from a
 *   high-water mark that was reset at @from_s
 *
 * Catch-every-spike mode: records an exact interval maximum.
 */
void
mg_recording_note_interval_max (MgRecording *self,
                                guint64      rss_max_bytes,
                                double       from_s,
                                double       to_s)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  note_exact_peak (self, rss_max_bytes, MG_PEAK_INTERVAL_MAX, -1, from_s, to_s);
}

/**
 * mg_recording_note_tick:
 * @time_s: when the sampler read /proc
 *
 * Counts the time since the previous tick, for the achieved interval.
 */
void
mg_recording_note_tick (MgRecording *self,
                        double       time_s)
{
  g_return_if_fail (MG_IS_RECORDING (self));

  if (self->last_tick >= 0 && time_s > self->last_tick)
    {
      double diff = time_s - self->last_tick;
      int bucket = (int) floor (log (MAX (diff * 1e6, 1.0)) / log (HIST_BASE));

      if (self->interval_hist == NULL)
        self->interval_hist = g_new0 (guint32, HIST_BUCKETS);
      self->interval_hist[CLAMP (bucket, 0, HIST_BUCKETS - 1)]++;
      self->n_intervals++;
      self->worst_interval = MAX (self->worst_interval, diff);
    }
  self->last_tick = time_s;
}

/**
 * mg_recording_get_achieved_interval:
 * @median_s: (out) (optional): the median time between two reads, within 1 %
 * @worst_s: (out) (optional): the longest
 *
 * Returns: %FALSE when fewer than two reads were made
 */
gboolean
mg_recording_get_achieved_interval (MgRecording *self,
                                    double      *median_s,
                                    double      *worst_s)
{
  guint seen = 0;

  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);

  if (self->median_restored >= 0)
    {
      if (median_s != NULL)
        *median_s = self->median_restored;
      if (worst_s != NULL)
        *worst_s = self->worst_restored;
      return TRUE;
    }
  if (self->n_intervals == 0)
    return FALSE;

  for (int b = 0; b < HIST_BUCKETS; b++)
    {
      seen += self->interval_hist[b];
      if (seen * 2 >= self->n_intervals)
        {
          if (median_s != NULL)
            median_s[0] = pow (HIST_BASE, b + 0.5) / 1e6;
          break;
        }
    }
  if (worst_s != NULL)
    *worst_s = self->worst_interval;
  return TRUE;
}

/* The process model lists the tree: a process comes after its parent and
 * the subtrees of its parent's earlier children, one step deeper. */
static void
process_model_add (MgRecording *self,
                   guint        index)
{
  const MgProcess *p = g_ptr_array_index (self->processes, index);
  g_autoptr(MgProcessItem) item = NULL;
  MgProcessItem *parent_item = NULL;
  int parent;
  guint position;

  if (self->process_model == NULL)
    return;

  parent = mg_recording_find_process (self, p->ppid);
  if (parent >= 0 && (guint) parent < self->process_items->len && p->ppid != p->pid)
    parent_item = g_ptr_array_index (self->process_items, parent);
  if (parent_item != NULL && g_list_store_find (self->process_model, parent_item, &position))
    position += 1 + _mg_process_item_get_n_descendants (parent_item);
  else
    {
      parent_item = NULL;
      position = g_list_model_get_n_items (G_LIST_MODEL (self->process_model));
    }
  item = _mg_process_item_new (index, parent_item, p);
  g_ptr_array_add (self->process_items, g_object_ref (item));
  g_list_store_insert (self->process_model, position, item);
}

static void
process_model_sync (MgRecording *self,
                    guint        index)
{
  if (self->process_items != NULL && index < self->process_items->len)
    _mg_process_item_sync (g_ptr_array_index (self->process_items, index),
                           g_ptr_array_index (self->processes, index));
}

static void
process_model_sync_all (MgRecording *self)
{
  for (guint i = 0; self->process_items != NULL && i < self->process_items->len; i++)
    process_model_sync (self, i);
}

static void
marker_model_fill (MgRecording *self)
{
  g_autoptr(GPtrArray) items = NULL;

  if (self->marker_model == NULL)
    return;
  items = g_ptr_array_new_full (self->markers->len, g_object_unref);
  for (guint i = 0; i < self->markers->len; i++)
    g_ptr_array_add (items, _mg_marker_item_new (&g_array_index (self->markers, MgMarker, i)));
  g_list_store_splice (self->marker_model, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->marker_model)),
                       items->pdata, items->len);
}

/**
 * mg_recording_get_process_model:
 *
 * The processes of the run as a list of #MgProcessItem in the order of
 * their tree (a process after its parent and its parent's earlier
 * children), each with its depth. An item is added as its process is;
 * an item emits #MgProcessItem::changed as its process changes (its name,
 * its peak, its end).
 *
 * Returns: (transfer none): the list, created on the first call
 */
GListModel *
mg_recording_get_process_model (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  if (self->process_model == NULL)
    {
      self->process_model = g_list_store_new (MG_TYPE_PROCESS_ITEM);
      self->process_items = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < self->processes->len; i++)
        process_model_add (self, i);
    }
  return G_LIST_MODEL (self->process_model);
}

/**
 * mg_recording_get_marker_model:
 *
 * The markers of the run as a list of #MgMarkerItem in time order; an
 * added marker is inserted where its time puts it.
 *
 * Returns: (transfer none): the list, created on the first call
 */
GListModel *
mg_recording_get_marker_model (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  if (self->marker_model == NULL)
    {
      self->marker_model = g_list_store_new (MG_TYPE_MARKER_ITEM);
      marker_model_fill (self);
    }
  return G_LIST_MODEL (self->marker_model);
}

/**
 * mg_recording_add_process:
 * @pid: its process id
 * @ppid: its parent's
 * @name: (nullable): its name, from /proc/PID/status
 * @cmdline: (nullable): its command line, arguments separated by spaces
 * @time_s: when it was first seen
 *
 * Returns: its index in the process list
 */
guint
mg_recording_add_process (MgRecording *self,
                          int          pid,
                          int          ppid,
                          const char  *name,
                          const char  *cmdline,
                          double       time_s)
{
  return mg_recording_add_process_full (self, pid, ppid, 0, name, cmdline, time_s);
}

/**
 * mg_recording_add_process_full:
 * @start_ticks: its start time, field 22 of /proc/PID/stat; 0 when unknown
 * @start_s: when it started, in seconds of the run
 *
 * Adds a process, or, when one with the same pid and start time is already
 * listed (seen first by the sampler or by memgraph-launch), fills in what
 * that entry lacks.
 *
 * Returns: its index in the process list
 */
guint
mg_recording_add_process_full (MgRecording *self,
                               int          pid,
                               int          ppid,
                               guint64      start_ticks,
                               const char  *name,
                               const char  *cmdline,
                               double       start_s)
{
  MgProcess *p;
  int found;

  g_return_val_if_fail (MG_IS_RECORDING (self), 0);

  found = start_ticks > 0 ? mg_recording_find_process_full (self, pid, start_ticks) : -1;
  if (found >= 0)
    {
      p = g_ptr_array_index (self->processes, found);
      if (p->ppid <= 0)
        p->ppid = ppid;
      if (p->start_ticks == 0)
        p->start_ticks = start_ticks;
      if (p->name[0] == '\0' || p->cmdline[0] == '\0')
        mg_recording_process_exec (self, found, p->name[0] == '\0' ? name : NULL,
                                   p->cmdline[0] == '\0' ? cmdline : NULL);
      p->start_s = MIN (p->start_s, start_s);
      process_model_sync (self, found);
      return found;
    }

  p = g_new0 (MgProcess, 1);
  p->start_ticks = start_ticks;
  p->pid = pid;
  p->ppid = ppid;
  /* Shown in labels and saved as JSON: valid UTF-8 only. */
  p->name = g_utf8_make_valid (name ? name : "", -1);
  p->cmdline = g_utf8_make_valid (cmdline ? cmdline : "", -1);
  p->start_s = start_s;
  p->end_s = -1;
  p->samples = mg_samples_new ();
  g_ptr_array_add (self->processes, p);
  g_hash_table_insert (self->process_index, GINT_TO_POINTER (pid),
                       GUINT_TO_POINTER (self->processes->len));
  process_model_add (self, self->processes->len - 1);
  return self->processes->len - 1;
}

guint
mg_recording_get_n_processes (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->processes->len;
}

/**
 * mg_recording_get_process:
 *
 * Returns: (transfer none): the process at @index, in the order they were seen
 */
const MgProcess *
mg_recording_get_process (MgRecording *self,
                          guint        index)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  g_return_val_if_fail (index < self->processes->len, NULL);
  return g_ptr_array_index (self->processes, index);
}

/**
 * mg_recording_find_process:
 *
 * Returns: the index of the newest process with @pid, or -1
 */
int
mg_recording_find_process (MgRecording *self,
                           int          pid)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), -1);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->process_index, GINT_TO_POINTER (pid))) - 1;
}

/**
 * mg_recording_find_process_full:
 * @start_ticks: its start time (field 22 of /proc/PID/stat), 0 when unknown
 *
 * Pids are reused: a process is the pid and its start time. An entry whose
 * start time is unknown matches the pid alone.
 *
 * Returns: the index of the process, or -1
 */
int
mg_recording_find_process_full (MgRecording *self,
                                int          pid,
                                guint64      start_ticks)
{
  int newest;

  g_return_val_if_fail (MG_IS_RECORDING (self), -1);

  newest = mg_recording_find_process (self, pid);
  if (newest < 0 || start_ticks == 0)
    return newest;
  for (int i = newest; i >= 0; i--)
    {
      MgProcess *p = g_ptr_array_index (self->processes, i);

      if (p->pid == pid && (p->start_ticks == start_ticks || p->start_ticks == 0))
        return i;
    }
  return -1;
}

/**
 * mg_recording_process_sample:
 * @index: the process
 * @sample: its own values at this tick
 * @hwm_bytes: its VmHWM now, 0 when unknown
 * @since_s: the time of its previous read (or of its start)
 *
 * Appends to one process's curve. Call after the tick's total was appended,
 * so that a high-water mark equal to the sample is not taken for a peak
 * between samples.
 */
void
mg_recording_process_sample (MgRecording    *self,
                             guint           index,
                             const MgSample *sample,
                             guint64         hwm_bytes,
                             double          since_s)
{
  MgProcess *p;

  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (index < self->processes->len);

  p = g_ptr_array_index (self->processes, index);
  mg_samples_append (p->samples, sample);

  if (sample->rss_bytes > p->peak_rss && !p->peak_exact)
    {
      p->peak_rss = sample->rss_bytes;
      p->peak_source = MG_PEAK_SAMPLED;
    }
  if (hwm_bytes > 0 && hwm_bytes >= p->peak_rss && !p->peak_exact)
    {
      p->peak_rss = hwm_bytes;
      p->peak_source = MG_PEAK_VM_HWM;
    }
  if (hwm_bytes > 0)
    note_exact_peak (self, hwm_bytes, MG_PEAK_VM_HWM, (int) index, since_s, sample->time_s);
  process_model_sync (self, index);
}

/**
 * mg_recording_process_ended:
 *
 * mg_recording_process_ended_full() without the start time and the
 * children's faults: the process is found by pid alone.
 */
void
mg_recording_process_ended (MgRecording *self,
                            int          pid,
                            double       time_s,
                            int          wait_status,
                            guint64      maxrss_bytes)
{
  mg_recording_process_ended_full (self, pid, 0, time_s, wait_status, maxrss_bytes, G_MAXUINT64);
}

/**
 * mg_recording_process_ended_full:
 * @pid: the process that was reaped by memgraph-launch (or, when followed,
 *   seen to end)
 * @start_ticks: its start time (field 22 of /proc/PID/stat), 0 when unknown
 * @time_s: when
 * @wait_status: its wait status
 * @maxrss_bytes: ru_maxrss of wait4(), in bytes
 * @child_faults: its cminflt + cmajflt at its end; G_MAXUINT64 when unknown
 *
 * ru_maxrss covers the process and the children it reaped itself. It is the
 * process's own exact peak only when it reaped none (@child_faults is 0);
 * otherwise it is kept as the peak of the largest process of that subtree,
 * and those children ended out of sight unless every process is followed.
 */
void
mg_recording_process_ended_full (MgRecording *self,
                                 int          pid,
                                 guint64      start_ticks,
                                 double       time_s,
                                 int          wait_status,
                                 guint64      maxrss_bytes,
                                 guint64      child_faults)
{
  MgProcess *p;
  gboolean parent = FALSE, unseen, reaped;
  double since;
  int index;

  g_return_if_fail (MG_IS_RECORDING (self));

  /* A process never read (too short-lived, or hidden by /proc) may have
   * had its peak at any time since its start. */
  index = mg_recording_find_process_full (self, pid, start_ticks);
  unseen = index < 0;
  if (unseen)
    index = (int) mg_recording_add_process_full (self, pid, 0, start_ticks, NULL, NULL, time_s);
  p = g_ptr_array_index (self->processes, index);

  for (guint i = 0; i < self->processes->len && !parent; i++)
    parent = ((MgProcess *) g_ptr_array_index (self->processes, i))->ppid == pid;
  reaped = child_faults == G_MAXUINT64 ? parent : child_faults > 0;
  if (reaped && child_faults != G_MAXUINT64 && self->follow != MG_FOLLOW_ON)
    self->unseen = TRUE;

  p->end_s = time_s;
  p->exited = TRUE;
  p->wait_status = wait_status;
  p->subtree_maxrss = maxrss_bytes;
  if (!p->peak_exact && !reaped && maxrss_bytes > 0)
    {
      /* ru_maxrss is summed from per-CPU counters and may lag a VmHWM read
       * by a few pages: the higher of the two is the peak. */
      p->peak_rss = MAX (p->peak_rss, maxrss_bytes);
      p->peak_source = MG_PEAK_RU_MAXRSS;
      p->peak_exact = TRUE;
    }
  else if (!p->peak_exact && p->peak_source != MG_PEAK_SAMPLED)
    p->peak_source = MG_PEAK_LAST_VM_HWM;

  since = unseen ? (start_ticks > 0 ? p->start_s : 0)
         : mg_samples_get_size (p->samples) > 0
           ? mg_samples_get_time (p->samples, mg_samples_get_size (p->samples) - 1)
                               : p->start_s;
  note_exact_peak (self, maxrss_bytes, MG_PEAK_RU_MAXRSS, index,
                   reaped ? p->start_s : since, time_s);
  process_model_sync (self, (guint) index);
}

/**
 * mg_recording_process_exit_peak:
 * @hwm_bytes: VmHWM read at its exit stop, while its memory still existed
 * @time_s: when
 *
 * When every process is followed: the exact own peak of a process.
 */
void
mg_recording_process_exit_peak (MgRecording *self,
                                guint        index,
                                guint64      hwm_bytes,
                                double       time_s)
{
  MgProcess *p;
  double since;

  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (index < self->processes->len);

  p = g_ptr_array_index (self->processes, index);
  p->peak_rss = MAX (p->peak_rss, hwm_bytes);
  p->peak_source = MG_PEAK_EXIT;
  p->peak_exact = TRUE;
  since = mg_samples_get_size (p->samples) > 0
            ? mg_samples_get_time (p->samples, mg_samples_get_size (p->samples) - 1)
            : p->start_s;
  note_exact_peak (self, p->peak_rss, MG_PEAK_EXIT, (int) index, since, time_s);
  process_model_sync (self, index);
}

/**
 * mg_recording_process_exec:
 * @name: (nullable): its new name
 * @cmdline: (nullable): its new command line
 *
 * A process executed another program: it is shown by what it runs now.
 */
void
mg_recording_process_exec (MgRecording *self,
                           guint        index,
                           const char  *name,
                           const char  *cmdline)
{
  MgProcess *p;

  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (index < self->processes->len);

  p = g_ptr_array_index (self->processes, index);
  if (name != NULL && name[0] != '\0')
    {
      g_free (p->name);
      p->name = g_utf8_make_valid (name, -1);
    }
  if (cmdline != NULL && cmdline[0] != '\0')
    {
      g_free (p->cmdline);
      p->cmdline = g_utf8_make_valid (cmdline, -1);
    }
  process_model_sync (self, index);
}

/**
 * mg_recording_add_output:
 * @time_s: when the line was read
 * @stream: standard output or error
 * @text: the line, without its newline
 *
 * Keeps a line of the command's output, or what mg_output_add() keeps of
 * it. Emits nothing: see mg_recording_output_changed().
 */
void
mg_recording_add_output (MgRecording    *self,
                         double          time_s,
                         MgOutputStream  stream,
                         const char     *text)
{
  gsize length;

  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (text != NULL);

  length = strlen (text);
  mg_output_add (self->output, time_s, stream, text, length, length);
}

/**
 * mg_recording_add_output_full:
 * @text: the start of a line, @length bytes, not necessarily valid UTF-8
 * @full_length: how long the line was as written
 *
 * Like mg_recording_add_output(), for a line of which the reader kept
 * only the start.
 */
void
mg_recording_add_output_full (MgRecording    *self,
                              double          time_s,
                              MgOutputStream  stream,
                              const char     *text,
                              gsize           length,
                              guint64         full_length)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (text != NULL || length == 0);

  mg_output_add (self->output, time_s, stream, text, length, full_length);
}

/**
 * mg_recording_output_changed:
 *
 * Emits #MgRecording::output-changed: the reader of the output calls it
 * after each block of lines, not after each line.
 */
void
mg_recording_output_changed (MgRecording *self)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  g_signal_emit (self, signals[OUTPUT_CHANGED], 0);
}

/**
 * mg_recording_get_output_store:
 *
 * Returns: (transfer none): the kept output, with its serial numbers
 */
MgOutput *
mg_recording_get_output_store (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  return self->output;
}

/**
 * mg_recording_take_output_store:
 * @output: (transfer full): lines read from a file, bounded as a run's
 *
 * Replaces the (empty) output of a recording being opened.
 */
void
mg_recording_take_output_store (MgRecording *self,
                                MgOutput    *output)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (output != NULL);

  g_clear_pointer (&self->output, mg_output_free);
  self->output = output;
  g_signal_emit (self, signals[OUTPUT_CHANGED], 0);
}

/**
 * mg_recording_get_output_dropped_lines:
 *
 * Returns: how many lines of output were not kept
 */
guint64
mg_recording_get_output_dropped_lines (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return mg_output_get_dropped_lines (self->output);
}

/**
 * mg_recording_get_output_dropped_bytes:
 *
 * Returns: how many bytes of output were not kept, lines not kept and
 *   the ends cut from long lines
 */
guint64
mg_recording_get_output_dropped_bytes (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return mg_output_get_dropped_bytes (self->output);
}

/**
 * mg_recording_restore_output_dropped:
 *
 * Sets the counts of output not kept, as a saved recording says them.
 */
void
mg_recording_restore_output_dropped (MgRecording *self,
                                     guint64      lines,
                                     guint64      bytes)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  mg_output_restore_dropped (self->output, lines, bytes);
}

guint
mg_recording_get_n_output (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return mg_output_get_n_lines (self->output);
}

/**
 * mg_recording_get_output:
 *
 * Returns: (transfer none): the kept line at @index, in the order read;
 *   valid until the next line is added
 */
const MgOutputLine *
mg_recording_get_output (MgRecording *self,
                         guint        index)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  return mg_output_get_line (self->output, index);
}

/**
 * mg_recording_add_marker:
 * @time_s: where on the time axis
 * @label: (nullable): what it marks
 *
 * Adds a marker, kept in time order.
 */
void
mg_recording_add_marker (MgRecording *self,
                         double       time_s,
                         const char  *label)
{
  MgMarker marker;
  guint i, lo, hi;

  g_return_if_fail (MG_IS_RECORDING (self));

  marker.time_s = MAX (time_s, 0);
  marker.label = g_strdup (label ? label : "");
  /* After the markers of the same time: the first at or after it, by bisection. */
  lo = 0;
  hi = self->markers->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->markers, MgMarker, mid).time_s > marker.time_s)
        hi = mid;
      else
        lo = mid + 1;
    }
  i = lo;
  g_array_insert_val (self->markers, i, marker);
  if (self->marker_model != NULL)
    {
      g_autoptr(MgMarkerItem) item = _mg_marker_item_new (&marker);

      g_list_store_insert (self->marker_model, i, item);
    }
  g_signal_emit (self, signals[SAMPLES_ADDED], 0, mg_samples_get_size (self->samples));
}

static int
compare_markers (gconstpointer a,
                 gconstpointer b)
{
  double ta = ((const MgMarker *) a)->time_s, tb = ((const MgMarker *) b)->time_s;

  return (ta > tb) - (ta < tb);
}

/**
 * mg_recording_restore_markers:
 * @markers: (array length=n_markers): markers in any order; their labels
 *   are taken (freed with the recording)
 * @n_markers: how many
 *
 * For recordings opened from a file: adds them all with one stable sort,
 * O(n log n) where adding them one by one in decreasing time would be
 * quadratic. Markers of the same time keep their order.
 */
void
mg_recording_restore_markers (MgRecording *self,
                              MgMarker    *markers,
                              guint        n_markers)
{
  guint first;

  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (markers != NULL || n_markers == 0);

  if (n_markers == 0)
    return;
  first = self->markers->len;
  g_array_append_vals (self->markers, markers, n_markers);
  for (guint i = first; i < self->markers->len; i++)
    {
      MgMarker *m = &g_array_index (self->markers, MgMarker, i);

      m->time_s = MAX (m->time_s, 0);
      if (m->label == NULL)
        m->label = g_strdup ("");
    }
  /* g_qsort_with_data() is a stable merge sort. */
  g_array_sort (self->markers, compare_markers);
  marker_model_fill (self);
  g_signal_emit (self, signals[SAMPLES_ADDED], 0, mg_samples_get_size (self->samples));
}

guint
mg_recording_get_n_markers (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->markers->len;
}

/**
 * mg_recording_get_marker:
 *
 * Returns: (transfer none): the marker at @index, in time order
 */
const MgMarker *
mg_recording_get_marker (MgRecording *self,
                         guint        index)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  g_return_val_if_fail (index < self->markers->len, NULL);
  return &g_array_index (self->markers, MgMarker, index);
}

/**
 * mg_recording_note_unreadable:
 * @pid: a process of the tree
 * @what: what of it /proc refused
 *
 * Notes that a process of the tree could not be read (another user's
 * process, or a /proc mounted with hidepid), so that the recording says
 * so instead of passing its memory off as nothing. Once per process and
 * kind is enough; repeats are ignored.
 */
void
mg_recording_note_unreadable (MgRecording     *self,
                              int              pid,
                              MgUnreadableKind what)
{
  MgUnreadable u = { pid, what };

  g_return_if_fail (MG_IS_RECORDING (self));

  for (guint i = 0; i < self->unreadable->len; i++)
    {
      const MgUnreadable *o = &g_array_index (self->unreadable, MgUnreadable, i);

      if (o->pid == pid && o->what == what)
        return;
    }
  g_array_append_val (self->unreadable, u);
  g_signal_emit (self, signals[SAMPLES_ADDED], 0, mg_samples_get_size (self->samples));
}

/**
 * mg_recording_restore_unreadable:
 * @list: (array length=n): processes as saved, repeats allowed
 *
 * For recordings opened from a file: mg_recording_note_unreadable() for
 * each, with repeats found through a hash set, in O(n) instead of O(n²).
 */
void
mg_recording_restore_unreadable (MgRecording        *self,
                                 const MgUnreadable *list,
                                 guint               n)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = NULL;
  guint old;

  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (list != NULL || n == 0);

  if (n == 0)
    return;
  old = self->unreadable->len;
  keys = g_new (gint64, old + n);
  for (guint i = 0; i < old + n; i++)
    {
      const MgUnreadable *u = i < old ? &g_array_index (self->unreadable, MgUnreadable, i)
                                      : &list[i - old];

      keys[i] = (gint64) u->pid * 2 + (u->what == MG_UNREADABLE_PSS);
      if (g_hash_table_contains (seen, &keys[i]))
        continue;
      g_hash_table_add (seen, &keys[i]);
      if (i >= old)
        g_array_append_val (self->unreadable, *u);
    }
  g_signal_emit (self, signals[SAMPLES_ADDED], 0, mg_samples_get_size (self->samples));
}

guint
mg_recording_get_n_unreadable (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->unreadable->len;
}

const MgUnreadable *
mg_recording_get_unreadable (MgRecording *self,
                             guint        index)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  g_return_val_if_fail (index < self->unreadable->len, NULL);
  return &g_array_index (self->unreadable, MgUnreadable, index);
}

/**
 * mg_recording_process_gone:
 * @index: the process
 * @time_s: when its /proc entry was found gone
 *
 * For a process that ended without a report of its reaping (its own parent
 * reaped it): its end time is when it was last missed.
 */
void
mg_recording_process_gone (MgRecording *self,
                           guint        index,
                           double       time_s)
{
  MgProcess *p;

  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (index < self->processes->len);

  p = g_ptr_array_index (self->processes, index);
  if (p->end_s < 0)
    p->end_s = time_s;
  /* Ended out of our sight (its own parent reaped it): its memory after the
   * last read is not known. A report of its reaping may still come. */
  if (!p->peak_exact && p->peak_source != MG_PEAK_SAMPLED)
    p->peak_source = MG_PEAK_LAST_VM_HWM;
  process_model_sync (self, index);
}

/**
 * mg_recording_set_pss:
 * @time_s: when smaps_rollup was read
 *
 * Stores a PSS and USS reading on the newest sample at or before @time_s.
 */
void
mg_recording_set_pss (MgRecording *self,
                      double       time_s,
                      guint64      pss_bytes,
                      guint64      uss_bytes)
{
  MgSample sample;
  guint i;

  g_return_if_fail (MG_IS_RECORDING (self));

  i = mg_recording_find_sample (self, time_s);
  if (i < mg_samples_get_size (self->samples) && mg_samples_get_time (self->samples, i) == time_s)
    i++;
  if (i == 0)
    return;
  sample = mg_samples_get (self->samples, i - 1);
  mg_field_set (&sample, MG_FIELD_PSS, pss_bytes);
  mg_field_set (&sample, MG_FIELD_USS, uss_bytes);
  mg_samples_replace (self->samples, i - 1, &sample);
  self->field_peaks[MG_FIELD_PSS] = MAX (self->field_peaks[MG_FIELD_PSS], pss_bytes);
  self->field_peaks[MG_FIELD_USS] = MAX (self->field_peaks[MG_FIELD_USS], uss_bytes);
  self->has_pss = TRUE;
  g_signal_emit (self, signals[PSS_SET], 0, i - 1);
}

/**
 * mg_recording_get_pyramid:
 * @field_offset: mg_field_offset() of %MG_FIELD_RSS or %MG_FIELD_VSZ
 *
 * Returns: (transfer none) (nullable): the min/max summary of that series,
 *   or %NULL for the others
 */
MgPyramid *
mg_recording_get_pyramid (MgRecording *self,
                          gsize        field_offset)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  if (field_offset == mg_field_offset (MG_FIELD_RSS))
    return self->rss_pyramid;
  if (field_offset == mg_field_offset (MG_FIELD_VSZ))
    return self->vsz_pyramid;
  return NULL;
}

guint
mg_recording_get_n_samples (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return mg_samples_get_size (self->samples);
}

/**
 * mg_recording_get_samples:
 *
 * Returns: (transfer none): the samples of the whole tree
 */
MgSamples *
mg_recording_get_samples (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  return self->samples;
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

  if (mg_samples_get_size (self->samples) == 0)
    return NULL;
  return mg_samples_peek (self->samples, mg_samples_get_size (self->samples) - 1);
}

/**
 * mg_recording_get_peak_rss:
 *
 * Returns: the highest RSS known: the highest sample, or a kernel
 *   high-water mark of one process when that is higher
 */
guint64
mg_recording_get_peak_rss (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->peak_rss;
}

/**
 * mg_recording_set_command_pid:
 *
 * Which process of the list is the command itself.
 */
void
mg_recording_set_command_pid (MgRecording *self,
                              int          pid)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  self->command_pid = pid;
}

int
mg_recording_get_command_pid (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->command_pid;
}

/**
 * mg_recording_set_stopped:
 * @stopped: whether the command is stopped (SIGSTOP, SIGTSTP) now
 */
void
mg_recording_set_stopped (MgRecording *self,
                          gboolean     stopped)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  self->stopped = !!stopped;
}

gboolean
mg_recording_get_stopped (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);
  return self->stopped && !mg_recording_is_finished (self);
}

/**
 * mg_recording_set_stop_time:
 * @time_s: when the person asked the run to stop, in seconds from its start
 *
 * Only the first request counts.
 */
void
mg_recording_set_stop_time (MgRecording *self,
                            double       time_s)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  if (self->stop_time < 0 && time_s >= 0)
    self->stop_time = time_s;
}

/**
 * mg_recording_get_stop_time:
 *
 * Returns: when the person asked the run to stop, or -1 when nobody did
 */
double
mg_recording_get_stop_time (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), -1);
  return self->stop_time;
}

/**
 * mg_recording_get_command_end:
 *
 * Returns: when the command itself ended, or -1 when unknown; processes it
 *   left behind may have lived longer
 */
double
mg_recording_get_command_end (MgRecording *self)
{
  int index;

  g_return_val_if_fail (MG_IS_RECORDING (self), -1);

  index = self->command_pid > 0 ? mg_recording_find_process (self, self->command_pid) : -1;
  if (index < 0)
    return -1;
  return ((MgProcess *) g_ptr_array_index (self->processes, index))->end_s;
}

guint64
mg_recording_get_sampled_peak_rss (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->sampled_peak_rss;
}

/**
 * mg_recording_get_peak_source:
 *
 * Returns: where the peak comes from; when it is one process's own figure,
 *   what that process's own peak is said to come from
 */
MgPeakSource
mg_recording_get_peak_source (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), MG_PEAK_SAMPLED);

  if (self->peak_process >= 0 && (guint) self->peak_process < self->processes->len)
    {
      const MgProcess *p = g_ptr_array_index (self->processes, self->peak_process);

      if (p->peak_rss == self->peak_rss && p->peak_source != MG_PEAK_SAMPLED)
        return p->peak_source;
    }
  return self->peak_source;
}

/**
 * mg_peak_source_to_string:
 *
 * Returns: the name used in JSON: "sampled", "VmHWM", "ru_maxrss" or
 *   "interval_max"
 */
const char *
mg_peak_source_to_string (MgPeakSource source)
{
  switch (source)
    {
    case MG_PEAK_VM_HWM:
      return "VmHWM";
    case MG_PEAK_RU_MAXRSS:
      return "ru_maxrss";
    case MG_PEAK_INTERVAL_MAX:
      return "interval_max";
    case MG_PEAK_EXIT:
      return "exit";
    case MG_PEAK_LAST_VM_HWM:
      return "last VmHWM read";
    case MG_PEAK_SAMPLED:
    default:
      return "sampled";
    }
}

/**
 * mg_recording_get_peak_window:
 * @from_s: (out) (optional): the start of the window
 * @to_s: (out) (optional): its end
 *
 * Returns: %TRUE when the peak is higher than every sample: it happened
 *   between @from_s and @to_s, where no sample saw it
 */
gboolean
mg_recording_get_peak_window (MgRecording *self,
                              double      *from_s,
                              double      *to_s)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);

  if (!self->peak_unsampled)
    return FALSE;
  if (from_s != NULL)
    *from_s = self->peak_from;
  if (to_s != NULL)
    *to_s = self->peak_to;
  return TRUE;
}

/**
 * mg_recording_get_peak_is_exact:
 *
 * Returns: %TRUE when the peak is a kernel figure for the whole run: the run
 *   had one process and its high-water mark confirms the peak. With several
 *   processes the peak of their sum is sampled (a lower bound).
 */
gboolean
mg_recording_get_peak_is_exact (MgRecording *self)
{
  guint64 upper;

  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);

  if (self->exact_restored >= 0)
    return self->exact_restored;
  /* The high-water mark of an attached process covers its whole life, not
   * only what was watched: never the exact peak of the recording. */
  if (self->attached)
    return FALSE;
  /* Nothing ran: nothing was held, exactly. */
  if (mg_recording_is_finished (self) && mg_recording_get_exit (self)->kind == MG_EXIT_ERROR)
    return TRUE;
  if (self->peak_rss == 0)
    return FALSE;
  /* While it runs: one process, whose high-water mark is the peak so far. */
  if (!mg_recording_is_finished (self))
    return self->processes->len == 1 && !self->unseen && self->max_process_peak >= self->peak_rss;
  /* Both ends of the range meet. */
  return mg_recording_get_peak_upper (self, &upper) && upper <= self->peak_rss;
}

typedef struct
{
  double  time_s;
  gint64  delta;
} SweepEvent;

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const SweepEvent *x = a, *y = b;

  if (x->time_s != y->time_s)
    return x->time_s < y->time_s ? -1 : 1;
  /* Starts before ends at the same time: overlapping is the safe side. */
  return (y->delta > 0) - (x->delta > 0);
}

/* The highest sum of the own peaks of processes alive at the same time,
 * when every own peak is exact and no process ran unseen; else -1. Start
 * and end times are never later and earlier than the truth, so the sum
 * bounds the tree's peak from above. */
static gint64
compute_peak_upper (MgRecording *self)
{
  g_autoptr(GArray) events = NULL;
  gint64 sum = 0, best = 0;

  if (self->processes->len == 0)
    return -1;
  if (self->follow != MG_FOLLOW_ON && self->unseen)
    return -1;

  events = g_array_sized_new (FALSE, FALSE, sizeof (SweepEvent), 2 * self->processes->len);
  for (guint i = 0; i < self->processes->len; i++)
    {
      const MgProcess *p = g_ptr_array_index (self->processes, i);
      SweepEvent start, end;

      if (!p->peak_exact)
        return -1;
      start.time_s = p->start_s;
      start.delta = (gint64) p->peak_rss;
      end.time_s = p->end_s >= 0 ? MAX (p->end_s, p->start_s) : G_MAXDOUBLE;
      end.delta = -(gint64) p->peak_rss;
      g_array_append_val (events, start);
      g_array_append_val (events, end);
    }
  g_array_sort (events, compare_events);
  for (guint i = 0; i < events->len; i++)
    {
      sum += g_array_index (events, SweepEvent, i).delta;
      best = MAX (best, sum);
    }
  return best;
}

/**
 * mg_recording_get_peak_upper:
 * @upper_bytes: (out): the upper end of the peak of the sum
 *
 * The peak RSS of the whole tree lies between mg_recording_get_peak_rss()
 * and this: the highest sum of the exact own peaks of the processes alive at
 * the same time. Known once the run is over, when every process's own peak
 * is exact and none ran unseen (always when every process was followed).
 *
 * Returns: %TRUE when the upper end is known
 */
gboolean
mg_recording_get_peak_upper (MgRecording *self,
                             guint64     *upper_bytes)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);

  if (self->peak_upper < 0)
    return FALSE;
  if (upper_bytes != NULL)
    *upper_bytes = MAX ((guint64) self->peak_upper, self->peak_rss);
  return TRUE;
}

/**
 * mg_recording_set_following:
 * @reason: (nullable): for %MG_FOLLOW_REFUSED, why
 *
 * Whether every process of the run is followed from fork to exit.
 */
void
mg_recording_set_following (MgRecording *self,
                            MgFollow     follow,
                            const char  *reason)
{
  g_return_if_fail (MG_IS_RECORDING (self));

  self->follow = follow;
  g_free (self->follow_reason);
  self->follow_reason = g_strdup (reason);
}

MgFollow
mg_recording_get_following (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), MG_FOLLOW_OFF);
  return self->follow;
}

/**
 * mg_recording_set_budget:
 * @budget_bytes: the highest peak RSS the run was given (--max-rss), or 0
 *   for none
 *
 * A budget the run is held to: the plot draws it as a line, and the
 * window says when the peak went over it.
 */
void
mg_recording_set_budget (MgRecording *self,
                         guint64      budget_bytes)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  self->budget = budget_bytes;
}

/**
 * mg_recording_get_budget:
 *
 * Returns: the budget of mg_recording_set_budget(), or 0
 */
guint64
mg_recording_get_budget (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->budget;
}

const char *
mg_recording_get_follow_reason (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  return self->follow_reason;
}

/**
 * mg_recording_note_setuid:
 * @name: a set-user-ID or set-group-ID program that was executed while
 *   followed, and so ran without its privileges
 */
void
mg_recording_note_setuid (MgRecording *self,
                          const char  *name)
{
  g_return_if_fail (MG_IS_RECORDING (self));

  for (guint i = 0; i < self->setuid_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->setuid_names, i), name) == 0)
      return;
  g_ptr_array_add (self->setuid_names, g_utf8_make_valid (name ? name : "", -1));
}

/**
 * mg_recording_get_n_setuid:
 *
 * Returns: how many programs ran without their privileges (see
 *   mg_recording_note_setuid())
 */
guint
mg_recording_get_n_setuid (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->setuid_names->len;
}

/**
 * mg_recording_get_setuid_name:
 * @index: below mg_recording_get_n_setuid()
 *
 * Returns: (transfer none): the program, as it was noted
 */
const char *
mg_recording_get_setuid_name (MgRecording *self,
                              guint        index)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);
  g_return_val_if_fail (index < self->setuid_names->len, NULL);
  return g_ptr_array_index (self->setuid_names, index);
}

/**
 * mg_recording_note_unseen:
 *
 * Processes ran or ended out of sight (a process reaped children that were
 * not followed): the peak is a lower bound only.
 */
void
mg_recording_note_unseen (MgRecording *self)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  self->unseen = TRUE;
}

gboolean
mg_recording_get_unseen (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);
  return self->unseen;
}

/**
 * mg_recording_set_attached:
 *
 * The recording watches processes it did not start, from the moment of
 * attaching: their high-water marks (and so the peak) are since each
 * process started, the peak is never said to be exact, and a peak above
 * every sample at the first read has no time window.
 */
void
mg_recording_set_attached (MgRecording *self,
                           gboolean     attached)
{
  g_return_if_fail (MG_IS_RECORDING (self));
  self->attached = !!attached;
}

gboolean
mg_recording_get_attached (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);
  return self->attached;
}

/**
 * mg_recording_restore_peak_range:
 * @unseen: whether processes ran unseen
 * @upper_bytes: the upper end of the peak, or < 0 when not known
 *
 * For recordings opened from a file.
 */
void
mg_recording_restore_peak_range (MgRecording *self,
                                 gboolean     unseen,
                                 gint64       upper_bytes)
{
  g_return_if_fail (MG_IS_RECORDING (self));

  self->unseen = !!unseen;
  self->peak_upper = upper_bytes;
  self->upper_restored = TRUE;
}

/**
 * mg_recording_get_peak_of:
 * @field_offset: mg_field_offset() of a field of #MgSample
 *
 * See mg_recording_get_field_peak().
 */
guint64
mg_recording_get_peak_of (MgRecording *self,
                          gsize        field_offset)
{
  MgField field = MG_FIELD_RSS;

  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  g_return_val_if_fail (mg_field_from_offset (field_offset, &field), 0);

  return self->field_peaks[field];
}

/**
 * mg_recording_get_field_peak:
 *
 * Returns: the highest value of @field over the samples (values that were
 *   not measured are skipped), kept as samples arrive
 */
guint64
mg_recording_get_field_peak (MgRecording *self,
                             MgField      field)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  g_return_val_if_fail (field < MG_N_FIELDS, 0);

  return self->field_peaks[field];
}

/**
 * mg_recording_has_field:
 *
 * Returns: whether the recording has the series @field: always for those
 *   measured with every sample, the others once they were measured
 */
gboolean
mg_recording_has_field (MgRecording *self,
                        MgField      field)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);
  g_return_val_if_fail (field < MG_N_FIELDS, FALSE);

  switch (mg_fields[field].when)
    {
    case MG_FIELD_ENVELOPE:
      return self->has_envelope;
    case MG_FIELD_WITH_PSS:
      return self->has_pss;
    case MG_FIELD_ALWAYS:
    default:
      return TRUE;
    }
}

/**
 * mg_recording_get_peak_stacked:
 *
 * Returns: the highest sum of anonymous, file-backed and shared memory and
 *   swap over the samples: the top of the stacked kinds
 */
guint64
mg_recording_get_peak_stacked (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->stacked_peak;
}

gboolean
mg_recording_has_kinds (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);
  return self->has_kinds;
}

gboolean
mg_recording_has_envelope (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);
  return self->has_envelope;
}

gboolean
mg_recording_has_pss (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), FALSE);
  return self->has_pss;
}

guint64
mg_recording_get_peak_vsz (MgRecording *self)
{
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);
  return self->field_peaks[MG_FIELD_VSZ];
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
  g_return_val_if_fail (MG_IS_RECORDING (self), 0);

  return mg_samples_lower_bound (self->samples, 0, mg_samples_get_size (self->samples), time_s);
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

  /* The achieved interval is final: keep its two figures, not the
   * histogram behind them. */
  if (self->median_restored < 0 &&
      mg_recording_get_achieved_interval (self, &self->median_restored, &self->worst_restored))
    g_clear_pointer (&self->interval_hist, g_free);

  /* The whole tree has ended by now. */
  for (guint i = 0; i < self->processes->len; i++)
    {
      MgProcess *p = g_ptr_array_index (self->processes, i);
      if (p->end_s < 0)
        p->end_s = self->duration_s;
    }
  if (!self->upper_restored)
    self->peak_upper = compute_peak_upper (self);
  process_model_sync_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  g_signal_emit (self, signals[FINISHED], 0);
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
    case MG_EXIT_UNKNOWN:
    default:
      return -1;
    }
}

/**
 * mg_recording_restore_process:
 * @process: a process as saved: its fields are copied, its samples not
 *
 * For recordings opened from a file.
 */
void
mg_recording_restore_process (MgRecording     *self,
                              const MgProcess *process)
{
  MgProcess *p;
  guint index;

  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (process != NULL);

  index = mg_recording_add_process (self, process->pid, process->ppid, process->name,
                                    process->cmdline, process->start_s);
  p = g_ptr_array_index (self->processes, index);
  p->end_s = process->end_s;
  p->peak_rss = process->peak_rss;
  p->peak_source = process->peak_source;
  p->peak_exact = process->peak_exact;
  p->start_ticks = process->start_ticks;
  p->exited = process->exited;
  process_model_sync (self, index);
  p->wait_status = process->wait_status;
  self->max_process_peak = MAX (self->max_process_peak, process->peak_rss);
}

/**
 * mg_recording_update_process:
 * @index: a process of the recording
 * @process: its state as a stream tells it: its fields are copied, its
 *   samples not
 *
 * For recordings read from a stream, where a process is told again each
 * time it changes.
 */
void
mg_recording_update_process (MgRecording     *self,
                             guint            index,
                             const MgProcess *process)
{
  MgProcess *p;

  g_return_if_fail (MG_IS_RECORDING (self));
  g_return_if_fail (index < self->processes->len);
  g_return_if_fail (process != NULL);

  p = g_ptr_array_index (self->processes, index);
  p->ppid = process->ppid;
  mg_recording_process_exec (self, index, process->name, process->cmdline);
  p->start_s = process->start_s;
  p->end_s = process->end_s;
  p->peak_rss = process->peak_rss;
  p->peak_source = process->peak_source;
  p->peak_exact = process->peak_exact;
  p->start_ticks = process->start_ticks;
  p->exited = process->exited;
  p->wait_status = process->wait_status;
  self->max_process_peak = MAX (self->max_process_peak, process->peak_rss);
  process_model_sync (self, index);
}

/**
 * mg_recording_restore_peak:
 * @rss_bytes: the peak as saved
 * @source: where it came from
 * @exact: whether it was exact
 * @from_s: start of the window where no sample saw it, or < 0
 * @to_s: end of that window
 *
 * For recordings opened from a file; call after the samples are appended.
 */
void
mg_recording_restore_peak (MgRecording  *self,
                           guint64       rss_bytes,
                           MgPeakSource  source,
                           gboolean      exact,
                           double        from_s,
                           double        to_s)
{
  g_return_if_fail (MG_IS_RECORDING (self));

  if (rss_bytes >= self->peak_rss)
    {
      self->peak_rss = rss_bytes;
      self->peak_source = source;
    }
  self->peak_unsampled = from_s >= 0 && rss_bytes > self->sampled_peak_rss;
  self->peak_from = from_s;
  self->peak_to = MAX (to_s, from_s);
  self->exact_restored = !!exact;
}

/**
 * mg_recording_restore_interval:
 *
 * For recordings opened from a file: the achieved interval as saved.
 */
void
mg_recording_restore_interval (MgRecording *self,
                               double       median_s,
                               double       worst_s)
{
  g_return_if_fail (MG_IS_RECORDING (self));

  self->median_restored = median_s;
  self->worst_restored = worst_s;
}

/**
 * mg_peak_source_from_string:
 * @text: a name from mg_peak_source_to_string()
 * @source: (out): the source
 *
 * Returns: %TRUE when @text names a source
 */
gboolean
mg_peak_source_from_string (const char   *text,
                            MgPeakSource *source)
{
  static const MgPeakSource all[] = {
    MG_PEAK_SAMPLED, MG_PEAK_VM_HWM, MG_PEAK_RU_MAXRSS, MG_PEAK_INTERVAL_MAX, MG_PEAK_EXIT,
    MG_PEAK_LAST_VM_HWM,
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (text, mg_peak_source_to_string (all[i])) == 0)
      {
        *source = all[i];
        return TRUE;
      }
  return FALSE;
}
