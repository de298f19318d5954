#ifndef FLOWSCOPE_CCAIRO_SHIM_H
#define FLOWSCOPE_CCAIRO_SHIM_H
#include <ft2build.h>
#include FT_FREETYPE_H
#include <cairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>
#endif
