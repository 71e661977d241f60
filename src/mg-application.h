/* mg-application.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mg-options.h"

G_BEGIN_DECLS

#define MG_TYPE_APPLICATION (mg_application_get_type ())

G_DECLARE_FINAL_TYPE (MgApplication, mg_application, MG, APPLICATION, AdwApplication)

MgApplication *mg_application_new (MgOptions *options);

G_END_DECLS
