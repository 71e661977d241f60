/* mg-start-page.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MG_TYPE_START_PAGE (mg_start_page_get_type ())

G_DECLARE_FINAL_TYPE (MgStartPage, mg_start_page, MG, START_PAGE, AdwBin)

const char *mg_start_page_get_text         (MgStartPage *self);
void        mg_start_page_offer_text       (MgStartPage *self,
                                            const char  *text);
void        mg_start_page_focus            (MgStartPage *self);
const char *mg_start_page_get_directory    (MgStartPage *self);
const char *mg_start_page_get_via          (MgStartPage *self);
double      mg_start_page_get_interval     (MgStartPage *self);
void        mg_start_page_show_error       (MgStartPage *self,
                                            const char  *text);
void        mg_start_page_clear_error      (MgStartPage *self);
const char *mg_start_page_get_error_text   (MgStartPage *self);
void        mg_start_page_remember_command (MgStartPage *self,
                                            const char  *text);

G_END_DECLS
