/* mg-run-strip.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The strip above the graph: elapsed time, RSS and VSZ now, the peak (as
 * much as is known of it), the processes, and the interval achieved.
 */
#include "config.h"

#include "mg-run-strip.h"
#include "mg-units.h"

#include <glib/gi18n.h>
#include <math.h>

struct _MgRunStrip
{
  GtkBox          parent_instance;

  /* template widgets */
  GtkInscription *elapsed_label;
  GtkInscription *rss_label;
  GtkWidget      *peak_caption;
  GtkLabel       *peak_label;
  GtkWidget      *run_following_button;
  GtkInscription *processes_label;
  GtkInscription *interval_label;
  GtkInscription *vsz_label;

  /* The peak mg_run_strip_update_peak() last said, 0 after an update. */
  guint64         said_peak;
};

G_DEFINE_FINAL_TYPE (MgRunStrip, mg_run_strip, GTK_TYPE_BOX)

static void
mg_run_strip_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MG_TYPE_RUN_STRIP);

  G_OBJECT_CLASS (mg_run_strip_parent_class)->dispose (object);
}

static void
mg_run_strip_class_init (MgRunStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_run_strip_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mg-run-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, MgRunStrip, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, MgRunStrip, rss_label);
  gtk_widget_class_bind_template_child (widget_class, MgRunStrip, peak_caption);
  gtk_widget_class_bind_template_child (widget_class, MgRunStrip, peak_label);
  gtk_widget_class_bind_template_child (widget_class, MgRunStrip, run_following_button);
  gtk_widget_class_bind_template_child (widget_class, MgRunStrip, processes_label);
  gtk_widget_class_bind_template_child (widget_class, MgRunStrip, interval_label);
  gtk_widget_class_bind_template_child (widget_class, MgRunStrip, vsz_label);
}

