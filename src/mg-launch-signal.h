/* mg-launch-signal.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by memgraph-launch and memgraph-gtk; plain C, no GLib.
 */
#pragma once

#include <signal.h>

/* Asks memgraph-launch to end its whole tree: SIGKILL to every descendant,
 * again and again until none is left, then exit. It is also the signal the
 * kernel sends memgraph-launch when memgraph-gtk ends (PR_SET_PDEATHSIG), so
 * that a memgraph-gtk killed by any signal leaves nothing running. A
 * real-time signal, so that nothing else sends it by accident. */
#define MG_LAUNCH_END_SIGNAL (SIGRTMIN + 2)