static void
mg_run_strip_init (MgRunStrip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A label's text, set only when it changes: an unchanged strip costs no
 * layout, and a screen reader hears only what changed. */
static void
set_text (GtkLabel   *label,
          const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

/* The peak in the error colour once it is over the run's budget, as the
 * line on the graph is. */
static void
mark_over_budget (MgRunStrip  *self,
                  MgRecording *recording)
{
  guint64 budget = mg_recording_get_budget (recording);
  gboolean over = budget > 0 && mg_recording_get_peak_rss (recording) > budget;
  GtkWidget *label = GTK_WIDGET (self->peak_label);

  if (over == gtk_widget_has_css_class (label, "error"))
    return;
  if (over)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static char *
format_size (guint64  bytes,
             gboolean known)
{
  return known ? mg_format_bytes (bytes) : g_strdup ("—");
}

/* Behind when the median misses the interval by more than 10 %, or when
 * more than 10 % of the samples the run had time for were lost. One late
 * sample is neither: the longest interval is said, not warned about. */
static gboolean
is_behind (MgRecording *recording,
           double       median,
           double       worst)
{
  double requested = mg_recording_get_interval (recording);
  const MgSample *last = mg_recording_get_last (recording);
  guint n = mg_recording_get_n_samples (recording);
  double expected;

  if (median > requested * 1.1)
    return TRUE;
  if (last == NULL || requested <= 0)
    return FALSE;
  expected = floor ((last->time_s - mg_samples_peek (mg_recording_get_samples (recording),
                                                     0)->time_s) / requested) + 1;
  return n < expected * 0.9;
}

/**
 * mg_run_strip_sampling_text:
 * @behind: (out) (optional): whether the sampler fell behind the interval
 *   asked
 *
 * Returns: (transfer full) (nullable): the interval asked and achieved in
 *   words, or %NULL before two samples
 */
char *
mg_run_strip_sampling_text (MgRecording *recording,
                            gboolean    *behind)
{
  double median, worst, requested;
  gboolean late;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  if (!mg_recording_get_achieved_interval (recording, &median, &worst))
    return NULL;
  requested = mg_recording_get_interval (recording);
  late = is_behind (recording, median, worst);
  if (behind != NULL)
    *behind = late;
  if (late)
    return g_strdup_printf (_("The machine could not keep up: %.3f s asked, %.3f s median, "
                              "%.3f s longest. The time axis uses the times of the real reads."),
                            requested, median, worst);
  return g_strdup_printf (_("Sampling every %.3f s: %.3f s median, %.3f s longest"),
                          requested, median, worst);
}

/**
 * mg_run_strip_update:
 * @recording: the run shown
 * @running: whether its command runs
 * @elapsed_s: the time it has run, or its duration
 *
 * Says the figures of @recording.
 */
void
mg_run_strip_update (MgRunStrip  *self,
                     MgRecording *recording,
                     gboolean     running,
                     double       elapsed_s)
{
  const MgSample *last;
  g_autofree char *elapsed = NULL;
  g_autofree char *processes = NULL;
  g_autofree char *rss = NULL;
  g_autofree char *vsz = NULL;
  g_autofree char *peak = NULL;
  guint n, alive = 0;
  double median, worst;
  const char *peak_tip;

  g_return_if_fail (MG_IS_RUN_STRIP (self));
  g_return_if_fail (MG_IS_RECORDING (recording));

  /* While it runs, in whole seconds: a label that changes ten times a
   * second redraws the window ten times a second. */
  elapsed = running ? mg_format_elapsed (elapsed_s) : mg_format_duration (elapsed_s);
  gtk_inscription_set_text (self->elapsed_label, elapsed);

  /* Once the command has ended it holds nothing: "now" has no value. */
  last = running ? mg_recording_get_last (recording) : NULL;
  rss = format_size (last ? last->rss_bytes : 0, last != NULL);
  vsz = format_size (last ? last->vsz_bytes : 0, last != NULL);
  peak = format_size (mg_recording_get_peak_rss (recording),
                      mg_recording_get_peak_rss (recording) > 0);
  gtk_inscription_set_text (self->rss_label, rss);
  gtk_inscription_set_text (self->vsz_label, vsz);
  /* Never more than is known: a range, or a lower bound (set once: each
   * new text of the label lays the window out again). */
  if (!running && mg_recording_get_peak_rss (recording) > 0 &&
      !mg_recording_get_peak_is_exact (recording))
    {
      g_autofree char *lower = mg_format_bytes (mg_recording_get_peak_rss (recording));
      g_autofree char *text = NULL;
      guint64 upper;

      if (mg_recording_get_peak_upper (recording, &upper))
        {
          g_autofree char *high = NULL;

          g_free (lower);
          mg_format_bytes_range (mg_recording_get_peak_rss (recording), upper, &lower, &high);
          /* TRANSLATORS: a peak between two sizes */
          text = g_strdup_printf (_("%s to %s"), lower, high);
        }
      else
        text = g_strdup_printf (_("at least %s"), lower);
      g_free (peak);
      peak = g_steal_pointer (&text);
    }
  /* While it runs, a peak is said with the graph's frame that draws it
   * (mg_run_strip_update_peak()), not here. */
  if (!running || mg_recording_get_peak_rss (recording) == 0)
    {
      set_text (self->peak_label, peak);
      self->said_peak = 0;
    }
  mark_over_budget (self, recording);
  gtk_widget_set_visible (self->run_following_button,
                          !running && mg_recording_get_unseen (recording) &&
                          mg_recording_get_following (recording) != MG_FOLLOW_ON &&
                          mg_recording_get_exit (recording)->kind != MG_EXIT_UNKNOWN);

  n = mg_recording_get_n_processes (recording);
  for (guint i = 0; i < n; i++)
    if (mg_recording_get_process (recording, i)->end_s < 0)
      alive++;
  processes = running ? g_strdup_printf ("%u / %u", alive, n) : g_strdup_printf ("%u", n);
  gtk_inscription_set_text (self->processes_label, processes);

  if (mg_recording_get_achieved_interval (recording, &median, &worst))
    {
      g_autofree char *value = g_strdup_printf (_("%.3f s"), median);

      gtk_inscription_set_text (self->interval_label, value);
      if (is_behind (recording, median, worst))
        gtk_widget_add_css_class (GTK_WIDGET (self->interval_label), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->interval_label), "warning");
    }
  else
    gtk_inscription_set_text (self->interval_label, "—");

  if (mg_recording_get_peak_is_exact (recording))
    peak_tip = _("Exact: the kernel’s high-water mark, whatever the interval");
  else if (mg_recording_get_peak_upper (recording, NULL))
    peak_tip = _("Between the highest sampled sum of the processes and the highest sum of the "
                 "exact own peaks of the processes alive at the same time: both ends are true.");
  else if (mg_recording_get_unseen (recording))
    peak_tip = _("At least this: processes ran or ended between samples, unseen. Follow every "
                 "process to know the whole tree.");
  else if (n > 1)
    peak_tip = _("The highest sampled sum of the processes (a lower bound: their peaks may not "
                 "have been at the same time as a sample).");
  else
    peak_tip = _("The highest RSS sampled");
  /* Setting a tooltip, even the same, hides and shows its window and lays
   * the strip out again. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->peak_caption), peak_tip) != 0)
    {
      gtk_widget_set_tooltip_text (self->peak_caption, peak_tip);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->peak_label), peak_tip);
    }
}

/**
 * mg_run_strip_update_peak:
 * @recording: the run shown, while its command runs
 *
 * Says the peak again, at once: called before each frame in which the
 * graph draws, so that the strip and the graph's subtitle give one figure.
 * While a run is live, mg_run_strip_update() leaves the peak to this.
 */
void
mg_run_strip_update_peak (MgRunStrip  *self,
                          MgRecording *recording)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MG_IS_RUN_STRIP (self));
  g_return_if_fail (MG_IS_RECORDING (recording));

  if (mg_recording_get_peak_rss (recording) == 0 || mg_recording_is_finished (recording))
    return;
  /* Called at every sample: the figure is formatted only when it moved. */
  if (mg_recording_get_peak_rss (recording) == self->said_peak)
    {
      mark_over_budget (self, recording);
      return;
    }
  self->said_peak = mg_recording_get_peak_rss (recording);
  text = mg_format_bytes (self->said_peak);
  if (g_strcmp0 (gtk_label_get_text (self->peak_label), text) != 0)
    gtk_label_set_text (self->peak_label, text);
  mark_over_budget (self, recording);
}

/**
 * mg_run_strip_get_peak_text:
 *
 * Returns: (transfer none): the peak the strip says
 */
const char *
mg_run_strip_get_peak_text (MgRunStrip *self)
{
  g_return_val_if_fail (MG_IS_RUN_STRIP (self), NULL);
  return gtk_label_get_text (self->peak_label);
}
